"""Shared test fixtures: a real PostgreSQL and (once per session) a real Airflow pipeline run.

Without WAREHOUSE_URL the tests start their own embedded PostgreSQL in a temporary $STO_HOME.
With WAREHOUSE_URL they create a database of their own (``sto_test_<random>``, plus
``<that>_airflow``) and roles prefixed ``stotest_<random>_``, and drop both at the end; they never
touch a database they did not create (DESIGN §9).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

REPO = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = Path(os.environ.get("STO_DUO_SAMPLES", REPO.parent / "shared" / "duo-samples"))
REAL_2019 = SHARED_SAMPLES / "vo" / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
REAL_VESTIGINGEN = SHARED_SAMPLES / "vo" / "alle-vestigingen-vo_2020-12.csv"

# Columns whose values differ between otherwise identical runs (DESIGN §9 "identical tables").
VOLATILE_COLUMNS = {"_load_id", "_loaded_at", "load_id", "source_load_id"}


def shared_samples_available() -> bool:
    return REAL_2019.exists() and REAL_VESTIGINGEN.exists()


def requires_shared_samples():
    return pytest.mark.skipif(
        not shared_samples_available(),
        reason=f"the real DUO files are not at {SHARED_SAMPLES} (set STO_DUO_SAMPLES to run this)",
    )


class ExpectationArgs:
    """Stands in for ``great_expectations.expectations`` where a test reads the checks a suite
    builds without importing GX (~8 s): each expectation is the dict of its arguments."""

    @staticmethod
    def UnexpectedRowsExpectation(**kw):  # noqa: N802 - GX's name
        return kw


@dataclass
class TestEnv:
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    cleanup: list = field(default_factory=list)

    def settings(self, **extra: str):
        from sto_warehouse import config

        return config.load_settings(self.home, **{**self.env, **extra})

    def run(self, *args: str, check: bool = True, timeout: float = 1800):
        env = {**os.environ, **self.env}
        result = subprocess.run(
            [str(Path(sys.executable).with_name("sto")), *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"sto {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        return result


def _make_env(tmp: Path) -> TestEnv:
    home = tmp / "sto_home"
    home.mkdir()
    env = {"STO_HOME": str(home), "STO_AS_OF": "2026-11-01"}
    external = os.environ.get("WAREHOUSE_URL")
    suffix = secrets.token_hex(4)
    if external:
        env["STO_DATABASE"] = f"sto_test_{suffix}"
        env["STO_ROLE_PREFIX"] = f"stotest_{suffix}_"
    return TestEnv(home=home, env=env)


def _drop_external(test_env: TestEnv) -> None:
    """Drop the databases and roles this session created on WAREHOUSE_URL (and nothing else)."""
    from sto_warehouse import config

    settings = test_env.settings()
    database = test_env.env.get("STO_DATABASE", "")
    prefix = test_env.env.get("STO_ROLE_PREFIX", "")
    if not database.startswith("sto_test_") or not prefix.startswith("stotest_"):
        return
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        for name in (database, f"{database}_airflow"):
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )
        roles = conn.execute(
            "select rolname from pg_roles where rolname like %s", (prefix + "%",)
        ).fetchall()
        for (role,) in roles:
            conn.execute(sql.SQL("drop role if exists {}").format(sql.Identifier(role)))
    del config


@pytest.fixture(scope="session")
def test_env() -> Iterator[TestEnv]:
    """A private $STO_HOME with a running, migrated warehouse (no Airflow yet)."""
    tmp = Path(tempfile.mkdtemp(prefix="sto-test-"))
    test_env = _make_env(tmp)
    if "WAREHOUSE_URL" in os.environ:
        from sto_warehouse import config

        settings = test_env.settings()
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
            exists = conn.execute(
                "select 1 from pg_database where datname = %s", (test_env.env["STO_DATABASE"],)
            ).fetchone()
        assert not exists, "refusing to use a database the tests did not create"
        del config
    test_env.run("up", "--no-airflow")
    try:
        yield test_env
    finally:
        test_env.run("down", check=False, timeout=120)
        if "WAREHOUSE_URL" in os.environ:
            _drop_external(test_env)
        if os.environ.get("STO_TEST_KEEP"):  # for a post-mortem: logs, quarantine, Data Docs
            print(f"\nSTO_TEST_KEEP: the session's $STO_HOME stays in {test_env.home}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(test_env: TestEnv):
    return test_env.settings()


@contextlib.contextmanager
def fresh_database(test_env: TestEnv, **extra: str) -> Iterator:
    """Settings with a migrated warehouse database and a landing folder of their own (same
    server, roles and archive); dropped afterwards."""
    from sto_warehouse import migrate

    base = test_env.env.get("STO_DATABASE", "sto")
    suffix = secrets.token_hex(3)
    name = f"{base}_m{suffix}"
    landing = test_env.home / f"landing-{suffix}"
    settings = test_env.settings(STO_DATABASE=name, STO_LANDING_DIR=str(landing), **extra)
    migrate.upgrade(settings)
    try:
        yield settings
    finally:
        with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
            conn.execute(
                sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name))
            )
        shutil.rmtree(landing, ignore_errors=True)


@pytest.fixture(scope="module")
def fresh_settings(test_env: TestEnv):
    """A migrated warehouse database and a landing folder of its own for one test module (same
    server, roles and archive), so a module never sees the files or the loads of another, nor
    those of the session's pipeline run."""
    with fresh_database(test_env) as settings:
        yield settings


@pytest.fixture
def admin_conn(settings) -> Iterator[psycopg.Connection]:
    with psycopg.connect(settings.admin_url, autocommit=True) as conn:
        yield conn


def table_md5(conn: psycopg.Connection, schema: str, table: str) -> str:
    """md5 over the ordered rows, volatile columns excluded (DESIGN §9)."""
    columns = [
        r[0]
        for r in conn.execute(
            "select column_name from information_schema.columns where table_schema = %s"
            " and table_name = %s order by ordinal_position",
            (schema, table),
        ).fetchall()
        if r[0] not in VOLATILE_COLUMNS
    ]
    cols = sql.SQL(", ").join(sql.Identifier(c) for c in columns)
    query = sql.SQL(
        "select md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) from (select {} from {}) as t"
    ).format(cols, sql.Identifier(schema, table))
    return conn.execute(query).fetchone()[0]


def schema_md5s(conn: psycopg.Connection, schemas: tuple[str, ...]) -> dict[str, str]:
    rows = conn.execute(
        "select table_schema, table_name from information_schema.tables"
        " where table_schema = any(%s) and table_type = 'BASE TABLE'"
        " and table_name not like '\\_pending\\_%%' order by 1, 2",
        (list(schemas),),
    ).fetchall()
    partitions = {
        r[0]
        for r in conn.execute(
            "select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid"
        ).fetchall()
    }
    return {
        f"{schema}.{table}": table_md5(conn, schema, table)
        for schema, table in rows
        if table not in partitions
    }


@dataclass
class PipelineResult:
    first: subprocess.CompletedProcess
    second: subprocess.CompletedProcess
    md5_first: dict[str, str]
    md5_second: dict[str, str]
    release_first: int | None
    release_second: int | None
    real_data: bool
    bad_file: str
    webhook: object = None


PUBLISHED_AND_RAW = ("raw", "marts", "monitor")
BAD_FILE = "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2018.csv"


def _write_bad_file(target: Path) -> None:
    """A leerlingen file whose header lacks the required column AFDELING (rows match it)."""
    header = (
        "BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;PLAATSNAAM VESTIGING;"
        "PROVINCIE VESTIGING;ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR;VMBO SECTOR;ELEMENTCODE;"
        "OPLEIDINGSNAAM;"
        + ";".join(
            f"LEER- OF VERBLIJFSJAAR {n} - {s}" for n in range(1, 7) for s in ("MAN", "VROUW")
        )
    )
    row = (
        "00AH;00;Testschool;ENSCHEDE;Overijssel;VMBO BL lj 3-4;Techniek;0123;VMBO BL PIE;"
        + ";".join(["0"] * 4 + ["5", "1", "4", "2"] + ["0"] * 4)
    )
    target.write_text(header + "\n" + row + "\n", encoding="cp1252")


def _release(conn) -> int | None:
    row = conn.execute("select max(release_id) from audit.releases").fetchone()
    return row[0] if row else None


@pytest.fixture(scope="session")
def pipeline(test_env: TestEnv) -> PipelineResult:
    """The nightly pipeline through a real Airflow (asset-triggered transform), twice.

    Landing: the real DUO files from ../shared when present (else the bundled synthetic sample)
    plus one file with a missing required column. Shared by every test marked ``pipeline``.
    """
    landing = test_env.home / "landing" / "duo"
    landing.mkdir(parents=True, exist_ok=True)
    real = shared_samples_available()
    if real:
        shutil.copy(REAL_2019, landing / REAL_2019.name)
        shutil.copy(REAL_VESTIGINGEN, landing / REAL_VESTIGINGEN.name)
    else:
        from sto_warehouse import synth

        synth.write_sample(test_env.home / "landing")
        (landing / BAD_FILE).unlink(missing_ok=True)
    _write_bad_file(landing / BAD_FILE)
    from tests.receivers import Webhook

    # Failure alerts of this Airflow go to a local receiver (tests/integration/test_pipeline.py).
    webhook = Webhook()
    test_env.env["STO_ALERT_WEBHOOK_URL"] = webhook.url
    test_env.run("up", timeout=600)
    settings = test_env.settings()
    first = test_env.run("run", "--no-sample", "--timeout", "1200", check=False)
    with psycopg.connect(settings.admin_url) as conn:
        md5_first = schema_md5s(conn, PUBLISHED_AND_RAW)
        release_first = _release(conn)
    second = test_env.run("run", "--no-sample", "--timeout", "600", check=False)
    with psycopg.connect(settings.admin_url) as conn:
        md5_second = schema_md5s(conn, PUBLISHED_AND_RAW)
        release_second = _release(conn)
    return PipelineResult(
        first,
        second,
        md5_first,
        md5_second,
        release_first,
        release_second,
        real,
        BAD_FILE,
        webhook,
    )
