"""`sto backup` / `sto restore`: a restore into an empty $STO_HOME followed by a run gives
identical tables, and rebuilding everything from the restored archive alone does too."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import config, dbt_runner, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from tests.conftest import schema_md5s

STO = str(Path(sys.executable).with_name("sto"))
TABLES = ("raw", "marts", "monitor")


def _build_and_publish(settings, run_id):
    result = dbt_runner.run(settings, ["build"], run_id, capture=True)
    assert result.returncode == 0, result.stdout[-3000:]
    summary = candidate_gate.run(settings, run_id)
    assert summary["passed"], summary["errors"]
    publish.publish(settings, run_id, summary)


def _md5(settings):
    with psycopg.connect(settings.admin_url) as conn:
        return schema_md5s(conn, TABLES)


def _sto(home: Path, env: dict, *args):
    result = subprocess.run(
        [STO, *args],
        env={**os.environ, **env, "STO_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def original(fresh_settings):
    synth.write_sample(fresh_settings.landing)
    assert pipeline.load_paths(fresh_settings, "backup-a")["loaded"]
    _build_and_publish(fresh_settings, "backup-a")
    return fresh_settings, _md5(fresh_settings)


def test_restore_into_an_empty_home_then_run_gives_identical_tables(original, tmp_path, test_env):
    settings, md5 = original
    env = {**settings.overrides}
    backup = _sto(settings.home, env, "backup", "--out", str(tmp_path)).stdout
    folder = Path(backup.strip().rsplit(" ", 1)[-1])
    assert (folder / "warehouse.dump").stat().st_size > 0 and (folder / "archive.tar").exists()

    # A new, empty $STO_HOME on the same server: its own database, the same role names (roles
    # are cluster-wide, so it keeps their passwords — as a restore on the original server would).
    home = tmp_path / "restored_home"
    home.mkdir()
    shutil.copy(settings.env_file, home / ".env")
    target_db = f"{settings.database}_restored"
    new_env = {
        "WAREHOUSE_URL": settings.maintenance_url(),
        "STO_DATABASE": target_db,
        "STO_ROLE_PREFIX": settings.role_prefix,
        "STO_AS_OF": settings.as_of or "",
    }
    try:
        _sto(home, new_env, "restore", str(folder), "--yes")
        restored = config.load_settings(home, **new_env)
        assert _md5(restored) == md5
        assert list(restored.archive.rglob("*")), "the archive came back"
        # ... followed by a run: nothing new to load, a rebuild publishes the same numbers.
        assert pipeline.load_paths(restored, "after-restore")["loaded"] == []
        _build_and_publish(restored, "after-restore")
        assert _md5(restored) == md5
        # Rebuilding everything from the archive alone gives identical tables.
        reloaded = pipeline.load_paths(
            restored, "from-archive", tasks=pipeline.reload_tasks(restored)
        )
        assert reloaded["loaded"] and not reloaded["rejected"]
        _build_and_publish(restored, "from-archive")
        assert _md5(restored) == md5
    finally:
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(target_db))
            )
