"""The loader vs the floors: a bare `COPY FROM STDIN` of the same file into an unindexed table
(target >= 0.8x its throughput) and pandas `DataFrame.to_sql` (target >= 20x faster).

The file is a DUO-shaped leerlingen file of at least 1,000,000 rows from the one synthetic
generator. "Loader" is what a new file costs once it is in the landing folder: identification
(one streaming pass for sha256 and encoding, the header), COPY into the pending table, and the
partition swap; the raw gate is measured separately (gate case).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import psycopg
from psycopg import sql

from bench.common import Measurement, Ratio, timed
from bench.stack import Stack

MIN_ROWS = 1_000_000


def make_file(out: Path, min_rows: int = MIN_ROWS) -> tuple[Path, int]:
    from sto_warehouse.synth import duo

    rows = 0
    scale = 36.0 * min_rows / MIN_ROWS
    while rows < min_rows:
        for path in out.glob("*"):
            path.unlink()
        written = duo.generate(
            out,
            scale=scale,
            peiljaren=range(2022, 2023),
            snapshots=[],
            datasets={"duo_vo_leerlingen_onderwijstype"},
        )
        path = written[0]
        with path.open("rb") as fh:
            rows = sum(1 for _ in fh) - 1
        scale *= 1.2
    return path, rows


def bare_copy(settings, path: Path, columns: list[str]) -> None:
    with psycopg.connect(settings.loader_url) as conn:
        conn.execute("drop table if exists raw.bench_bare_copy")
        conn.commit()
        # Created in the COPY's own transaction, as the loader does its pending table: with
        # wal_level=minimal (the embedded warehouse) neither writes WAL for the rows, so the
        # floor is the fastest bare COPY the server can do.
        conn.execute(
            sql.SQL("create table raw.bench_bare_copy ({})").format(
                sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)
            )
        )
        with conn.cursor() as cur:
            with (
                cur.copy(
                    "copy raw.bench_bare_copy from stdin with (format csv, header true,"
                    " delimiter ';', encoding 'WIN1252')"
                ) as copy,
                path.open("rb") as fh,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
        conn.commit()


def loader(settings, path: Path, sha256: str) -> None:
    from sto_warehouse.ingest import copy_loader, pipeline
    from sto_warehouse.registry import get

    task = {
        "source": "bench",
        "sha256": sha256,
        "original_name": path.name,
        "landing_path": "",
        "archive_path": str(path),
        "size": path.stat().st_size,
        "first_seen": "2026-11-01",
        "force": True,
    }
    staged = pipeline.stage(settings, task, "bench-loader")
    assert staged["status"] == "staged", staged
    with psycopg.connect(settings.loader_url) as conn:
        result = copy_loader.swap_in(
            conn,
            get(staged["dataset"]),
            copy_loader.Staged(
                staged["load_id"],
                staged["dataset"],
                staged["period"],
                staged["pending_table"],
                staged["row_count"],
            ),
            sha256,
            force=True,
        )
    assert result == "loaded"


def to_sql(settings, path: Path) -> None:
    import pandas as pd
    import sqlalchemy

    engine = sqlalchemy.create_engine(
        settings.loader_url.replace("postgresql://", "postgresql+psycopg://")
    )
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, encoding="cp1252")
    with engine.begin() as conn:
        conn.exec_driver_sql("drop table if exists raw.bench_to_sql")
    frame.to_sql("bench_to_sql", engine, schema="raw", index=False)
    engine.dispose()


def run(repeats: int = 3, min_rows: int | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-loader-"))
    with Stack(airflow=False) as stack:
        settings = stack.settings()
        path, rows = make_file(work, min_rows or MIN_ROWS)
        from sto_warehouse.ingest import files
        from sto_warehouse.ingest.identify import identify

        scan = files.scan(path)
        ident = identify(path.name, scan, files.sniff(path, scan, path.name))
        columns = ident.columns
        m_copy = Measurement("loader", f"bare COPY FROM STDIN, unindexed table ({rows:,} rows)")
        m_loader = Measurement("loader", "sto loader: identify + COPY into pending + swap")
        m_to_sql = Measurement("loader", "pandas read_csv + DataFrame.to_sql")
        for _ in range(repeats):
            m_copy.seconds.append(timed(lambda: bare_copy(settings, path, columns)))
            m_loader.seconds.append(timed(lambda: loader(settings, path, scan.sha256)))
            m_to_sql.seconds.append(timed(lambda: to_sql(settings, path)))
        size_mb = path.stat().st_size / 1e6
        for m in (m_copy, m_loader, m_to_sql):
            m.extra = {
                "rows": rows,
                "megabytes": round(size_mb, 1),
                "rows_per_second": round(rows / m.median),
            }
    shutil.rmtree(work, ignore_errors=True)
    vs_copy = m_copy.median / m_loader.median
    vs_to_sql = m_to_sql.median / m_loader.median
    return {
        "measurements": [m_copy, m_loader, m_to_sql],
        "ratios": [
            Ratio(
                "loader",
                "loader throughput / bare COPY throughput",
                vs_copy,
                ">= 0.8x",
                vs_copy >= 0.8,
            ),
            Ratio(
                "loader",
                "loader speed / DataFrame.to_sql speed",
                vs_to_sql,
                ">= 20x",
                vs_to_sql >= 20,
            ),
        ],
    }
