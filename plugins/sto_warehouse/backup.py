"""`sto backup` / `sto restore`: the warehouse database and the archive, together.

A backup is a folder ``sto-backup-<UTC timestamp>/`` with ``warehouse.dump`` (pg_dump custom
format of the warehouse database: raw, audit, reference, marts, monitor, frozen releases, ...),
``archive.tar`` (every input file by sha256 — the system of record), and ``manifest.json``.
Airflow's metadata database is not backed up: run history lives in ``audit`` too, and Airflow
starts fresh. Passwords are not in the backup; a restore uses the target $STO_HOME's own.

Restore goes into the warehouse of the current $STO_HOME (run ``sto up --no-airflow`` first on a
new machine): the database is recreated empty, the roles ensured, the dump restored (including
the migration state), and the archive unpacked.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse import migrate
from sto_warehouse.config import Settings, parse_url
from sto_warehouse.embedded import pg_bin


def _pg_env(settings: Settings) -> dict[str, str]:
    host, port, _, user, password = parse_url(settings.admin_url)
    env = {"PGHOST": host, "PGPORT": str(port), "PGUSER": user, "PGCONNECT_TIMEOUT": "10"}
    if password:
        env["PGPASSWORD"] = password
    return env


def _run(args: list[str], settings: Settings) -> None:
    import os

    result = subprocess.run(
        args, env={**os.environ, **_pg_env(settings)}, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed:\n{result.stderr[-3000:]}")


def backup(settings: Settings, out_dir: Path) -> Path:
    folder = out_dir / f"sto-backup-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    folder.mkdir(parents=True, exist_ok=False)
    _run(
        [
            pg_bin("pg_dump"),
            "--format=custom",
            "--no-password",
            f"--file={folder / 'warehouse.dump'}",
            f"--dbname={settings.database}",
        ],
        settings,
    )
    with tarfile.open(folder / "archive.tar", "w") as tar:
        if settings.archive.exists():
            tar.add(settings.archive, arcname="archive")
    with psycopg.connect(settings.admin_url) as conn:
        counts = dict(
            conn.execute(
                "select 'files', count(*) from audit.files union all"
                " select 'partitions', count(*) from audit.partitions union all"
                " select 'releases', count(*) from audit.releases"
            ).fetchall()
        )
        version = migrate.current_version(conn)
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": settings.database,
        "schema_version": version,
        "role_prefix": settings.role_prefix,
        "counts": counts,
        "files": ["warehouse.dump", "archive.tar"],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return folder


def restore(settings: Settings, folder: Path) -> dict:
    manifest = json.loads((folder / "manifest.json").read_text())
    if manifest.get("role_prefix", "") != settings.role_prefix:
        raise RuntimeError(
            f"the backup's roles carry the prefix {manifest.get('role_prefix')!r}, this warehouse"
            f" uses {settings.role_prefix!r}: set STO_ROLE_PREFIX to match"
        )
    migrate.ensure_roles(settings)
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        conn.execute(
            sql.SQL("drop database if exists {} with (force)").format(
                sql.Identifier(settings.database)
            )
        )
    migrate.ensure_database(settings, settings.database)
    _run(
        [
            pg_bin("pg_restore"),
            "--no-password",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={settings.database}",
            str(folder / "warehouse.dump"),
        ],
        settings,
    )
    target = settings.archive
    if target.exists():
        shutil.rmtree(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / "archive.tar") as tar:
        tar.extractall(target.parent, filter="data")
    if target.parent / "archive" != target:
        (target.parent / "archive").rename(target)
    migrate.ensure_database_grants(settings)
    return manifest
