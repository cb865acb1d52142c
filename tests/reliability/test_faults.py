"""Faults: the warehouse server killed during a large COPY, and the loader killed mid-load.

After a restart and a rerun the tables equal those of a clean load, and no partial data was ever
visible: the raw partition and the published release are exactly as before until the rerun.
This module runs its own embedded PostgreSQL (it kills it), in a $STO_HOME of its own.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest

from sto_warehouse import config, embedded, migrate
from tests.conftest import schema_md5s

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("WAREHOUSE_URL")),
    reason="kills its own embedded PostgreSQL; not run against an external WAREHOUSE_URL",
)

LOAD = """
import sys
from sto_warehouse import config
from sto_warehouse.ingest import pipeline
settings = config.load_settings(sys.argv[1], STO_DATABASE=sys.argv[2])
print(pipeline.load_paths(settings, sys.argv[3]))
"""


@pytest.fixture(scope="module")
def home():
    folder = Path(tempfile.mkdtemp(prefix="sto-faults-"))
    settings = config.ensure_generated(config.load_settings(folder))
    embedded.initialise(settings)
    embedded.start(settings)
    yield settings
    embedded.stop(settings, "immediate")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def big_file(home):
    """A DUO-shaped pupils file of a few hundred thousand rows (several seconds of COPY)."""
    from sto_warehouse.synth import duo

    out = home.home / "generated"
    (path,) = duo.generate(
        out,
        scale=6,
        peiljaren=range(2021, 2022),
        snapshots=[],
        datasets={"duo_vo_leerlingen_onderwijstype"},
    )
    return path


def _database(home, name: str):
    from sto_warehouse import db
    from sto_warehouse.ingest.pipeline import ensure_raw_tables

    settings = config.load_settings(home.home, STO_DATABASE=name)
    migrate.upgrade(settings)
    with db.loader(settings) as conn:
        ensure_raw_tables(conn)
    landing = home.home / f"landing-{name}"
    return config.load_settings(home.home, STO_DATABASE=name, STO_LANDING_DIR=str(landing)), landing


def _start_load(settings, run_id: str) -> subprocess.Popen:
    env = {**os.environ, "STO_LANDING_DIR": settings.get("STO_LANDING_DIR")}
    return subprocess.Popen(
        [sys.executable, "-c", LOAD, str(settings.home), settings.database, run_id],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_copy(settings, timeout: float = 60) -> None:
    """Until the loader's COPY has streamed a good part of the file into the pending table."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
            row = conn.execute(
                "select tuples_processed from pg_stat_progress_copy p join pg_stat_activity a"
                " using (pid) where a.datname = %s",
                (settings.database,),
            ).fetchone()
        if row and row[0] > 20_000:
            return
        time.sleep(0.05)
    raise AssertionError("the COPY never got going")


def _raw(settings) -> dict[str, str]:
    with psycopg.connect(settings.admin_url) as conn:
        return schema_md5s(conn, ("raw",))


def _partitions(settings) -> list[tuple]:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute("select dataset, period, row_count from audit.partitions").fetchall()


@pytest.fixture(scope="module")
def clean(home, big_file):
    settings, landing = _database(home, "clean")
    landing.joinpath("duo").mkdir(parents=True)
    shutil.copy(big_file, landing / "duo" / big_file.name)
    process = _start_load(settings, "clean")
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return _raw(settings), _partitions(settings)


def test_server_killed_during_copy(home, big_file, clean):
    settings, landing = _database(home, "crash")
    landing.joinpath("duo").mkdir(parents=True)
    shutil.copy(big_file, landing / "duo" / big_file.name)
    before = _raw(settings)
    process = _start_load(settings, "crash-1")
    _wait_for_copy(settings)
    embedded.kill(settings)  # SIGKILL the postmaster in the middle of the COPY
    process.communicate(timeout=120)
    assert process.returncode != 0
    embedded.start(settings)  # crash recovery
    assert _raw(settings) == before, "nothing of the interrupted COPY is visible"
    assert _partitions(settings) == []
    rerun = _start_load(settings, "crash-2")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _raw(settings) == clean[0]
    assert _partitions(settings) == clean[1]


def test_loader_killed_mid_load(home, big_file, clean):
    settings, landing = _database(home, "killed")
    landing.joinpath("duo").mkdir(parents=True)
    shutil.copy(big_file, landing / "duo" / big_file.name)
    before = _raw(settings)
    process = _start_load(settings, "killed-1")
    _wait_for_copy(settings)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    time.sleep(0.5)  # the server notices the closed connection and rolls the COPY back
    assert _raw(settings) == before
    with psycopg.connect(settings.admin_url) as conn:
        attempt = conn.execute("select status from audit.loads").fetchall()
    assert attempt == [("staged",)], "the interrupted attempt is on record"
    rerun = _start_load(settings, "killed-2")
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert _raw(settings) == clean[0]
    assert _partitions(settings) == clean[1]
    with psycopg.connect(settings.admin_url) as conn:
        statuses = sorted(r[0] for r in conn.execute("select status from audit.loads").fetchall())
    # The killed attempt stays 'staged' (abandoned later by discover), the rerun 'loaded'.
    assert statuses == ["loaded", "staged"]
