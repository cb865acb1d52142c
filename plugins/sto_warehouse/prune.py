"""Retention (`sto prune`): what is kept, for how long, and what is never deleted.

| what                                   | kept                       | setting                        |
|----------------------------------------|----------------------------|--------------------------------|
| archive (every input file by sha256)   | forever (system of record) | -                              |
| audit loads, rejections, partitions, files, releases, downloads | forever (the trail) | -       |
| audit gate results                     | 400 days                   | STO_RETENTION_GATE_DAYS        |
| quarantined files + reason.json        | 365 days                   | STO_RETENTION_QUARANTINE_DAYS  |
| per-run dbt target/log folders         | 90 days                    | STO_RETENTION_DBT_RUN_DAYS     |
| a failed candidate (*__wap schemas)    | until the next build, or 14 days | STO_RETENTION_CANDIDATE_DAYS |
| frozen releases (release_NNNN)         | forever (researchers cite them) | -                         |
| GX Data Docs                           | the latest per stage (replaced each run) | -                |
| portal access log (logins, uploads, downloads; docs/privacy.md) | 365 days | STO_RETENTION_PORTAL_LOG_DAYS |
| portal sessions                        | until they expire (10 hours at most) | -                  |
| a portal upload's copy in the landing folder, once the night judged it | 30 days | STO_RETENTION_PORTAL_LANDING_DAYS |
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql

from sto_warehouse import db
from sto_warehouse.config import Settings

DEFAULTS = {
    "STO_RETENTION_GATE_DAYS": 400,
    "STO_RETENTION_QUARANTINE_DAYS": 365,
    "STO_RETENTION_DBT_RUN_DAYS": 90,
    "STO_RETENTION_CANDIDATE_DAYS": 14,
    "STO_RETENTION_PORTAL_LOG_DAYS": 365,
    "STO_RETENTION_PORTAL_LANDING_DAYS": 30,
}


@dataclass
class Pruned:
    gate_results: int = 0
    quarantine: list[str] = field(default_factory=list)
    dbt_runs: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    portal_log: int = 0
    portal_landing: list[str] = field(default_factory=list)


def days(settings: Settings, key: str) -> int:
    return int(settings.get(key, str(DEFAULTS[key])) or DEFAULTS[key])


def _old_folders(root: Path, depth_glob: str, older_than: float) -> list[Path]:
    if not root.exists():
        return []
    return [p for p in root.glob(depth_glob) if p.is_dir() and p.stat().st_mtime < older_than]


def prune(settings: Settings, dry_run: bool = False, now: float | None = None) -> Pruned:
    now = now or time.time()
    result = Pruned()
    day = 86400
    with db.admin(settings) as conn:
        gate_days = days(settings, "STO_RETENTION_GATE_DAYS")
        count = conn.execute(
            "select count(*) from audit.gate_results where created_at < now() - %s * interval '1 day'",
            (gate_days,),
        ).fetchone()[0]
        result.gate_results = int(count)
        if not dry_run and count:
            conn.execute(
                "delete from audit.gate_results where created_at < now() - %s * interval '1 day'",
                (gate_days,),
            )
        # A candidate left behind by a failed gate is kept for inspection until the next build
        # replaces it, or until it is older than the retention.
        candidate_days = days(settings, "STO_RETENTION_CANDIDATE_DAYS")
        stale = conn.execute(
            "select coalesce(max(created_at) < now() - %s * interval '1 day', false)"
            " from audit.gate_results where stage = 'candidate'",
            (candidate_days,),
        ).fetchone()[0]
        for schema in ("marts__wap", "monitor__wap"):
            exists = conn.execute(
                "select 1 from pg_namespace where nspname = %s", (schema,)
            ).fetchone()
            if exists and stale:
                result.candidates.append(schema)
                if not dry_run:
                    conn.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(schema)))
        _prune_portal(settings, conn, result, dry_run)
        conn.commit()
    quarantine_cutoff = now - days(settings, "STO_RETENTION_QUARANTINE_DAYS") * day
    for folder in _old_folders(settings.quarantine, "*/*", quarantine_cutoff):
        result.quarantine.append(str(folder))
        if not dry_run:
            shutil.rmtree(folder, ignore_errors=True)
    dbt_cutoff = now - days(settings, "STO_RETENTION_DBT_RUN_DAYS") * day
    for folder in _old_folders(settings.dbt_runs / "runs", "*", dbt_cutoff):
        result.dbt_runs.append(str(folder))
        if not dry_run:
            shutil.rmtree(folder, ignore_errors=True)
    return result


def _prune_portal(settings: Settings, conn, result: Pruned, dry_run: bool) -> None:
    """The portal's access log, expired sessions, and the landing copies of uploads the night
    has judged (the archive keeps the bytes; audit.submissions and portal.uploads the trail)."""
    from sto_warehouse.portal.store import ABSOLUTE

    log_days = days(settings, "STO_RETENTION_PORTAL_LOG_DAYS")
    old = "from portal.access_log where at < now() - %s * interval '1 day'"
    result.portal_log = int(conn.execute(f"select count(*) {old}", (log_days,)).fetchone()[0])
    landing_days = days(settings, "STO_RETENTION_PORTAL_LANDING_DAYS")
    rows = conn.execute(
        "select u.upload_id, u.landing_path from portal.uploads as u where u.landing_path is not"
        " null and u.uploaded_at < now() - %s * interval '1 day' and exists (select 1 from"
        " audit.submissions as s where s.file_sha256 = u.sha256 and s.spec_version ="
        " u.spec_version and s.loader_version = u.loader_version"
        " and (s.status = 'loaded' or not s.retryable))",
        (landing_days,),
    ).fetchall()
    root = (settings.landing / "submissions").resolve()
    for _, path in rows:
        folder = Path(path).resolve()
        if folder.is_dir() and folder.is_relative_to(root) and folder.name.startswith("portaal-"):
            result.portal_landing.append(str(folder))
            if not dry_run:
                shutil.rmtree(folder, ignore_errors=True)
    if not dry_run:
        conn.execute(f"delete {old}", (log_days,))
        conn.execute("delete from portal.sessions where created_at < now() - %s", (ABSOLUTE,))
