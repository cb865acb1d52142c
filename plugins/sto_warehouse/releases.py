"""Releases researchers can cite: freeze one as a read-only schema, export one with its manifest.

A release lives in ``marts``/``monitor`` while it is current and in ``marts__prev``/
``monitor__prev`` for one more publication. ``freeze`` copies it into ``release_NNNN`` (tables of
both schemas, same names), which no later publication touches and which the ``researcher`` role
can read; ``export`` writes every table of a release as Parquet and/or CSV plus ``manifest.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse import db
from sto_warehouse.config import Settings
from sto_warehouse.publish import PUBLISHED, _schema_exists, _tables


class ReleaseUnavailable(RuntimeError):
    pass


def frozen_schema(release_id: int) -> str:
    return f"release_{release_id:04d}"


def manifest(conn: psycopg.Connection, release_id: int) -> dict:
    row = conn.execute(
        "select release_id, run_id, published_at, forced, reason, git_commit, versions, inputs,"
        " gate_summary, changes, frozen_schema, source_quality from audit.releases"
        " where release_id = %s",
        (release_id,),
    ).fetchone()
    if row is None:
        raise ReleaseUnavailable(f"there is no release {release_id}")
    keys = (
        "release_id",
        "run_id",
        "published_at",
        "forced",
        "reason",
        "git_commit",
        "versions",
        "inputs",
        "gate_summary",
        "changes",
        "frozen_schema",
        "source_quality",
    )
    return dict(zip(keys, row, strict=True))


def locate(conn: psycopg.Connection, release_id: int) -> list[tuple[str, str]]:
    """(schema, table) of every table of the release, wherever it lives now."""
    info = manifest(conn, release_id)
    if info["frozen_schema"] and _schema_exists(conn, info["frozen_schema"]):
        return [(info["frozen_schema"], t) for t in _tables(conn, info["frozen_schema"])]
    latest = conn.execute("select max(release_id) from audit.releases").fetchone()[0]
    if release_id == latest:
        schemas = PUBLISHED
    elif release_id == latest - 1 and all(_schema_exists(conn, f"{s}__prev") for s in PUBLISHED):
        schemas = tuple(f"{s}__prev" for s in PUBLISHED)
    else:
        raise ReleaseUnavailable(
            f"release {release_id} was neither frozen nor is it the current or previous release;"
            " freeze releases you want to keep (`sto release freeze N`) while they are current"
        )
    return [(schema, table) for schema in schemas for table in _tables(conn, schema)]


def freeze(settings: Settings, release_id: int) -> str:
    target = frozen_schema(release_id)
    researcher = sql.Identifier(settings.role("researcher"))
    with db.transformer(settings) as conn:
        with conn.transaction():
            conn.execute("select pg_advisory_xact_lock(hashtext('sto:publish'))")
            if _schema_exists(conn, target):
                return target
            tables = locate(conn, release_id)
            conn.execute(sql.SQL("create schema {}").format(sql.Identifier(target)))
            for schema, table in tables:
                conn.execute(
                    sql.SQL("create table {} as table {}").format(
                        sql.Identifier(target, table), sql.Identifier(schema, table)
                    )
                )
            conn.execute(
                sql.SQL("comment on schema {} is {}").format(
                    sql.Identifier(target),
                    sql.Literal(f"sto-warehouse release {release_id}, frozen (read-only)"),
                )
            )
            # Researchers read frozen releases; BI tools read only what is published now.
            conn.execute(
                sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(target), researcher)
            )
            conn.execute(
                sql.SQL("grant select on all tables in schema {} to {}").format(
                    sql.Identifier(target), researcher
                )
            )
            conn.execute(
                sql.SQL("revoke select on all tables in schema {} from {}").format(
                    sql.Identifier(target), sql.Identifier(settings.role("published_reader"))
                )
            )
            conn.execute(
                "update audit.releases set frozen_schema = %s where release_id = %s",
                (target, release_id),
            )
    return target


def export(
    settings: Settings,
    release_id: int,
    out_dir: Path,
    formats: tuple[str, ...] = ("parquet", "csv"),
) -> Path:
    """Every table of the release as Parquet/CSV, plus manifest.json (inputs, versions, gates)."""
    folder = out_dir / f"sto-release-{release_id:04d}"
    folder.mkdir(parents=True, exist_ok=True)
    with db.transformer(settings) as conn:
        with conn.transaction():
            # One snapshot for every table, so the export is one consistent release.
            conn.execute("set transaction isolation level repeatable read, read only")
            info = manifest(conn, release_id)
            tables = locate(conn, release_id)
            written = []
            for schema, table in tables:
                published_as = "monitor" if table.startswith("ind_") else "marts"
                stem = folder / f"{published_as}.{table}"
                if "csv" in formats:
                    with open(f"{stem}.csv", "wb") as out, conn.cursor() as cur:
                        with cur.copy(
                            sql.SQL(
                                "copy (select * from {}) to stdout with (format csv, header)"
                            ).format(sql.Identifier(schema, table))
                        ) as copy:
                            for chunk in copy:
                                out.write(chunk)
                    written.append(f"{stem.name}.csv")
                if "parquet" in formats:
                    _write_parquet(conn, schema, table, Path(f"{stem}.parquet"))
                    written.append(f"{stem.name}.parquet")
    info["files"] = written
    (folder / "manifest.json").write_text(json.dumps(info, indent=2, default=str))
    return folder


def _arrow_type(pa, oid: int):
    """Arrow type for a PostgreSQL type oid (numeric as float64: researchers' tools expect it)."""
    return {
        16: pa.bool_(),
        20: pa.int64(),
        21: pa.int16(),
        23: pa.int32(),
        700: pa.float32(),
        701: pa.float64(),
        1700: pa.float64(),
        1082: pa.date32(),
        1114: pa.timestamp("us"),
        1184: pa.timestamp("us", tz="UTC"),
    }.get(oid, pa.string())


def _write_parquet(conn: psycopg.Connection, schema: str, table: str, path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with conn.cursor(name=f"export_{table}") as cur:
        cur.execute(sql.SQL("select * from {}").format(sql.Identifier(schema, table)))
        fields = [pa.field(d.name, _arrow_type(pa, d.type_code)) for d in cur.description]
        arrow_schema = pa.schema(fields)
        with pq.ParquetWriter(path, arrow_schema) as writer:
            while rows := cur.fetchmany(50_000):
                columns = list(zip(*rows, strict=True))
                arrays = [
                    pa.array(
                        [
                            None if v is None else (float(v) if f.type == pa.float64() else v)
                            for v in column
                        ],
                        type=f.type,
                    )
                    if f.type != pa.string()
                    else pa.array([None if v is None else str(v) for v in column], type=pa.string())
                    for f, column in zip(fields, columns, strict=True)
                ]
                writer.write_table(pa.Table.from_arrays(arrays, schema=arrow_schema))
