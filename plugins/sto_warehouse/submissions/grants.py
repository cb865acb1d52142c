"""Adapter for the grant administrator's exports (DUS-I): grant decisions and payments.

The layout is OUR DOCUMENTED ASSUMPTION (docs/submissions.md), isolated here: when the real
export differs, only ``LAYOUTS`` changes. Each export is a full extract of all regions, so a newer
export supersedes the previous one as a whole (its submission key is (ALLE, type, 'extract')).

* ``beschikkingen*.csv``: ``Regio-ID;Beschikkingsnummer;Datum beschikking;Soort beschikking;
  Regeling;Subsidiejaar;Bedrag``
* ``betalingen*.csv``: ``Regio-ID;Beschikkingsnummer;Betaaldatum;Subsidiejaar;Bedrag``

Semicolon- or comma-separated, UTF-8 (BOM allowed) or Windows-1252; amounts with a decimal comma
and optional thousands dots (``1.234.567,89``) or a decimal point; dates ``DD-MM-YYYY`` or ISO.
``Soort beschikking``: verlening | ophoging | vaststelling; ``Regeling``: sto_2020_2023 |
sto_2025_2028.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sto_warehouse.submissions import spec
from sto_warehouse.submissions.reader import Cell, Parsed, Row, SheetData, _decode

GRANT_REGION = "ALLE"
GRANT_PERIOD = "extract"
DECISION_KINDS = spec.GRANT_KINDS
REGELINGEN = tuple(spec.REGELING_REGION_PERIOD)


@dataclass(frozen=True)
class Layout:
    submission_type: str
    table: str
    columns: dict[str, str]  # header as exported -> raw column
    fields: tuple[spec.Field, ...]


def _f(name, kind, label, codes=None, required=True) -> spec.Field:
    return spec.Field(name, kind, label, required, codes)


LAYOUTS = (
    Layout(
        "beschikking",
        "sub_grant_decision",
        {
            "Regio-ID": "regio_id",
            "Beschikkingsnummer": "beschikkingsnummer",
            "Datum beschikking": "beschikkingsdatum",
            "Soort beschikking": "soort",
            "Regeling": "regeling",
            "Subsidiejaar": "subsidiejaar",
            "Bedrag": "bedrag",
        },
        (
            _f("regio_id", "region", "Regio-id"),
            _f("beschikkingsnummer", "text", "Nummer van de beschikking"),
            _f("beschikkingsdatum", "date", "Datum van de beschikking"),
            _f("soort", "code", "verlening, ophoging of vaststelling", codes="grant_kinds"),
            _f("regeling", "code", "sto_2020_2023 of sto_2025_2028", codes="regelingen"),
            _f("subsidiejaar", "year", "Subsidiejaar"),
            _f("bedrag", "amount", "Bedrag in euro"),
        ),
    ),
    Layout(
        "betaling",
        "sub_grant_payment",
        {
            "Regio-ID": "regio_id",
            "Beschikkingsnummer": "beschikkingsnummer",
            "Betaaldatum": "betaaldatum",
            "Subsidiejaar": "subsidiejaar",
            "Bedrag": "bedrag",
        },
        (
            _f("regio_id", "region", "Regio-id"),
            _f("beschikkingsnummer", "text", "Nummer van de beschikking"),
            _f("betaaldatum", "date", "Datum van betaling"),
            _f("subsidiejaar", "year", "Subsidiejaar"),
            _f("bedrag", "amount", "Bedrag in euro"),
        ),
    ),
)
TYPES = {layout.submission_type: layout for layout in LAYOUTS}


def sheet_spec(layout: Layout) -> spec.Sheet:
    return spec.Sheet(layout.submission_type, layout.table, layout.fields, layout.submission_type)


def header_of(data: bytes) -> list[str]:
    text = _decode(data[:4096]) if data else ""
    first = text.split("\n", 1)[0].strip("\r")
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    return [h.strip().lstrip("\ufeff") for h in next(csv.reader([first], delimiter=delimiter), [])]


def identify(data: bytes) -> Layout | None:
    """The layout whose columns the header has exactly (order free), else None."""
    header = set(header_of(data))
    for layout in LAYOUTS:
        if header == set(layout.columns):
            return layout
    return None


def looks_like_grant_export(name: str, data: bytes) -> bool:
    lowered = name.lower()
    return lowered.endswith(".csv") and (
        lowered.startswith(("beschikkingen", "betalingen")) or identify(data) is not None
    )


def read(data: bytes, layout: Layout) -> Parsed:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    records = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    header = [h.strip().lstrip("\ufeff") for h in records[0]]
    columns = [layout.columns.get(h, h) for h in header]
    rows = []
    truncated = False
    for number, record in enumerate(records[1:], start=2):
        if not any(v.strip() for v in record):
            continue
        if len(rows) >= spec.MAX_ROWS:
            truncated = True
            break
        cells = {
            column: Cell(
                record[i].strip() if i < len(record) else "", f"rij {number}, kolom {header[i]}"
            )
            for i, column in enumerate(columns)
        }
        rows.append(Row(number, cells))
    sheet = SheetData(layout.submission_type, columns, rows, truncated=truncated)
    meta = {
        "template_type": layout.submission_type,
        "template_versie": "export",
        "regio_id": GRANT_REGION,
    }
    return Parsed("csv", meta, {layout.submission_type: sheet})
