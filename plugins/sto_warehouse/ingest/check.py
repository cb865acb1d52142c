"""`sto duo check FILE`: what would happen to a file, before it is dropped in the landing folder.

Identification (publication, vintage, period, encoding, delimiter), drift warnings, and a dry run
of the real COPY into a temporary table that is rolled back — so field-count, quoting and
encoding errors are found exactly as the loader would find them. Nothing is archived or loaded.
Without a reachable warehouse the rows are checked with Python's csv reader instead.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse.config import Settings
from sto_warehouse.ingest import files
from sto_warehouse.ingest.copy_loader import _copy_error
from sto_warehouse.ingest.errors import Problem, Rejected
from sto_warehouse.ingest.identify import Identification, identify


@dataclass
class Verdict:
    file: str
    identification: dict | None = None
    rows: int | None = None
    method: str = ""
    problems: list[dict] = field(default_factory=list)

    @property
    def rejected(self) -> bool:
        return bool(self.problems)


def _dry_copy(settings: Settings, path: Path, ident: Identification) -> int:
    with psycopg.connect(settings.loader_url, connect_timeout=5) as conn:
        with conn.transaction(force_rollback=True):
            conn.execute(
                sql.SQL("create temporary table sto_check ({}) on commit drop").format(
                    sql.SQL(", ").join(
                        sql.SQL("{} text").format(sql.Identifier(c)) for c in ident.columns
                    )
                )
            )
            cols = sql.SQL(", ").join(sql.Identifier(c) for c in ident.columns)
            statement = sql.SQL(
                "copy sto_check ({}) from stdin with (format csv, header true, delimiter {},"
                " quote '\"', encoding {}, force_not_null ({}))"
            ).format(
                cols, sql.Literal(ident.dialect.delimiter), sql.Literal(ident.scan.encoding), cols
            )
            try:
                with conn.cursor() as cur:
                    with cur.copy(statement) as copy, path.open("rb") as fh:
                        while chunk := fh.read(files.CHUNK):
                            copy.write(chunk)
                    return cur.rowcount
            except (psycopg.errors.DataError, psycopg.errors.BadCopyFileFormat) as exc:
                raise Rejected(_copy_error(exc, path.name, ident)) from exc


def _python_rows(path: Path, ident: Identification) -> int:
    expected = len(ident.columns)
    with path.open(encoding=ident.scan.python_encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=ident.dialect.delimiter, quotechar='"', strict=True)
        next(reader, None)
        rows = 0
        for rows, row in enumerate(reader, start=1):  # noqa: B007 - rows is the count
            if len(row) != expected:
                raise Rejected(
                    Problem(
                        "FIELD_COUNT",
                        "the row has a different number of fields than the header",
                        path.name,
                        line=reader.line_num,
                        expected=f"{expected} fields separated by '{ident.dialect.delimiter}'",
                        found=f"{len(row)} fields",
                    )
                )
        return rows


def check(settings: Settings | None, path: Path, period: str | None = None) -> Verdict:
    verdict = Verdict(file=path.name)
    try:
        scan = files.scan(path)
        dialect = files.sniff(path, scan, path.name)
        ident = identify(
            path.name,
            scan,
            dialect,
            date.today(),
            period,
            first_row=lambda: files.read_first_row(path, scan, dialect),
        )
        verdict.identification = ident.summary()
        verdict.identification["title"] = ident.entry.title
        rows = None
        if settings is not None:
            try:
                rows = _dry_copy(settings, path, ident)
                verdict.method = "COPY dry run (rolled back) on the warehouse"
            except (psycopg.OperationalError, RuntimeError):
                rows = None
        if rows is None:
            verdict.method = "Python csv reader (warehouse not reachable)"
            try:
                rows = _python_rows(path, ident)
            except csv.Error as exc:
                raise Rejected(Problem("COPY_FAILED", f"not valid CSV: {exc}", path.name)) from exc
        if rows == 0:
            raise Rejected(
                Problem("EMPTY_FILE", "the file has a header but no data rows", path.name)
            )
        verdict.rows = rows
    except Rejected as exc:
        verdict.problems = [p.as_dict() for p in exc.problems]
    return verdict
