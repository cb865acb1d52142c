"""Every node of the night's one `dbt build` as its own Airflow task, without a second dbt.

`dbt_build` runs dbt once and writes dbt's structured (JSON) log into the run's log folder. Each
node task (`dbt_graph`) starts in the triggerer (`start_from_trigger`) and ends there
(`TaskSuccessEvent`/`TaskFailedEvent`/`TaskSkippedEvent`): no worker process, no DAG parse and
no dbt per node, so 200 tasks cost the triggerer's event loop a file read every few seconds.
A node task ends when its node finished in the build (its log line gives dbt's status, time
and message), and fails when dbt ended without a result for it (the build stopped before it).
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator
from airflow.triggers.base import (
    BaseTrigger,
    StartTriggerArgs,
    TaskFailedEvent,
    TaskSkippedEvent,
    TaskSuccessEvent,
)

LOG_NAME = "dbt.log"
ENDED = "build-ended.json"
# dbt's statuses per node kind; "warn" is a passed data test with a warning-level finding.
PASSED = {"success", "pass", "warn"}
SKIPPED = {"skipped"}
POLL_SECONDS = 1.0
# A node task waits at most this long for the build (the build's own limit ends it sooner).
WAIT = timedelta(hours=8)


def log_dir(dbt_runs: Path, run_id: str) -> Path:
    """The run's dbt log folder (DBT_LOG_PATH of its build, `dbt_producer`)."""
    from sto_warehouse.dbt_runner import run_folders

    return run_folders(dbt_runs, run_id)[1]


class BuildLog:
    """Follows one build's JSON log (like `tail -F`: a rotated file is read to its end first)
    and collects what each node did."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.started: dict[str, str] = {}
        self.finished: dict[str, dict] = {}
        self._file = None
        self._inode: int | None = None
        self._rest = ""
        self._polled = 0.0
        self._ended: dict | None = None

    def ended(self) -> dict | None:
        """The producer's marker as of the last poll: written when `dbt_build` ends, whatever
        its outcome."""
        return self._ended

    def _read_marker(self) -> dict | None:
        try:
            return json.loads((self.folder / ENDED).read_text())
        except (OSError, ValueError):
            return None

    def poll(self, min_interval: float = 0.0) -> None:
        """Read what dbt wrote since the last poll (at most once per `min_interval` seconds, so
        many triggers in one loop share one read)."""
        now = time.monotonic()
        if now - self._polled < min_interval:
            return
        self._polled = now
        # The marker before the log: once it exists dbt has written its last line, so the log
        # read after it is complete (read the other way round, a node finished between the two
        # reads would look never run).
        ended = self._read_marker()
        if self._ended is not None and ended != self._ended:
            self._reset()  # the marker went away: dbt_build started again in this run
        self._read_log()
        self._ended = ended

    def _reset(self) -> None:
        self.close()
        self.started, self.finished, self._rest, self._ended = {}, {}, "", None

    def _read_log(self) -> None:
        path = self.folder / LOG_NAME
        try:
            inode = path.stat().st_ino
        except OSError:
            return
        if self._file is not None and inode != self._inode:
            if self._rotated_inode() == self._inode:
                self._consume(self._file.read())  # dbt rolled the file over: its last lines
                self._file.close()
                self._file = None
            else:  # set aside by a new attempt of dbt_build (start_afresh)
                self._reset()
        if self._file is None:
            self._file = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
            self._inode = inode
        self._consume(self._file.read())

    def _rotated_inode(self) -> int | None:
        try:
            return (self.folder / f"{LOG_NAME}.1").stat().st_ino
        except OSError:
            return None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _consume(self, text: str) -> None:
        lines = (self._rest + text).split("\n")
        self._rest = lines.pop()
        for line in lines:
            self._event(line)

    def _event(self, line: str) -> None:
        if '"NodeFinished"' not in line and '"NodeStart"' not in line:
            return
        try:
            event = json.loads(line)
        except ValueError:
            return
        name = event.get("info", {}).get("name")
        data = event.get("data", {})
        unique_id = data.get("node_info", {}).get("unique_id")
        if not unique_id:
            return
        if name == "NodeStart":
            self.started[unique_id] = event["info"].get("ts", "")
        elif name == "NodeFinished":
            self.finished[unique_id] = data.get("run_result", {})


# One follower per log folder in the triggerer process: every node task of a run reads the same
# file, so they share it (the triggerer runs all triggers in one event loop, one at a time).
_FOLLOWERS: dict[Path, BuildLog] = {}


def follower(folder: Path) -> BuildLog:
    if folder not in _FOLLOWERS:
        _FOLLOWERS[folder] = BuildLog(folder)
    return _FOLLOWERS[folder]


def verdict(nodes: list[str], log: BuildLog) -> tuple[str, list[str]] | None:
    """('success'|'failed'|'skipped', lines for the task log) once every node is decided, or
    None while the build is still on them."""
    ended = log.ended()
    lines, states = [], []
    for unique_id in nodes:
        result = log.finished.get(unique_id)
        if result is None:
            if ended is None:
                return None
            states.append("failed")
            lines.append(
                f"{unique_id}: dbt ended ({ended.get('outcome', 'unknown')}) without running it;"
                " the reason is in the dbt_build task's log"
            )
            continue
        status = result.get("status", "")
        seconds = float(result.get("execution_time") or 0)
        message = (result.get("message") or "").strip()
        lines.append(
            f"{unique_id}: {status} in {seconds:.1f} s" + (f": {message}" if message else "")
        )
        if status in PASSED:
            states.append("success")
        elif status in SKIPPED:
            states.append("skipped")
        else:
            states.append("failed")
    if "failed" in states:
        return "failed", lines
    if states and all(state == "skipped" for state in states):
        return "skipped", lines
    return "success", lines


class DbtNodeTrigger(BaseTrigger):
    """Waits in the triggerer for this task's nodes in the run's dbt log; ends the task."""

    def __init__(self, dbt_runs: str, nodes: list[str], poll_seconds: float = POLL_SECONDS):
        super().__init__()
        self.dbt_runs = dbt_runs
        self.nodes = list(nodes)
        self.poll_seconds = poll_seconds

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {"dbt_runs": self.dbt_runs, "nodes": self.nodes, "poll_seconds": self.poll_seconds},
        )

    async def run(self):
        folder = log_dir(Path(self.dbt_runs), self.task_instance.run_id)
        log = follower(folder)
        self.log.info("waiting for %s in the build's log %s", ", ".join(self.nodes), folder)
        announced: set[str] = set()
        while True:
            log.poll(min_interval=self.poll_seconds / 2)
            for unique_id in self.nodes:
                if unique_id in log.started and unique_id not in announced:
                    announced.add(unique_id)
                    self.log.info("%s started at %s", unique_id, log.started[unique_id])
            decided = verdict(self.nodes, log)
            if decided is not None:
                break
            await asyncio.sleep(self.poll_seconds)
        state, lines = decided
        for line in lines:
            (self.log.error if state == "failed" else self.log.info)("%s", line)
        if log.ended() is not None and all(
            uid in log.finished for uid in self.nodes
        ):  # the last task of a finished build lets go of the file
            _forget_when_done(folder)
        event = {"success": TaskSuccessEvent, "failed": TaskFailedEvent}.get(
            state, TaskSkippedEvent
        )
        yield event()


def _forget_when_done(folder: Path) -> None:
    # Followers of builds that ended are dropped after a while, so a long-lived triggerer does
    # not keep one per night; a later trigger of the same run simply reads the file again.
    stale = [
        path
        for path, log in _FOLLOWERS.items()
        if log.ended() and time.monotonic() - log._polled > 600 and path != folder
    ]
    for path in stale:
        _FOLLOWERS.pop(path).close()


class DbtNodeOperator(BaseOperator):
    """One dbt node (or one model's data tests) of the night's build, reported in Airflow.

    It never runs on a worker: it starts and ends in the triggerer (see the module's text)."""

    ui_color = "#e8f1e4"
    start_from_trigger = True

    def __init__(
        self, *, nodes: list[str], dbt_runs: str, kind: str, reads: list[str] = (), **kwargs
    ):
        super().__init__(**kwargs)
        self.nodes = list(nodes)
        self.kind = kind
        self.doc_md = f"dbt {kind}: " + ", ".join(f"`{uid}`" for uid in self.nodes)
        if reads:
            self.doc_md += "\n\nreads (dbt_nodes tasks): " + ", ".join(f"`{t}`" for t in reads)
        self.start_trigger_args = StartTriggerArgs(
            trigger_cls=f"{DbtNodeTrigger.__module__}.{DbtNodeTrigger.__qualname__}",
            trigger_kwargs={"dbt_runs": dbt_runs, "nodes": self.nodes},
            next_method="execute_complete",
            timeout=WAIT,
        )

    def execute(self, context):  # only when a deployment turns start_from_trigger off
        self.defer(
            trigger=DbtNodeTrigger(**self.start_trigger_args.trigger_kwargs),
            method_name="execute_complete",
            timeout=WAIT,
        )

    def execute_complete(self, context, event=None):
        return event


def mark_ended(folder: Path, outcome: str) -> None:
    """The producer's last word: the node tasks still waiting decide from the log as it is."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / ENDED
    partial = marker.with_suffix(".partial")
    partial.write_text(json.dumps({"outcome": outcome, "at": time.time()}))
    os.replace(partial, marker)


def start_afresh(folder: Path) -> None:
    """Before a build: an earlier attempt's marker and log must not decide this one's nodes."""
    (folder / ENDED).unlink(missing_ok=True)
    log = folder / LOG_NAME
    if log.exists():
        log.rename(folder / f"{LOG_NAME}.{int(time.time())}")
