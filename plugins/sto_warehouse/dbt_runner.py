"""Run dbt against the warehouse as the transformer role, one target/log folder per run.

One run id ties Airflow, dbt, GX and the audit rows together (issue 6): each run gets
``$STO_HOME/dbt/runs/<run_id>/{target,logs}``; the previous run's partial-parse file is copied in
so dbt does not re-parse the whole project every night.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sto_warehouse.config import Settings


def safe_run_id(run_id: str) -> str:
    return re.sub(r"[^0-9A-Za-z_.-]+", "_", run_id)[:120] or "manual"


def dbt_env(settings: Settings, run_id: str | None = None) -> dict[str, str]:
    target = settings.target
    env = {
        "STO_DBT_HOST": target.host,
        "STO_DBT_PORT": str(target.port),
        "STO_DBT_USER": settings.role("transformer"),
        "STO_DBT_PASSWORD": settings.role_password("transformer"),
        "STO_DBT_DBNAME": target.dbname,
        "DBT_PROFILES_DIR": str(settings.dbt_project),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
        "STO_RUN_ID": run_id or "manual",
    }
    if settings.as_of:
        env["STO_AS_OF"] = settings.as_of
    return env


def run_dirs(settings: Settings, run_id: str) -> tuple[Path, Path]:
    return run_folders(settings.dbt_runs, run_id)


def run_folders(dbt_runs: Path, run_id: str) -> tuple[Path, Path]:
    """A run's dbt target and log folders (each run keeps its own)."""
    base = dbt_runs / "runs" / safe_run_id(run_id)
    return base / "target", base / "logs"


def manifest_dir(settings: Settings) -> Path:
    return settings.dbt_runs / "manifest"


def _seed_partial_parse(settings: Settings, target: Path) -> None:
    source = manifest_dir(settings) / "partial_parse.msgpack"
    if source.exists() and not (target / "partial_parse.msgpack").exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target / "partial_parse.msgpack")


def dbt_command(
    settings: Settings,
    args: list[str],
    run_id: str | None = None,
    target_path: Path | None = None,
    log_path: Path | None = None,
    extra_vars: dict | None = None,
) -> list[str]:
    if target_path is None or log_path is None:
        target_path, log_path = run_dirs(settings, run_id or "manual")
    exe = Path(sys.executable).with_name("dbt")
    command = [
        str(exe),
        *args,
        "--project-dir",
        str(settings.dbt_project),
        "--target-path",
        str(target_path),
        "--log-path",
        str(log_path),
    ]
    variables = {"run_id": safe_run_id(run_id)} if run_id else {}
    variables.update(extra_vars or {})
    if variables:
        command += ["--vars", json.dumps(variables)]
    return command


def run(
    settings: Settings,
    args: list[str],
    run_id: str | None = None,
    target_path: Path | None = None,
    log_path: Path | None = None,
    capture: bool = False,
    extra_vars: dict | None = None,
) -> subprocess.CompletedProcess:
    if target_path is None or log_path is None:
        target_path, log_path = run_dirs(settings, run_id or "manual")
    _seed_partial_parse(settings, target_path)
    env = {**os.environ, **dbt_env(settings, run_id)}
    return subprocess.run(
        dbt_command(settings, args, run_id, target_path, log_path, extra_vars),
        cwd=settings.dbt_project,
        env=env,
        text=True,
        capture_output=capture,
    )


def parse_manifest(settings: Settings) -> Path:
    """`dbt parse` into $STO_HOME/dbt/manifest (also the partial-parse state runs start from)."""
    target = manifest_dir(settings)
    result = run(
        settings, ["parse"], None, target, settings.dbt_runs / "manifest-logs", capture=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{result.stdout}\n{result.stderr}")
    return target / "manifest.json"


def node_graph_path(settings: Settings) -> Path:
    return settings.dbt_runs / "nodes.json"


def refresh_node_graph(settings: Settings) -> bool:
    """Write the dbt nodes as Airflow tasks (`dbt_graph`) for the transform DAG, parsing the
    project only when its files changed since the graph was written. True when it was written."""
    from sto_warehouse import dbt_graph

    fingerprint = dbt_graph.project_fingerprint(settings.dbt_project)
    current = dbt_graph.read(node_graph_path(settings))
    if current and current.get("fingerprint") == fingerprint:
        return False
    dbt_graph.write(parse_manifest(settings), node_graph_path(settings), fingerprint)
    return True
