"""Reading a submission (xlsx, CSV group or JSON) into sheets of text cells - safely.

Hostile files are refused BEFORE a parser sees them: size limit, extension, magic bytes (an .xlsx
must be a zip; an old .xls or a CSV renamed to .xlsx is refused), macros (vbaProject.bin or a
macro-enabled content type), zip bombs (the sum of uncompressed sizes and each member's
compression ratio, read from the zip directory), unsafe file and sheet names. openpyxl then opens
the workbook with ``read_only=True, data_only=True, keep_vba=False, keep_links=False``: a formula
contributes its CACHED value only and is never evaluated (no cached value: the cell is empty).
Merged cells and hidden required sheets are found in the workbook XML.

Every value becomes text, as submitted: integers as digits, decimals with a point and no
exponent, dates ``YYYY-MM-DD``, date-times ``YYYY-MM-DDTHH:MM:SS``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

from sto_warehouse.submissions import spec
from sto_warehouse.submissions.messages import ERROR


@dataclass
class Cell:
    value: str
    ref: str  # where a person finds it: 'B7' (xlsx), 'rij 7, kolom bedrag' (csv/json)


@dataclass
class Row:
    number: int  # row number as the region sees it (xlsx/csv: line incl. header; json: 1-based)
    cells: dict[str, Cell]

    def get(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.value if cell else ""

    def ref(self, name: str) -> str:
        cell = self.cells.get(name)
        return cell.ref if cell else f"rij {self.number}"


@dataclass
class SheetData:
    name: str
    header: list[str]
    rows: list[Row]
    hidden: bool = False
    merged: list[str] = field(default_factory=list)
    truncated: bool = False  # more than spec.MAX_ROWS rows


@dataclass
class Issue:
    """A finding of the reader (the validation turns it into a Finding)."""

    rule: str
    sheet: str | None = None
    cell: str | None = None
    value: str | None = None
    expected: str | None = None
    field: str | None = None


@dataclass
class Parsed:
    format: str  # xlsx | csv | json
    meta: dict[str, str]
    sheets: dict[str, SheetData]
    issues: list[Issue] = field(default_factory=list)

    @property
    def fatal(self) -> bool:
        from sto_warehouse.submissions.messages import CATALOGUE

        return any(CATALOGUE[i.rule].severity == ERROR for i in self.issues)


class Unreadable(Exception):
    """The file cannot be read at all: nothing else is checked."""

    def __init__(self, issue: Issue):
        super().__init__(issue.rule)
        self.issue = issue


SAFE_FILE_NAME = re.compile(r"^[^\W_][\w .()\-]{0,150}$")
SAFE_SHEET_NAME = re.compile(r"^[\w ]{1,31}$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
MACRO_CONTENT = ("macroEnabled", "vbaProject", "ms-excel.sheet.binary")
CSV_SUFFIX = ".csv"
CSV_GROUP = re.compile(r"^(?P<prefix>.+?)__(?P<sheet>[^_].*)\.csv$", re.IGNORECASE)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} kB"


def text_of(value: object) -> str:
    """A cell value as text, as submitted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def check_file_name(name: str) -> Issue | None:
    if not SAFE_FILE_NAME.match(name) or ".." in name:
        return Issue("BESTANDSNAAM_ONVEILIG", value=name)
    return None


# -- xlsx ----------------------------------------------------------------------------------------


def preflight_xlsx(data: bytes, name: str) -> zipfile.ZipFile:
    """Everything that is checked before openpyxl opens the workbook. Raises Unreadable."""
    suffix = Path(name).suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam"):
        raise Unreadable(Issue("MACRO", value=f"bestandstype {suffix}"))
    if suffix == ".xls" or data.startswith(OLE_MAGIC):
        raise Unreadable(Issue("OUD_XLS"))
    if not data.startswith(b"PK\x03\x04"):
        head = data[:200].decode("utf-8", errors="replace")
        what = (
            "het lijkt een tekst- of CSV-bestand"
            if head.isprintable() or ";" in head or "," in head
            else "onbekende inhoud"
        )
        raise Unreadable(Issue("GEEN_XLSX", value=what))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(Issue("GEEN_XLSX", value=f"beschadigd zip-bestand: {exc}")) from exc
    if len(members) > spec.MAX_ZIP_MEMBERS:
        raise Unreadable(
            Issue(
                "ZIP_BOM",
                value=f"{len(members)} onderdelen",
                expected=f"{spec.MAX_ZIP_MEMBERS} onderdelen",
            )
        )
    total = sum(m.file_size for m in members)
    if total > spec.MAX_UNCOMPRESSED_BYTES:
        raise Unreadable(
            Issue("ZIP_BOM", value=_size(total), expected=_size(spec.MAX_UNCOMPRESSED_BYTES))
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > 1024 * 1024 and ratio > spec.MAX_COMPRESSION_RATIO:
            raise Unreadable(
                Issue(
                    "ZIP_BOM",
                    value=f"{_size(member.file_size)} uit {_size(member.compress_size)} ({member.filename})",
                    expected=f"een verhouding van hoogstens {spec.MAX_COMPRESSION_RATIO}:1",
                )
            )
    names = {m.filename for m in members}
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise Unreadable(Issue("GEEN_XLSX", value="geen Excel-werkmap (workbook.xml ontbreekt)"))
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise Unreadable(Issue("MACRO", value="vbaProject.bin"))
    content_types = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
    for marker in MACRO_CONTENT:
        if marker in content_types:
            raise Unreadable(Issue("MACRO", value=f"content type {marker}"))
    return archive


def _workbook_sheets(archive: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """(name, state, member path) of every sheet, from workbook.xml and its relationships."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError) as exc:
        raise Unreadable(Issue("XLSX_ONLEESBAAR", value=f"workbook.xml: {exc}")) from exc
    targets = {r.get("Id"): r.get("Target", "") for r in rels.findall("rel:Relationship", NS)}
    found = []
    for sheet in workbook.findall("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id"), "")
        target = target.lstrip("/")
        path = target if target.startswith("xl/") else f"xl/{target}"
        found.append((sheet.get("name", ""), sheet.get("state", "visible"), path))
    return found


MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def read_xlsx(data: bytes, name: str) -> Parsed:
    archive = preflight_xlsx(data, name)
    issues: list[Issue] = []
    sheets_xml = _workbook_sheets(archive)
    states = {n: s for n, s, _ in sheets_xml}
    merged: dict[str, list[str]] = {}
    for sheet_name, _, path in sheets_xml:
        try:
            body = archive.read(path)
        except KeyError:
            continue
        refs = [m.decode() for m in MERGE.findall(body)]
        if refs:
            merged[sheet_name] = refs
    import openpyxl  # only after the preflight (DESIGN: refuse hostile files unread)

    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=True, data_only=True, keep_vba=False, keep_links=False
        )
    except Exception as exc:  # noqa: BLE001 - any parser failure is an unreadable workbook
        raise Unreadable(
            Issue("XLSX_ONLEESBAAR", value=type(exc).__name__ + ": " + str(exc)[:200])
        ) from exc
    try:
        meta: dict[str, str] = {}
        sheets: dict[str, SheetData] = {}
        for sheet_name in workbook.sheetnames:
            if sheet_name == spec.META_SHEET:
                for row in workbook[sheet_name].iter_rows(max_col=2, values_only=True):
                    if row and row[0] is not None:
                        meta[text_of(row[0])] = text_of(row[1] if len(row) > 1 else None)
                continue
            if sheet_name == spec.INSTRUCTIONS_SHEET:
                continue
            if not SAFE_SHEET_NAME.match(sheet_name):
                issues.append(Issue("TABBLADNAAM_ONVEILIG", sheet=sheet_name))
                continue
            sheet = _read_sheet(workbook[sheet_name], sheet_name)
            sheet.hidden = states.get(sheet_name, "visible") != "visible"
            sheet.merged = merged.get(sheet_name, [])
            sheets[sheet_name] = sheet
    finally:
        workbook.close()
    return Parsed("xlsx", meta, sheets, issues)


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _read_sheet(worksheet, sheet_name: str) -> SheetData:
    header: list[str] = []
    rows: list[Row] = []
    truncated = False
    for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        texts = [text_of(v) for v in values]
        if number == 1:
            header = [t.strip() for t in texts]
            while header and not header[-1]:
                header.pop()
            continue
        if not any(texts):
            continue
        if len(rows) >= spec.MAX_ROWS:
            truncated = True
            break
        cells = {
            column: Cell(texts[i] if i < len(texts) else "", f"{_column_letter(i)}{number}")
            for i, column in enumerate(header)
            if column
        }
        rows.append(Row(number, cells))
    return SheetData(sheet_name, header, rows, truncated=truncated)


# -- CSV (one file per sheet) ----------------------------------------------------------------------


def csv_group_key(name: str) -> tuple[str, str] | None:
    """('<prefix>', '<sheet>') for '<prefix>__<sheet>.csv', else None."""
    match = CSV_GROUP.match(name)
    if not match:
        return None
    return match.group("prefix"), match.group("sheet")


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_csv_group(files: list[tuple[str, bytes]]) -> Parsed:
    """A submission as CSV files ``<prefix>__<sheet>.csv``; ``<prefix>__meta.csv`` holds the
    template data (columns sleutel, waarde)."""
    issues: list[Issue] = []
    meta: dict[str, str] = {}
    sheets: dict[str, SheetData] = {}
    for name, data in sorted(files):
        key = csv_group_key(name)
        if key is None:
            raise Unreadable(
                Issue("CSV_ONLEESBAAR", value=f"{name}: de naam is niet <naam>__<tabblad>.csv")
            )
        sheet_name = key[1]
        if b"\x00" in data:
            raise Unreadable(
                Issue("CSV_ONLEESBAAR", value=f"{name}: bevat NUL-tekens (geen tekstbestand)")
            )
        try:
            text = _decode(data)
        except UnicodeDecodeError as exc:
            raise Unreadable(Issue("CSV_ONLEESBAAR", value=f"{name}: {exc}")) from exc
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") >= first.count(",") else ","
        try:
            records = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
        except csv.Error as exc:
            raise Unreadable(Issue("CSV_ONLEESBAAR", value=f"{name}: {exc}")) from exc
        if sheet_name == "meta":
            for record in records[1:]:
                if record and record[0].strip():
                    meta[record[0].strip()] = record[1].strip() if len(record) > 1 else ""
            continue
        if not SAFE_SHEET_NAME.match(sheet_name):
            issues.append(Issue("TABBLADNAAM_ONVEILIG", sheet=sheet_name))
            continue
        header = [h.strip().lstrip("\ufeff") for h in (records[0] if records else [])]
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
                    record[i].strip() if i < len(record) else "", f"rij {number}, kolom {column}"
                )
                for i, column in enumerate(header)
                if column
            }
            rows.append(Row(number, cells))
        sheets[sheet_name] = SheetData(sheet_name, header, rows, truncated=truncated)
    return Parsed("csv", meta, sheets, issues)


# -- JSON -----------------------------------------------------------------------------------------


def _reject_constant(name: str):
    raise ValueError(f"{name} is geen geldige JSON-waarde")


def read_json(data: bytes) -> Parsed:
    """``{"meta": {...}, "tabbladen": {"<sheet>": [{"<veld>": waarde, ...}, ...]}}``."""
    try:
        document = json.loads(_decode(data), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise Unreadable(Issue("JSON_ONGELDIG", value=str(exc)[:200])) from exc
    if not isinstance(document, dict) or not isinstance(document.get("tabbladen"), dict):
        raise Unreadable(
            Issue("JSON_ONGELDIG", value="verwacht een object met 'meta' en 'tabbladen'")
        )
    meta_in = document.get("meta") or {}
    if not isinstance(meta_in, dict):
        raise Unreadable(Issue("JSON_ONGELDIG", value="'meta' is geen object"))
    meta = {str(k): text_of(v) for k, v in meta_in.items() if not isinstance(v, (dict, list))}
    issues: list[Issue] = []
    sheets: dict[str, SheetData] = {}
    for sheet_name, records in document["tabbladen"].items():
        if not SAFE_SHEET_NAME.match(str(sheet_name)):
            issues.append(Issue("TABBLADNAAM_ONVEILIG", sheet=str(sheet_name)))
            continue
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise Unreadable(
                Issue("JSON_ONGELDIG", value=f"tabblad '{sheet_name}' is geen lijst van objecten")
            )
        header: list[str] = []
        for record in records:
            for key in record:
                if str(key) not in header:
                    header.append(str(key))
        rows = []
        for number, record in enumerate(records[: spec.MAX_ROWS], start=1):
            cells = {}
            for key, value in record.items():
                if isinstance(value, (dict, list)):
                    raise Unreadable(
                        Issue(
                            "JSON_ONGELDIG",
                            value=f"{sheet_name} rij {number}: '{key}' is geen enkele waarde",
                        )
                    )
                cells[str(key)] = Cell(text_of(value), f"rij {number}, veld {key}")
            rows.append(Row(number, cells))
        sheets[sheet_name] = SheetData(
            sheet_name, header, rows, truncated=len(records) > spec.MAX_ROWS
        )
    return Parsed("json", meta, sheets, issues)


# -- dispatch -------------------------------------------------------------------------------------


def read(files: list[tuple[str, bytes]]) -> Parsed:
    """Read one submission: one xlsx or JSON file, or a group of CSV files. Raises Unreadable."""
    for name, data in files:
        issue = check_file_name(name)
        if issue:
            raise Unreadable(issue)
        if len(data) > spec.MAX_FILE_BYTES:
            raise Unreadable(
                Issue(
                    "BESTAND_TE_GROOT", value=_size(len(data)), expected=_size(spec.MAX_FILE_BYTES)
                )
            )
        if not data:
            raise Unreadable(Issue("BESTAND_LEEG"))
    name, data = files[0]
    suffix = Path(name).suffix.lower()
    if len(files) > 1 or suffix == CSV_SUFFIX:
        return read_csv_group(files)
    if suffix in (".xlsx", ".xlsm", ".xltm", ".xlam", ".xls"):
        return read_xlsx(data, name)
    if suffix == ".json":
        return read_json(data)
    raise Unreadable(Issue("FORMAAT_ONBEKEND", value=suffix or "(geen)"))
