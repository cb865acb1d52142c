"""Each gate stage vs the same checks as plain SQL (target <= 2x, after the one GX import).

Raw stage: the raw suite of the 1M-row pupils file, on its pending-table shape. Candidate stage:
every candidate suite on a built candidate. The plain-SQL floor runs the same queries directly
(each UnexpectedRows query counted; built-in expectations as their obvious SQL).
"""

from __future__ import annotations

import statistics
import time

import psycopg
from psycopg import sql

from bench.common import Measurement, Ratio


def plain_sql(conn: psycopg.Connection, schema: str, table: str, expectations: list) -> None:
    """The same checks as hand-written SQL against the table."""
    relation = f'"{schema}"."{table}"'
    for e in expectations:
        kind = type(e).__name__
        if kind == "UnexpectedRowsExpectation":
            query = e.unexpected_rows_query.replace("{batch}", relation)
            conn.execute(f"select count(*) from ({query}) as q").fetchone()  # noqa: S608
        elif kind in ("ExpectTableRowCountToBeBetween", "ExpectTableRowCountToEqual"):
            conn.execute(sql.SQL("select count(*) from {}").format(sql.Identifier(schema, table)))
        elif kind == "ExpectTableColumnsToMatchSet":
            conn.execute(
                "select column_name from information_schema.columns where table_schema = %s"
                " and table_name = %s",
                (schema, table),
            ).fetchall()
        elif kind == "ExpectColumnValuesToBeBetween":
            conn.execute(
                sql.SQL("select count(*) from {} where {} < %s or {} > %s").format(
                    sql.Identifier(schema, table),
                    sql.Identifier(e.column),
                    sql.Identifier(e.column),
                ),
                (e.min_value, e.max_value),
            ).fetchone()
        else:
            raise NotImplementedError(kind)


def measure(url: str, specs, repeats: int) -> tuple[Measurement, Measurement]:
    import great_expectations.expectations as gxe

    from sto_warehouse.gates import runner

    runner.validate(url, specs[:1])  # pays the one GX import outside the measurement
    gx_times, sql_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        runner.validate(url, specs)
        gx_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        with psycopg.connect(url) as conn:
            for spec in specs:
                plain_sql(conn, spec.schema, spec.table, spec.build(gxe, spec.ctx))
        sql_times.append(time.perf_counter() - start)
    return gx_times, sql_times


def run_stage(name: str, url: str, specs, repeats: int) -> dict:
    gx_times, sql_times = measure(url, specs, repeats)
    gx = Measurement("gate", f"{name} gate through GX ({len(specs)} suites)", gx_times)
    floor = Measurement("gate", f"{name} gate checks as plain SQL", sql_times)
    ratio = statistics.median(gx_times) / statistics.median(sql_times)
    return {
        "measurements": [gx, floor],
        "ratios": [Ratio("gate", f"{name} gate: GX / plain SQL", ratio, "<= 2x", ratio <= 2)],
    }
