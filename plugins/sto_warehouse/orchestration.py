"""What the DAG files call. Kept import-light: the DAG processor imports this module when it
parses DAGs, so heavy imports (GX, pandas, dbt) happen inside the functions, in the task."""

from __future__ import annotations

import logging

# The one aggregate Asset (DESIGN §6): emitted by an ingest DAG only when at least one raw
# partition changed; the transform DAG is scheduled on it.
RAW_CHANGED_URI = "warehouse://sto/raw"
RAW_CHANGED_NAME = "sto_raw_changed"

# One ingest DAG (DUO, then the submissions checked against the DUO lists of the same night)
# and one transform scheduled on its Asset: Airflow owns the night's order, `sto run` only
# triggers and follows.
INGEST_DAG = "sto_ingest"
TRANSFORM_DAG = "sto_transform"
DAGS = (INGEST_DAG, TRANSFORM_DAG)
INGEST_CRON = "0 2 * * *"
TIMEZONE = "Europe/Amsterdam"

# The nightly build runs models, seeds, snapshots and data tests on the night's data; dbt unit
# tests check SQL logic on fixed rows, so they run on every change (`make test`), not nightly.
NIGHTLY_EXCLUDE = "resource_type:unit_test"
# The transform DAG's task group with one task per dbt node of the build (dbt_graph, dbt_watch).
NODE_GROUP = "dbt_nodes"

DEFAULT_ARGS = {
    "owner": "sto-data",
    "retries": 2,
    "retry_exponential_backoff": True,
}

log = logging.getLogger(__name__)


def settings():
    from sto_warehouse.config import load_settings

    return load_settings()


def discover(sources: tuple[str, ...], conf: dict | None = None) -> list[dict]:
    """New or changed files; or, with ``{"reload": {"dataset": …, "period": …}}`` in the run's
    conf (`sto reload`), the archived files behind those partitions, forced past the skip key."""
    from sto_warehouse.ingest import pipeline

    reload = (conf or {}).get("reload")
    if reload is not None:
        try:
            tasks = pipeline.reload_tasks(settings(), reload.get("dataset"), reload.get("period"))
        except KeyError as exc:
            from airflow.sdk.exceptions import AirflowFailException

            # A wrong request is not worth retrying.
            raise AirflowFailException(str(exc)) from exc
        log.info("reloading %d partition(s) from the archive", len(tasks))
        return tasks
    tasks = pipeline.discover(settings(), sources)
    log.info("%d new or changed file(s): %s", len(tasks), [t["original_name"] for t in tasks])
    return tasks


def discover_night(conf: dict | None = None) -> dict:
    """The night's first task: what is new in both halves, {"duo": [...], "submissions":
    {"registrations": [...], "others": [...]}, "errors": {half: message}}, or {} when nothing is
    (the run then skips every other task: a quiet night is this one task).

    A half whose discovery raised is recorded, not raised: that half's own `discover` task
    tries again (and fails, with retries, where it still cannot), the other half goes on.
    """
    from sto_warehouse.submissions import orchestration as sub

    found: dict = {"duo": [], "submissions": {"registrations": [], "others": []}, "errors": {}}
    for half, discover_half in (
        ("duo", lambda: discover(("duo",), conf)),
        ("submissions", lambda: sub.discover(conf)),
    ):
        try:
            found[half] = discover_half()
        except Exception as exc:  # noqa: BLE001 - the half's own task reports it
            log.warning("%s: discovery failed (%s); its own discover task tries again", half, exc)
            found["errors"][half] = f"{type(exc).__name__}: {exc}"
    new = len(found["duo"]) + sum(len(v) for v in found["submissions"].values())
    if not new and not found["errors"]:
        log.info("nothing new in landing (DUO or submissions): every other task is skipped")
        return {}
    return found


def night_half(found: dict, half: str, rediscover):
    """A half's share of the night's discovery; where it failed, the half discovers again."""
    if half in found.get("errors", {}):
        return rediscover()
    return found[half]


def stage(task: dict, run_id: str) -> dict:
    from sto_warehouse.ingest import pipeline

    return pipeline.stage(settings(), task, run_id)


def raw_gate(staged: list[dict], run_id: str) -> list[dict]:
    from sto_warehouse.ingest import pipeline

    return pipeline.gate(settings(), list(staged), run_id)


def commit(gated: list[dict], run_id: str) -> dict:
    from sto_warehouse.ingest import pipeline

    summary = pipeline.commit(settings(), list(gated), run_id)
    for item in summary["rejected"]:
        log.warning(
            "REJECTED %s: %s | fix: %s",
            item.get("original_name"),
            item.get("reason"),
            item.get("fix"),
        )
    for item in summary["loaded"]:
        log.info(
            "loaded %s -> %s %s (%s rows)",
            item.get("original_name"),
            item.get("dataset"),
            item.get("period"),
            item.get("row_count"),
        )
    return summary


def changed_by(duo: dict | None, submissions: dict | None) -> dict:
    """What the night changed in raw, for the Asset event: empty when nothing changed (then no
    rebuild). Either summary is None when its group did not get that far."""
    changed = {}
    if duo and duo.get("changed"):
        changed["duo"] = len(duo.get("loaded", []))
    if submissions and submissions.get("changed"):
        changed["submissions"] = len(submissions.get("loaded", []))
    return changed


def prepare_candidate(run_id: str, full: bool = False) -> dict:
    """Drop the previous candidate and start the new one: the incremental facts start from the
    published tables, with the periods to rebuild (sto_warehouse.incremental)."""
    from sto_warehouse import incremental

    return incremental.start_candidate(settings(), run_id, full=full)


def disclosure_completion(run_id: str) -> dict:
    """Withhold what the disclosure audit can still narrow and rebuild the protected models."""
    from sto_warehouse.disclosure import completion

    return completion.run(settings(), run_id)


def candidate_gate(run_id: str) -> dict:
    from sto_warehouse.gates import candidate_gate as gate

    return gate.run(settings(), run_id)


def publish(summary: dict, run_id: str) -> int:
    from sto_warehouse import publish as publisher

    release = publisher.publish(settings(), run_id, summary)
    log.info("published release %s", release)
    return release


def gate_failure_message(summary: dict) -> str:
    lines = [f"{summary['failed_errors']} error-level check(s) failed; the release is unchanged:"]
    for error in summary["errors"]:
        lines.append(
            f"- {error['table']}: {error['check']} ({error['expectation']}); observed"
            f" {error['observed']}; sample {error['sample']}"
        )
    return "\n".join(lines)


def keep_dbt_artifacts(project_dir: str, context=None, **_: object) -> None:
    """cosmos callback: copy this run's dbt artifacts out of cosmos' temporary project copy to
    ``$STO_HOME/dbt/runs/<run_id>/target`` (each run keeps its own target folder)."""
    import shutil
    from pathlib import Path

    from sto_warehouse.dbt_runner import run_dirs

    run_id = (context or {}).get("run_id") or "manual"
    target, _logs = run_dirs(settings(), run_id)
    target.mkdir(parents=True, exist_ok=True)
    source = Path(project_dir) / "target"
    for name in ("run_results.json", "manifest.json", "semantic_manifest.json"):
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    log.info("dbt artifacts kept in %s", target)
    if (target / "run_results.json").exists():
        # Every model, seed and test of the one dbt process, in this task's log (it runs before
        # cosmos raises on a failed build): the failed nodes first, then the slowest.
        from sto_warehouse.summary import dbt_nodes

        for line in dbt_nodes(target / "run_results.json"):
            log.info("%s", line)


def dbt_runs_dir() -> str:
    """$STO_HOME/dbt: where each run keeps its dbt target and log folders (`dbt_runner`)."""
    from sto_warehouse.config import load_settings

    return str(load_settings().dbt_runs)


def dbt_node_graph() -> dict | None:
    """The dbt nodes as tasks (`dbt_graph`), written by `sto up`; None before the first."""
    from sto_warehouse import dbt_graph, dbt_runner
    from sto_warehouse.config import load_settings

    return dbt_graph.read(dbt_runner.node_graph_path(load_settings()))


def cosmos_cache_dir():
    """Where cosmos keeps dbt's partial-parse file between runs (so dbt does not re-parse)."""
    from sto_warehouse.config import load_settings

    return load_settings().dbt_runs / "cosmos-cache" / TRANSFORM_DAG


def source_freshness(run_id: str) -> dict:
    """`dbt source freshness` after a build; a stale source is a warning, never a failure.

    The result is kept as $STO_HOME/dbt/freshness.json for `sto status` and the monitor report.
    """
    import json
    import shutil

    from sto_warehouse.dbt_runner import run, run_dirs

    config = settings()
    target, _ = run_dirs(config, run_id)
    output = target / "sources.json"
    result = run(config, ["source", "freshness", "--output", str(output)], run_id, capture=True)
    if not output.exists():
        raise RuntimeError(f"dbt source freshness produced no result:\n{result.stdout[-3000:]}")
    shutil.copy2(output, config.dbt_runs / "freshness.json")
    data = json.loads(output.read_text())
    states: dict[str, int] = {}
    for item in data.get("results", []):
        states[item["status"]] = states.get(item["status"], 0) + 1
        if item["status"] != "pass":
            log.warning(
                "source %s is %s (max loaded %s)",
                item["unique_id"],
                item["status"],
                item.get("max_loaded_at"),
            )
    return states


def build_report(run_id: str) -> str:
    """The monitor report over the release just published ($STO_HOME/reports/monitor)."""
    from sto_warehouse import report

    index = report.build(settings())
    log.info("monitor report for run %s written to %s", run_id, index)
    return str(index)
