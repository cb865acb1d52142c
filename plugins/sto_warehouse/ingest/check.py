"""`sto duo check FILE`: what would happen to a file, before it is dropped in the landing folder.

Identification (publication, vintage, period, encoding, delimiter), drift warnings, the real
COPY into a pending table shaped like the night's, and the night's raw gate (the same GX suites)
on it; the pending copy is dropped afterwards. So field-count, quoting and encoding errors, a
count of '-3' or 'twaalf' and a duplicated row are refused exactly as the night refuses them,
with the line, the column and the fix. Nothing is archived, loaded or recorded in `audit`.
Without a reachable warehouse only the rows are checked, with Python's csv reader, and the
verdict says the raw gate did not run.
"""

from __future__ import annotations

import csv
import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import psycopg
from psycopg import sql

from sto_warehouse.config import Settings
from sto_warehouse.gates.runner import GateError
from sto_warehouse.ingest import copy_loader, files
from sto_warehouse.ingest.errors import Problem, Rejected
from sto_warehouse.ingest.identify import Identification, identify


@dataclass
class Verdict:
    file: str
    identification: dict | None = None
    rows: int | None = None
    method: str = ""
    problems: list[dict] = field(default_factory=list)
    gate: dict | None = None  # the raw gate's outcome: checks run, warnings (None: not run)

    @property
    def rejected(self) -> bool:
        return bool(self.problems)


def _copy_and_gate(settings: Settings, path: Path, ident: Identification) -> tuple[int, dict]:
    """COPY into a pending table of this check's own, run the raw gate on it, drop it."""
    from sto_warehouse.gates import raw_gate

    pending = f"_check_{secrets.token_hex(6)}"
    with psycopg.connect(settings.loader_url, connect_timeout=5) as conn:
        copy_loader.ensure_raw_table(conn, ident.entry)
        conn.commit()
        try:
            rows = copy_loader.copy_into(conn, ident, path, path.name, 0, pending)
            item = {
                "load_id": 0,
                "dataset": ident.dataset,
                "period": ident.period,
                "pending_table": pending,
                "identification": ident.summary(),
                "original_name": path.name,
            }
            outcome = raw_gate.check(settings, [item])[0]
        finally:
            conn.rollback()
            conn.execute(
                sql.SQL("drop table if exists {}").format(sql.Identifier(copy_loader.RAW, pending))
            )
            conn.commit()
    if not outcome["passed"]:
        raise Rejected(*[Problem(**f["problem"]) for f in outcome["failures"]])
    return rows, outcome


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
                rows, outcome = _copy_and_gate(settings, path, ident)
                verdict.method = "COPY into a pending table and the raw gate, then dropped"
                verdict.gate = {"checks": outcome["checks"], "warnings": outcome["warnings"]}
            except GateError:
                raise  # a suite that cannot run is a bug to fix, not a verdict on the file
            except (psycopg.OperationalError, RuntimeError):
                rows = None
        if rows is None:
            verdict.method = "Python csv reader only (warehouse not reachable: raw gate not run)"
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
