"""The load protocol as four steps, each callable from an Airflow task or from the CLI.

``discover`` -> list of new/changed files (the ingest DAG maps ``stage`` over it: nothing new means
zero mapped tasks) -> ``stage`` (archive + identify + COPY into pending) -> ``gate`` (one GX run
for all pending tables) -> ``commit`` (swap passed partitions, quarantine the rest).
Every step takes and returns plain dicts so they travel through XCom unchanged.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

import psycopg

from sto_warehouse import db, protocol
from sto_warehouse.config import Settings
from sto_warehouse.ingest import copy_loader, files
from sto_warehouse.ingest.errors import Problem, Rejected
from sto_warehouse.ingest.identify import Identification, identify
from sto_warehouse.registry import LOADER_VERSION, get

log = logging.getLogger(__name__)

# Pending tables of loads that never finished (a killed task) are dropped after this long.
ABANDON_AFTER = "6 hours"


@dataclass
class FileTask:
    source: str
    sha256: str
    original_name: str
    landing_path: str
    archive_path: str
    size: int
    first_seen: str  # ISO date the bytes were first seen: the landing date
    force: bool = False
    period_override: str | None = None
    # discover's one pass over the bytes (sha256, encoding, NUL ...), so stage need not repeat it
    scan: dict | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def already_done(conn: psycopg.Connection, sha: str, entry_version: int | None) -> bool:
    """Skip key (sha256, entry version, loader version) with a terminal outcome."""
    row = conn.execute(
        "select 1 from audit.loads where file_sha256 = %s and loader_version = %s"
        " and entry_version is not distinct from %s and status in ('loaded', 'rejected', 'skipped')"
        " limit 1",
        (sha, LOADER_VERSION, entry_version),
    ).fetchone()
    return row is not None


def _identify_file(
    path: Path,
    name: str,
    landing_date: date | None,
    period_override: str | None = None,
    scan: files.Scan | None = None,
) -> Identification:
    scan = scan or files.scan(path)
    dialect = files.sniff(path, scan, name)
    return identify(
        name,
        scan,
        dialect,
        landing_date,
        period_override,
        first_row=lambda: files.read_first_row(path, scan, dialect),
    )


def abandon_stale(conn: psycopg.Connection) -> int:
    stale = conn.execute(
        "select load_id from audit.loads where status = 'staged'"
        " and started_at < now() - %s::interval",
        (ABANDON_AFTER,),
    ).fetchall()
    for (load_id,) in stale:
        copy_loader.drop_pending(conn, load_id)
        copy_loader.finish_load(
            conn, load_id, "abandoned", "never committed; pending table dropped"
        )
    conn.commit()
    return len(stale)


def ensure_raw_tables(conn: psycopg.Connection) -> None:
    """Every registered dataset has its (possibly empty) raw table, so dbt sources always exist."""
    from sto_warehouse.registry import registry

    for entry in registry().values():
        copy_loader.ensure_raw_table(conn, entry)
    conn.commit()


def discover(settings: Settings, sources: tuple[str, ...] = ("duo",)) -> list[dict]:
    """Archive every landed file and return only those not yet loaded under their skip key."""
    tasks: list[dict] = []
    with db.loader(settings) as conn:
        ensure_raw_tables(conn)
        abandon_stale(conn)
        if "duo" in sources:
            from sto_warehouse.ingest import download

            for outcome in download.download_all(settings, conn):
                log.info("download %s: %s", outcome.url, outcome.status)
        for source in sources:
            for path in protocol.landed(settings, source):
                scan = files.scan(path)
                kept = protocol.archive(
                    settings, conn, source, path.name, path=path, sha256=scan.sha256
                )
                archived, landing_date = kept.path, kept.first_seen.date()
                conn.commit()
                try:
                    # The archived copy was verified against this scan's sha256: same bytes.
                    entry_version = _identify_file(
                        archived, path.name, landing_date, scan=scan
                    ).entry.version
                except Rejected:
                    entry_version = None
                if already_done(conn, scan.sha256, entry_version):
                    continue
                tasks.append(
                    FileTask(
                        source=source,
                        sha256=scan.sha256,
                        original_name=path.name,
                        landing_path=str(path),
                        archive_path=str(archived),
                        size=scan.size,
                        first_seen=landing_date.isoformat(),
                        scan=files.scan_as_dict(scan),
                    ).as_dict()
                )
    # Same (dataset, period) twice in one drop: the later file name/landing wins, deterministically.
    return sorted(tasks, key=lambda t: (t["source"], t["first_seen"], t["original_name"]))


def reload_tasks(
    settings: Settings, dataset: str | None = None, period: str | None = None
) -> list[dict]:
    """Tasks that reload partitions from the archive (forced past the skip key): the file each
    (dataset, period) partition holds now; all of them when no dataset is given."""
    if dataset is not None:
        get(dataset)  # an unknown dataset is an error, not an empty reload
    query = (
        # The name of the load that filled the partition, not audit.files' first name for the
        # bytes: DUO republishes unchanged files under a new name (e.g. besturenvo_2022-12 and
        # _2023-12 identical), and the name carries the period.
        "select p.dataset, p.period, f.file_sha256, f.source, l.source_file, f.archive_path,"
        " f.size_bytes, f.first_seen_at::date from audit.partitions as p"
        " join audit.files as f using (file_sha256)"
        " join audit.loads as l on l.load_id = p.load_id"
        " where (%s::text is null or p.dataset = %s) and (%s::text is null or p.period = %s)"
        " order by p.dataset, p.period"
    )
    with db.loader(settings) as conn:
        rows = conn.execute(query, (dataset, dataset, period, period)).fetchall()
    tasks = []
    for _dataset, _period, sha, source, name, _recorded, size, first_seen in rows:
        # The archive of *this* $STO_HOME (a restored backup lives somewhere else than recorded).
        archived = str(files.archive_path(settings.archive, source, sha))
        if not Path(archived).exists():
            raise FileNotFoundError(f"{name} ({sha}) is missing from the archive at {archived}")
        tasks.append(
            FileTask(
                source=source,
                sha256=sha,
                original_name=name,
                landing_path="",
                archive_path=archived,
                size=size,
                first_seen=first_seen.isoformat(),
                force=True,
            ).as_dict()
        )
    return tasks


def _reject(
    settings: Settings,
    conn: psycopg.Connection,
    task: dict,
    problems: list[Problem],
    run_id: str | None,
    load_id: int | None,
    dataset: str | None,
    extra: dict | None = None,
) -> dict:
    folder = files.quarantine(
        settings.quarantine,
        task["source"],
        task["sha256"],
        task["original_name"],
        Path(task["archive_path"]),
        problems,
        extra,
    )
    with conn.transaction():
        if load_id is None:
            row = conn.execute(
                "insert into audit.loads (run_id, dataset, source_file, file_sha256,"
                " loader_version, status, message, finished_at)"
                " values (%s, %s, %s, %s, %s, 'rejected', %s, now()) returning load_id",
                (
                    run_id,
                    dataset,
                    task["original_name"],
                    task["sha256"],
                    LOADER_VERSION,
                    str(problems[0]),
                ),
            ).fetchone()
            assert row is not None
            load_id = int(row[0])
        else:
            copy_loader.drop_pending(conn, load_id)
            copy_loader.finish_load(conn, load_id, "rejected", str(problems[0]))
        for problem in problems:
            conn.execute(
                "insert into audit.rejections (load_id, run_id, source, source_file, file_sha256,"
                " dataset, code, message, line, column_name, expected, found, fix,"
                " quarantine_path) values (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                (
                    load_id,
                    run_id,
                    task["source"],
                    task["original_name"],
                    task["sha256"],
                    dataset,
                    problem.code,
                    str(problem),
                    problem.line,
                    problem.column,
                    problem.expected,
                    problem.found,
                    problem.fix,
                    str(folder),
                ),
            )
    log.warning("rejected %s: %s", task["original_name"], problems[0])
    return {
        **task,
        "status": "rejected",
        "load_id": load_id,
        "dataset": dataset,
        "problems": [p.as_dict() for p in problems],
        "quarantine": str(folder),
    }


def stage(settings: Settings, task: dict, run_id: str | None) -> dict:
    """Identify one archived file and COPY it into a pending table (or reject it whole)."""
    path = Path(task["archive_path"])
    landing_date = date.fromisoformat(task["first_seen"])
    with db.loader(settings) as conn:
        try:
            known = task.get("scan")
            ident = _identify_file(
                path,
                task["original_name"],
                landing_date,
                task.get("period_override"),
                files.Scan(**known) if known and known["sha256"] == task["sha256"] else None,
            )
        except Rejected as exc:
            return _reject(settings, conn, task, exc.problems, run_id, None, None)
        if not task.get("force") and already_done(conn, task["sha256"], ident.entry.version):
            return {**task, "status": "skipped", "dataset": ident.dataset, "period": ident.period}
        # End the read-only transaction of the check above, so the 'staged' audit row below is
        # committed on its own (a killed COPY leaves it behind for abandon_stale to clean up).
        conn.commit()
        try:
            staged = copy_loader.stage(conn, ident, path, task["original_name"], run_id)
        except Rejected as exc:
            load_id = conn.execute(
                "select max(load_id) from audit.loads where file_sha256 = %s and status = 'staged'"
                " and run_id is not distinct from %s",
                (task["sha256"], run_id),
            ).fetchone()[0]
            return _reject(
                settings,
                conn,
                task,
                exc.problems,
                run_id,
                load_id,
                ident.dataset,
                {"identified_as": ident.summary()},
            )
    return {
        **task,
        "status": "staged",
        "load_id": staged.load_id,
        "dataset": staged.dataset,
        "period": staged.period,
        "pending_table": staged.pending_table,
        "row_count": staged.row_count,
        "identification": ident.summary(),
    }


def gate(settings: Settings, staged: list[dict], run_id: str | None) -> list[dict]:
    """Run the raw suites (GX, one import for all files) on every pending table."""
    pending = [s for s in staged if s and s.get("status") == "staged"]
    if not pending:
        return list(staged)
    from sto_warehouse.gates import raw_gate

    outcomes = raw_gate.run(settings, pending, run_id)
    result = []
    for item in staged:
        if item and item.get("status") == "staged":
            item = {**item, "gate": outcomes[item["load_id"]]}
        result.append(item)
    return result


def commit(settings: Settings, gated: list[dict], run_id: str | None) -> dict:
    """Swap in every pending table that passed its gate; quarantine those that failed."""
    summary: dict = {"loaded": [], "skipped": [], "rejected": []}
    with db.loader(settings) as conn:
        for item in gated:
            if not item:
                continue
            status = item.get("status")
            if status == "rejected":
                summary["rejected"].append(_brief(item))
                continue
            if status == "skipped":
                summary["skipped"].append(_brief(item))
                continue
            gate_result = item.get("gate") or {"passed": True, "failures": []}
            if not gate_result["passed"]:
                problems = [Problem(**f["problem"]) for f in gate_result["failures"]]
                rejected = _reject(
                    settings,
                    conn,
                    item,
                    problems,
                    run_id,
                    item["load_id"],
                    item["dataset"],
                    {"identified_as": item.get("identification")},
                )
                summary["rejected"].append(_brief(rejected))
                continue
            entry = get(item["dataset"])
            staged = copy_loader.Staged(
                item["load_id"],
                item["dataset"],
                item["period"],
                item["pending_table"],
                item["row_count"],
            )
            outcome = copy_loader.swap_in(
                conn, entry, staged, item["sha256"], force=bool(item.get("force"))
            )
            brief = _brief(item)
            brief["warnings"] = (item.get("identification") or {}).get("warnings", [])
            brief["warnings"] += gate_result.get("warnings", [])
            summary["loaded" if outcome == "loaded" else "skipped"].append(brief)
    return protocol.summary(summary["loaded"], summary["rejected"], summary["skipped"])


def _brief(item: dict) -> dict:
    brief = {
        k: item.get(k)
        for k in (
            "original_name",
            "dataset",
            "period",
            "row_count",
            "load_id",
            "sha256",
            "quarantine",
        )
    }
    if item.get("problems"):
        brief["reason"] = item["problems"][0].get("message")
        brief["code"] = item["problems"][0].get("code")
        brief["fix"] = item["problems"][0].get("fix")
        problem = item["problems"][0]
        brief["where"] = {k: problem[k] for k in ("file", "line", "column") if k in problem}
    return {k: v for k, v in brief.items() if v is not None}


def load_paths(
    settings: Settings,
    run_id: str | None,
    sources: tuple[str, ...] = ("duo",),
    tasks: list[dict] | None = None,
) -> dict:
    """The whole protocol in this process (CLI and tests); Airflow runs the same steps as tasks."""
    tasks = discover(settings, sources) if tasks is None else tasks
    staged = [stage(settings, t, run_id) for t in tasks]
    return commit(settings, gate(settings, staged, run_id), run_id)
