"""Two loaders for the same (dataset, period) at once: one waits on the advisory lock, no
duplicates. Two plain processes here; tests/integration/test_pipeline.py does it with Airflow."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import psycopg
from psycopg import sql

from sto_warehouse import db, synth
from sto_warehouse.ingest import copy_loader
from sto_warehouse.registry import get

LOAD = """
import json, sys
from sto_warehouse import config
from sto_warehouse.ingest import pipeline
settings = config.load_settings(sys.argv[1], STO_DATABASE=sys.argv[2], STO_LANDING_DIR=sys.argv[4])
print(json.dumps(pipeline.load_paths(settings, sys.argv[3]), default=str))
"""


def _start(settings, run_id):
    env = {**os.environ, "STO_HOME": str(settings.home)}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            LOAD,
            str(settings.home),
            settings.database,
            run_id,
            str(settings.landing),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _waiting_on_swap_lock(settings) -> int:
    """Sessions queued on the (dataset, period) swap lock itself, not on any other lock."""
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        return conn.execute(
            "select count(*) from pg_locks where locktype = 'advisory' and not granted"
            " and database = (select oid from pg_database where datname = %s)"
            " and classid = hashtext('sto:raw:duo_vo_leerlingen_onderwijstype')::oid"
            " and objid = hashtext('2021')::oid and objsubid = 2",
            (settings.database,),
        ).fetchone()[0]


def test_two_loaders_of_the_same_file_one_waits_and_nothing_doubles(fresh_settings):
    settings = fresh_settings
    landing = settings.landing / "duo"
    synth.write_sample(settings.landing)
    for path in landing.iterdir():  # one file, so the race is about one partition
        if "leerlingen" not in path.name or not path.name.endswith("2021.csv"):
            path.unlink()
    (file,) = landing.iterdir()
    rows = sum(1 for _ in file.open("rb")) - 1
    # Hold the (dataset, period) lock the swap takes, so both loaders must queue behind it.
    holder = psycopg.connect(settings.admin_url, autocommit=True)
    holder.execute(
        "select pg_advisory_lock(hashtext('sto:raw:duo_vo_leerlingen_onderwijstype'),"
        " hashtext('2021'))"
    )
    first, second = _start(settings, "race-1"), _start(settings, "race-2")
    try:
        deadline = time.monotonic() + 120
        while _waiting_on_swap_lock(settings) < 2 and time.monotonic() < deadline:
            for proc in (first, second):
                if proc.poll() is not None:  # ended before reaching the lock: say why
                    _, err = proc.communicate()
                    raise AssertionError(f"a loader ended early ({proc.returncode}): {err[-3000:]}")
            time.sleep(0.2)
        assert _waiting_on_swap_lock(settings) == 2, "both loaders staged and wait on the lock"
        holder.execute("select pg_advisory_unlock_all()")
        outcomes = [p.communicate(timeout=180) for p in (first, second)]
        assert all(p.returncode == 0 for p in (first, second)), [o[1][-2000:] for o in outcomes]
    finally:  # a failure here must not leave a loader or the lock behind for the next test
        holder.close()
        for proc in (first, second):
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
    with psycopg.connect(settings.admin_url) as conn:
        count = conn.execute(
            "select count(*) from raw.duo_vo_leerlingen_onderwijstype where _period = '2021'"
        ).fetchone()[0]
        distinct_rows = conn.execute(
            "select count(distinct _row_number) from raw.duo_vo_leerlingen_onderwijstype"
            " where _period = '2021'"
        ).fetchone()[0]
        statuses = sorted(
            r[0]
            for r in conn.execute(
                "select status from audit.loads where run_id in ('race-1', 'race-2')"
            ).fetchall()
        )
        pending = conn.execute(
            "select count(*) from pg_tables where schemaname = 'raw' and tablename like '\\_pending%%'"
        ).fetchone()[0]
    assert count == rows == distinct_rows, "the partition holds the file once"
    assert statuses == ["loaded", "skipped"], "the second swap found the same bytes and skipped"
    assert pending == 0


def test_two_loaders_creating_the_same_raw_table_at_once_both_succeed(fresh_settings):
    """On an empty warehouse both loaders create the raw tables: without serialising, the second
    blocks on the first's uncommitted catalog rows and then fails with a unique violation."""
    settings = fresh_settings
    entry = get("duo_vo_leerlingen_onderwijstype")
    with psycopg.connect(settings.admin_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("drop table if exists {} cascade").format(sql.Identifier("raw", entry.table))
        )
    errors: list[BaseException] = []
    second_pid: list[int] = []

    def second_loader() -> None:
        try:
            with db.loader(settings) as conn:
                second_pid.append(conn.info.backend_pid)
                copy_loader.ensure_raw_table(conn, entry)
                conn.commit()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    with db.loader(settings) as first:
        copy_loader.ensure_raw_table(first, entry)  # created, not yet committed
        thread = threading.Thread(target=second_loader)
        thread.start()
        deadline = time.monotonic() + 30
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as watch:
            while time.monotonic() < deadline:
                waiting = watch.execute(
                    "select count(*) from pg_stat_activity where pid = any(%s)"
                    " and wait_event_type = 'Lock'",
                    (second_pid,),
                ).fetchone()[0]
                if waiting:
                    break
                time.sleep(0.05)
        assert waiting == 1, "the second loader waits for the first"
        first.commit()
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert errors == []
