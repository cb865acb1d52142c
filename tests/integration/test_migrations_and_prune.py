"""`sto db upgrade` from an empty and from the previous schema version; `sto prune`."""

from __future__ import annotations

import os
import secrets
import time

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import migrate, prune

SCHEMA_SHAPE = """
select table_schema, table_name, column_name, data_type, is_nullable, coalesce(column_default, '')
from information_schema.columns where table_schema in ('audit', 'raw')
order by 1, 2, 3
"""
GRANTS = """
select table_schema, table_name, grantee, privilege_type from information_schema.role_table_grants
where table_schema in ('audit', 'raw') order by 1, 2, 3, 4
"""


@pytest.fixture
def two_databases(test_env):
    base = test_env.env.get("STO_DATABASE", "sto")
    names = [f"{base}_mig{secrets.token_hex(3)}", f"{base}_mig{secrets.token_hex(3)}"]
    settings = [test_env.settings(STO_DATABASE=n) for n in names]
    yield settings
    with psycopg.connect(settings[0].maintenance_url(), autocommit=True) as conn:
        for name in names:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )


def _shape(settings):
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute(SCHEMA_SHAPE).fetchall(), conn.execute(GRANTS).fetchall()


def test_upgrade_from_empty_and_from_the_previous_version_give_the_same_schema(two_databases):
    fresh, stepped = two_databases
    latest = migrate.migrations()[-1].version
    assert [m.version for m in migrate.upgrade(fresh)] == list(range(1, latest + 1))
    assert [m.version for m in migrate.upgrade(stepped, target=latest - 1)] == list(
        range(1, latest)
    )
    with psycopg.connect(stepped.admin_url) as conn:
        assert migrate.current_version(conn) == latest - 1
    assert [m.version for m in migrate.upgrade(stepped)] == [latest]
    assert migrate.upgrade(stepped) == [], "upgrading an up-to-date database does nothing"
    assert _shape(fresh) == _shape(stepped)


def test_prune_applies_retention_and_keeps_the_trail(fresh_settings):
    settings = fresh_settings
    old = time.time() - 400 * 86400
    quarantined = settings.quarantine / "duo" / ("a" * 64)
    quarantined.mkdir(parents=True, exist_ok=True)
    (quarantined / "reason.json").write_text("{}")
    os.utime(quarantined, (old, old))
    recent = settings.quarantine / "duo" / ("b" * 64)
    recent.mkdir(parents=True, exist_ok=True)
    run_folder = settings.dbt_runs / "runs" / "old-run"
    run_folder.mkdir(parents=True, exist_ok=True)
    os.utime(run_folder, (old, old))
    with psycopg.connect(settings.admin_url, autocommit=True) as conn:
        conn.execute(
            "insert into audit.gate_results (run_id, stage, suite, table_name, expectation,"
            " severity, success, created_at) values"
            " ('old', 'raw', 's', 't', 'c', 'error', true, now() - interval '500 days'),"
            " ('new', 'raw', 's', 't', 'c', 'error', true, now())"
        )
    dry = prune.prune(settings, dry_run=True)
    assert dry.gate_results == 1 and dry.quarantine == [str(quarantined)]
    assert quarantined.exists(), "a dry run removes nothing"
    done = prune.prune(settings)
    assert done.dbt_runs == [str(run_folder)] and not run_folder.exists()
    assert not quarantined.exists() and recent.exists()
    with psycopg.connect(settings.admin_url) as conn:
        runs = {r[0] for r in conn.execute("select run_id from audit.gate_results").fetchall()}
    assert "old" not in runs and "new" in runs


def test_two_upgrades_of_an_empty_database_at_once_both_succeed(two_databases):
    """Two `sto db upgrade` on an empty database: the second waits on the migration lock
    instead of colliding with the first's uncommitted CREATE SCHEMA audit."""
    import threading

    settings = two_databases[0]
    migrate.ensure_roles(settings)
    migrate.ensure_database(settings, settings.database)
    errors: list[BaseException] = []

    def second() -> None:
        try:
            migrate.upgrade(settings)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    # The first upgrade, stopped right after it created the schema (lock held, not committed).
    with psycopg.connect(settings.admin_url) as first:
        first.execute("select pg_advisory_xact_lock(hashtext('sto:migrate'))")
        first.execute("create schema audit")
        thread = threading.Thread(target=second)
        thread.start()
        deadline = time.monotonic() + 30
        waiting = 0
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as watch:
            while not waiting and time.monotonic() < deadline:
                waiting = watch.execute(
                    "select count(*) from pg_stat_activity where datname = %s"
                    " and wait_event_type = 'Lock' and pid <> %s",
                    (settings.database, first.info.backend_pid),
                ).fetchone()[0]
                time.sleep(0.05)
        assert waiting == 1, "the second upgrade waits for the first"
        first.commit()
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert errors == []
    with psycopg.connect(settings.admin_url) as conn:
        assert migrate.current_version(conn) == migrate.migrations()[-1].version
