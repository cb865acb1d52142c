"""Versioned DDL for ``raw`` and ``audit`` (``sto db upgrade``), and the roles it grants to.

Roles are cluster-wide, so their names carry ``STO_ROLE_PREFIX`` (tests use their own prefix).
Migrations are SQL files ``NNNN_name.sql``; placeholders in braces are identifiers, filled with
``psycopg.sql.Identifier`` so no name is ever pasted into SQL as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse.config import Settings

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# portal: the regions' web portal (migration 0004, docs/portal.md)
LOGIN_ROLES = ("loader", "transformer", "bi_reader", "researcher", "portal")
GROUP_ROLES = ("published_reader",)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def migrations() -> list[Migration]:
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        match = re.fullmatch(r"(\d{4})_(\w+)\.sql", path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    return found


def identifiers(settings: Settings) -> dict[str, sql.Identifier]:
    names = {name: sql.Identifier(settings.role(name)) for name in LOGIN_ROLES + GROUP_ROLES}
    names["airflow"] = sql.Identifier(settings.role("airflow"))
    names["database"] = sql.Identifier(settings.database)
    return names


def _role_exists(cur: psycopg.Cursor, role: str) -> bool:
    return cur.execute("select 1 from pg_roles where rolname = %s", (role,)).fetchone() is not None


def ensure_roles(settings: Settings) -> None:
    """Create or update the login and group roles (passwords from $STO_HOME/.env)."""
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        cur = conn.cursor()
        for name in GROUP_ROLES:
            role = settings.role(name)
            if not _role_exists(cur, role):
                cur.execute(sql.SQL("create role {} nologin").format(sql.Identifier(role)))
        for name in LOGIN_ROLES:
            role = settings.role(name)
            verb = "alter" if _role_exists(cur, role) else "create"
            cur.execute(
                sql.SQL(verb + " role {} login password {}").format(
                    sql.Identifier(role), sql.Literal(settings.role_password(name))
                )
            )
        for member in ("bi_reader", "researcher"):
            cur.execute(
                sql.SQL("grant {} to {}").format(
                    sql.Identifier(settings.role("published_reader")),
                    sql.Identifier(settings.role(member)),
                )
            )


def ensure_database(settings: Settings, dbname: str, owner: str | None = None) -> bool:
    """Create ``dbname`` if missing; returns True when it was created."""
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone()
        if exists:
            return False
        stmt = sql.SQL("create database {} template template0 encoding 'UTF8'").format(
            sql.Identifier(dbname)
        )
        if owner:
            stmt += sql.SQL(" owner {}").format(sql.Identifier(owner))
        conn.execute(stmt)
        return True


def ensure_airflow_database(settings: Settings) -> None:
    """The Airflow metadata database on the same server, owned by its own role."""
    if settings.get("AIRFLOW_DATABASE_URL"):
        return
    role = settings.role("airflow")
    with psycopg.connect(settings.maintenance_url(), autocommit=True) as conn:
        cur = conn.cursor()
        verb = "alter" if _role_exists(cur, role) else "create"
        cur.execute(
            sql.SQL(verb + " role {} login password {}").format(
                sql.Identifier(role), sql.Literal(settings.require("STO_AIRFLOW_DB_PASSWORD"))
            )
        )
    ensure_database(settings, f"{settings.database}_airflow", owner=role)


def ensure_database_grants(settings: Settings) -> None:
    """Database-level privileges, which pg_dump does not carry: applied on every upgrade so a
    restored database gets them too (the same statements as migrations 0001/0002/0004)."""
    names = identifiers(settings)
    with psycopg.connect(settings.admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL(
                "revoke all on database {database} from public;"
                " grant connect on database {database} to {loader}, {transformer},"
                " {published_reader}, {portal};"
                " grant create, temporary on database {database} to {transformer};"
                " grant temporary on database {database} to {loader}"
            ).format(**names)
        )


def current_version(conn: psycopg.Connection) -> int:
    exists = conn.execute("select to_regclass('audit.schema_migrations') is not null").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("select coalesce(max(version), 0) from audit.schema_migrations").fetchone()
    return int(row[0]) if row else 0


def upgrade(settings: Settings, target: int | None = None) -> list[Migration]:
    """Apply pending migrations in order, each in its own transaction. Returns what was applied."""
    ensure_roles(settings)
    ensure_database(settings, settings.database)
    applied = []
    names = identifiers(settings)
    with psycopg.connect(settings.admin_url) as conn:
        # Concurrent CREATE ... IF NOT EXISTS still collide on the catalog's unique indexes.
        conn.execute("select pg_advisory_xact_lock(hashtext('sto:migrate'))")
        conn.execute("create schema if not exists audit")
        conn.execute(
            "create table if not exists audit.schema_migrations ("
            " version integer primary key, name text not null,"
            " applied_at timestamptz not null default now())"
        )
        conn.commit()
        version = current_version(conn)
        for migration in migrations():
            if migration.version <= version or (target is not None and migration.version > target):
                continue
            with conn.transaction():
                # One advisory lock so two `sto db upgrade` never interleave.
                conn.execute("select pg_advisory_xact_lock(hashtext('sto:migrate'))")
                if current_version(conn) >= migration.version:
                    continue
                text = migration.path.read_text(encoding="utf-8")
                conn.execute(sql.SQL(text).format(**names))
                conn.execute(
                    "insert into audit.schema_migrations (version, name) values (%s, %s)",
                    (migration.version, migration.name),
                )
            applied.append(migration)
    ensure_database_grants(settings)
    return applied
