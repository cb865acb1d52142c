"""A corpus of bad inputs, each derived from a good file of the synthetic sample and each
expected to be rejected whole with a known code.

``write_bad_duo``: DUO files (encodings, binary, empty, truncated, delimiters, field counts,
headers, file names, values the raw gate refuses), each with its rejection code.
``write_bad_submissions``: regional submissions in the folders of regions the sample registers
(hostile files - macros, a zip bomb, a CSV or a truncated file named .xlsx, an old .xls, an
oversized or empty file, an image named .json, SQL and shell in file names, SQL in a sheet
name and in a header -, xlsx traps - merged cells, a hidden or deleted sheet, a formula-looking
text -, CSV groups in the wrong encoding, delimiter or field count, and the content rules: text
or '<5' where a number is required, negative and absurd amounts, duplicate keys, an unknown
BRIN6, totals that do not add up, a wrong template version or period, an unknown region, a
file in another region's folder; and one grant export of no known layout), each with the
Dutch rule code it must be rejected with (its first error).
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Bad:
    name: str  # the file name in the landing folder
    code: str  # the rejection code it must produce
    what: str  # the trap, for humans


def _lines(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def _in_cell(row: bytes, column: int, text: bytes, sep: bytes = b";") -> bytes:
    """``row`` with ``text`` appended to one of its cells (whatever the cell holds)."""
    cells = row.split(sep)
    cells[column] += text
    return sep.join(cells)


def _find(good: Path, pattern: str) -> Path:
    return next(p for p in sorted(good.iterdir()) if pattern in p.name)


def write_bad_duo(good: Path, out: Path) -> list[Bad]:
    """Write the bad files into ``out`` (a landing 'duo' folder); periods never collide with the
    good sample's (2040+), so a wrongly accepted file would show up as a new partition."""
    out.mkdir(parents=True, exist_ok=True)
    leerlingen = _lines(_find(good, "onderwijstype-2021"))
    header, rows = leerlingen[0], [r for r in leerlingen[1:] if r]
    vestigingen = _lines(_find(good, "alle-vestigingen-vo_2021"))
    exam = _lines(_find(good, "examenkandidaten-en-geslaagden-2017-2022"))
    studenten = _lines(_find(good, "2020-2024-03-"))
    crebo = _lines(_find(good, "combinatie-erkende"))
    bestemming = _lines(_find(good, "bestemming-vo-gediplomeerden-2023"))
    cases: list[Bad] = []

    def put(name: str, data: bytes, code: str, what: str) -> None:
        (out / name).write_bytes(data)
        cases.append(Bad(name, code, what))

    def ll(year: int) -> str:
        return f"01.-leerlingen-vo-per-vestiging-naar-onderwijstype-{year}.csv"

    def with_cell(lines, row: int, column: int, value: bytes, sep: bytes = b";") -> bytes:
        lines = list(lines)
        cells = lines[row].split(sep)
        cells[column] = value
        lines[row] = sep.join(cells)
        return _join(lines)

    # -- encodings and bytes
    put(
        ll(2040),
        _join([header, rows[0], _in_cell(rows[1], 2, b" Techn\x81ek"), rows[2]]),
        "BAD_ENCODING",
        "a byte Windows-1252 does not define (0x81)",
    )
    put(
        ll(2041),
        codecs.BOM_UTF16_LE + _join(leerlingen[:4]).decode("cp1252").encode("utf-16-le"),
        "NOT_TEXT",
        "UTF-16 text",
    )
    put(ll(2042), b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "NOT_TEXT", "an image named .csv")
    put(ll(2043), b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 64, "NOT_TEXT", "an xlsx named .csv")
    put(ll(2044), b"", "EMPTY_FILE", "an empty file")
    put(ll(2045), header + b"\n", "EMPTY_FILE", "a header and no rows")
    put(
        ll(2046),
        b"<!DOCTYPE html><html><body>Service unavailable</body></html>\n",
        "NO_HEADER",
        "an HTML error page saved as the download",
    )
    # -- delimiters and field counts
    put(
        ll(2047),
        _join([header.replace(b";", b"\t")] + rows[:3]),
        "FIELD_COUNT",
        "tab-separated header, ';'-separated rows",
    )
    put(
        ll(2048),
        _join([header] + [r.replace(b";", b",") for r in rows[:3]]),
        "FIELD_COUNT",
        "',' rows under a ';' header",
    )
    put(
        ll(2049),
        _join([header, rows[0], rows[1] + b";9", rows[2]]),
        "FIELD_COUNT",
        "an extra field",
    )
    put(
        ll(2050),
        _join([header, rows[0], rows[1].rsplit(b";", 2)[0], rows[2]]),
        "FIELD_COUNT",
        "two fields missing",
    )
    put(ll(2051), _join([header] + rows[:20])[:-25], "FIELD_COUNT", "truncated mid-row")
    put(
        ll(2052),
        _join([header, rows[0], b'"' + rows[1]]),
        "UNTERMINATED_QUOTE",
        "a quote that never closes",
    )
    # -- headers
    put(
        ll(2053),
        _join([header.replace(b";AFDELING;", b";")] + rows[:3]),
        "MISSING_COLUMN",
        "a required column missing",
    )
    put(
        ll(2054),
        _join([header.replace(b"AFDELING", b"AFDELINGEN")] + rows[:3]),
        "MISSING_COLUMN",
        "a required column renamed (unknown vintage)",
    )
    put(
        ll(2055),
        _join([header.replace(b"ELEMENTCODE", b"AFDELING")] + rows[:3]),
        "DUPLICATE_COLUMN",
        "two columns with the same name",
    )
    put(
        ll(2056),
        _join(
            [header + b';X"); DROP TABLE raw.duo_vo_vestigingen; --']
            + [r + b";1" for r in rows[:3]]
        ),
        "BAD_HEADER",
        "SQL injection in a header",
    )
    put(
        ll(2057),
        _join([header + b";NAAM\x07BEL"] + [r + b";1" for r in rows[:3]]),
        "BAD_HEADER",
        "a control character in a header",
    )
    put(
        ll(2058),
        b"kolom_a;kolom_b;kolom_c\n1;2;3\n",
        "UNKNOWN_PUBLICATION",
        "a file of no registered publication",
    )
    put(
        "01.-leerlingen-vo-per-vestiging-naar-onderwijstype.csv",
        _join(leerlingen[:5]),
        "NO_PERIOD",
        "no peiljaar in the file name",
    )
    # -- file names
    put(
        "01.-leerlingen-2059; rm -rf $(HOME).csv",
        _join(leerlingen[:6]),
        "BAD_FILE_NAME",
        "shell metacharacters in the file name",
    )
    put(
        "01.-leerlingen-2060'; drop table audit.loads; --.csv",
        _join(leerlingen[:7]),
        "BAD_FILE_NAME",
        "SQL in the file name",
    )
    # -- values (the raw gate)
    put(ll(2061), with_cell([header] + rows[:5], 2, 14, b"-3"), "RAW_GATE", "a negative count")
    put(ll(2062), with_cell([header] + rows[:5], 2, 14, b"99999999"), "RAW_GATE", "an absurd count")
    put(
        ll(2063),
        with_cell([header] + rows[:5], 3, 15, b"veel"),
        "RAW_GATE",
        "text where a count belongs",
    )
    put(
        ll(2064), _join([header, rows[0], rows[1], rows[1], rows[2]]), "RAW_GATE", "a duplicate key"
    )
    put(ll(2065), with_cell([header] + rows[:5], 1, 0, b"AB12"), "RAW_GATE", "a malformed BRIN")
    put(
        "02.-alle-vestigingen-vo_2066-01.csv",
        with_cell(vestigingen[:6] + [b""], 2, 3, b"XX"),
        "RAW_GATE",
        "a malformed BRIN6 in the address list",
    )
    put(
        "02.-alle-vestigingen-vo_2067-01.csv",
        with_cell(vestigingen[:6] + [b""], 2, 1, b"<5"),
        "RAW_GATE",
        "'<5' where a bevoegd gezag number is required",
    )
    exam_sep = b";" if exam[0].count(b";") > exam[0].count(b",") else b","
    put(
        "examenkandidaten-en-geslaagden-2063-2068.csv",
        with_cell(
            exam[:6] + [b""],
            2,
            9,
            b'"12,3,4%"' if exam[2].startswith(b'"') else b"12,3,4%",
            exam_sep,
        ),
        "RAW_GATE",
        "a percentage that is no number",
    )
    stud_sep = b"," if studenten[0].count(b",") > studenten[0].count(b";") else b";"
    niveau = [c.strip(b'"') for c in studenten[0].split(stud_sep)].index(b"NIVEAU")
    put(
        "2065-2069-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-"
        "opleiding-niv.csv",
        with_cell(
            studenten[:6] + [b""],
            2,
            niveau,
            b'"9"' if studenten[2].startswith(b'"') else b"9",
            stud_sep,
        ),
        "RAW_GATE",
        "an mbo niveau outside 1-4",
    )
    crebo_sep = b";" if crebo[0].count(b";") > crebo[0].count(b",") else b","
    sector = [c.strip(b'"').upper() for c in crebo[0].split(crebo_sep)].index(b"SECTORKAMER NAAM")
    put(
        "combinatie-erkende-opleidingscode-en-beroep-2070-2071.csv",
        with_cell(crebo[:6] + [b""], 2, sector, b"", crebo_sep),
        "RAW_GATE",
        "a crebo without its sectorkamer",
    )
    best_sep = b";" if bestemming[0].count(b";") > bestemming[0].count(b",") else b","
    dest = [c.strip(b'"') for c in bestemming[0].split(best_sep)].index(
        b"INSTELLINGSCODE BESTEMMING"
    )
    put(
        "bestemming-vo-gediplomeerden-2072.csv",
        with_cell(bestemming[:6] + [b""], 2, dest, b"ZZZZZ", best_sep),
        "RAW_GATE",
        "a destination that is neither a BRIN nor XXXX",
    )
    return cases


# -- regional submissions ------------------------------------------------------------------------


@dataclass(frozen=True)
class BadSubmission:
    folder: str  # the landing sub-folder (a region id: the sender)
    names: tuple[str, ...]  # the file(s) of the one submission (a CSV group has several)
    code: str  # the rule code it must be rejected with (its first error)
    what: str  # the trap, for humans
    where: str  # what the problem names besides the file: cell (row/cell), sheet (sheet/column) or file


RECEIVED = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # the one arrival moment of a corpus run


class _Everything:
    """Lookups that know every code and region: used only to pick GOOD sample files to derive
    the bad ones from (the rule of each case does not depend on it)."""

    def loaded(self, dataset):
        return True

    def known_vo_brin6(self, codes):
        return set(codes)

    known_po_brin6 = known_mbo = vmbo_boards = known_vo_brin6

    def registered(self, region_period):
        return _AllRegions()

    def claimed_elsewhere(self, region_id, period, codes):
        return set()


class _AllRegions:
    def __contains__(self, item):
        return True


def _good(root: Path, kind: str, suffix: str) -> tuple[str, list[Path]]:
    """(region, files) of a sample submission of ``kind`` that is valid: one xlsx or JSON file,
    or (suffix ``.csv``) every member of a CSV group."""
    from sto_warehouse.submissions import reader, validate

    for region in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("DUSI-20")):
        candidates: dict[str, list[Path]] = {}
        for path in sorted(region.iterdir()):
            if not path.name.startswith(f"{kind}_") or path.suffix != suffix:
                continue
            key = reader.csv_group_key(path.name)
            candidates.setdefault(key[0] if key else path.name, []).append(path)
        for files in candidates.values():
            contents = [(p.name, p.read_bytes()) for p in files]
            judged = validate.validate(reader.read(contents), RECEIVED, _Everything())
            if judged.ok and not judged.warnings:
                return region.name, files
    raise LookupError(f"no good {kind} {suffix} in the sample")


def _workbook_bytes(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in members.items():
            archive.writestr(name, body)
    return out.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {n: archive.read(n) for n in archive.namelist()}


def write_bad_submissions(good: Path, out: Path) -> list[BadSubmission]:
    """Write bad submissions into ``out`` (a landing 'submissions' folder), each derived from a
    good file of the synthetic sample in ``good`` (its 'submissions' folder) and each in the
    folder of a region the sample registers, so the content rules fire as they would for it."""
    import openpyxl

    aanvraag_region, (aanvraag,) = _good(good, "aanvraag", ".xlsx")
    leden_region, (leden,) = _good(good, "deelnemers", ".xlsx")
    csv_region, csv_group = _good(good, "voortgang", ".csv")
    json_region, (report_json,) = _good(good, "eindverslag", ".json")
    other_region = next(
        p.name
        for p in sorted(good.iterdir())
        if p.name.startswith("DUSI-20") and p.name != aanvraag_region
    )
    known_brin6 = b"".join(p.read_bytes() for p in (good.parent / "duo").glob("*vestigingen*"))
    unknown_brin6 = next(
        c for n in range(99, 0, -1) if (c := f"{n:02d}QQ{n % 10}0").encode() not in known_brin6
    )
    cases: list[BadSubmission] = []
    seen = {hashlib.sha256(p.read_bytes()).digest() for p in good.rglob("*") if p.is_file()}

    def put(folder: str, files: list[tuple[str, bytes]], code: str, what: str, where: str):
        if len(files) == 1:  # a CSV group may share members with others; its name differs
            digest = hashlib.sha256(files[0][1]).digest()
            assert digest not in seen, f"{files[0][0]}: the same bytes as another file"
            seen.add(digest)
        for name, data in files:
            (out / folder).mkdir(parents=True, exist_ok=True)
            (out / folder / name).write_bytes(data)
        cases.append(BadSubmission(folder, tuple(n for n, _ in files), code, what, where))

    def workbook(source: Path = aanvraag):
        return openpyxl.load_workbook(source)

    def cell(sheet, column: str, row: int = 2):
        header = [c.value for c in sheet[1]]
        return sheet.cell(row=row, column=header.index(column) + 1)

    def edited(name: str, edit, source: Path = aanvraag) -> tuple[str, bytes]:
        book = workbook(source)
        edit(book)
        return name, _workbook_bytes(book)

    def setter(sheet: str, column: str, value, row: int = 2):
        def edit(book):
            cell(book[sheet], column, row).value = value

        return edit

    def meta(ref: str, value: str):
        def edit(book):
            book["_meta"][ref].value = value

        return edit

    r = aanvraag_region
    # -- values in an xlsx (the cell is named)
    put(r, [edited("fout_bedrag_tekst.xlsx", setter("begroting", "bedrag", "ca. 12.000 euro", 3))],
        "GEEN_BEDRAG", "text in an amount cell", "cell")  # fmt: skip
    put(r, [edited("fout_fte_kleiner_dan_5.xlsx", setter("fte", "fte", "<5"))],
        "GEEN_GETAL", "'<5' where a number is required", "cell")  # fmt: skip
    put(r, [edited("fout_negatief.xlsx", setter("cofinanciering", "bedrag", -2500))],
        "NEGATIEF", "a negative amount", "cell")  # fmt: skip
    put(r, [edited("fout_absurd_bedrag.xlsx", setter("begroting", "bedrag", 9_999_999_999))],
        "TE_GROOT", "an absurd amount", "cell")  # fmt: skip
    put(r, [edited("fout_fte_bereik.xlsx", setter("fte", "fte", 150))],
        "FTE_BEREIK", "persons counted as fte", "cell")  # fmt: skip
    put(r, [edited("fout_jaar.xlsx", setter("begroting", "jaar", 2031))],
        "JAAR_BUITEN_PERIODE", "a year outside the period", "cell")  # fmt: skip
    put(r, [edited("fout_codelijst.xlsx", setter("begroting", "kostencategorie", "koffie"))],
        "CODELIJST", "a value outside the code list", "cell")  # fmt: skip

    def duplicate(book):
        sheet = book["begroting"]
        sheet.append([c.value for c in sheet[2]])

    put(r, [edited("fout_dubbel.xlsx", duplicate)], "DUBBEL", "a duplicate key", "cell")
    put(r, [edited("fout_totaal.xlsx", setter("algemeen", "totaal_begroting", 1))],
        "TOTAAL_KLOPT_NIET", "a total that does not add up", "cell")  # fmt: skip
    put(r, [edited("fout_verplicht.xlsx", setter("begroting", "kostencategorie", None, 4))],
        "VERPLICHT", "a required cell left empty", "cell")  # fmt: skip

    def formula_text(book):  # text, not a formula (a formula without cached value reads empty)
        target = cell(book["algemeen"], "contactpersoon")
        target.value = "=cmd|' /C calc'!A0"
        target.data_type = "s"

    put(r, [edited("fout_formule.xlsx", formula_text)],
        "FORMULE_TEKST", "formula injection in a text cell", "cell")  # fmt: skip
    put(r, [edited("fout_toekomst.xlsx", setter("algemeen", "ingediend_op", datetime(2031, 1, 1)))],
        "INGEDIEND_TOEKOMST", "submitted after it was received", "cell")  # fmt: skip
    put(r, [edited("fout_periode.xlsx", setter("algemeen", "periode", "2019"))],
        "PERIODE_ONBEKEND", "a period the template does not have", "cell")  # fmt: skip
    # -- which template, which region
    put(r, [edited("fout_versie.xlsx", meta("B2", "2024.1"))],
        "TEMPLATE_VERSIE", "an old template version", "sheet")  # fmt: skip
    put(r, [edited("fout_soort.xlsx", meta("B1", "begroting"))],
        "TYPE_ONBEKEND", "an unknown submission type", "sheet")  # fmt: skip

    def region(value: str):
        def edit(book):
            book["_meta"]["B3"].value = value
            cell(book["algemeen"], "regio_id").value = value

        return edit

    put(other_region, [edited("van_andere_regio.xlsx", setter("algemeen", "contactpersoon", "X"))],
        "REGIO_VERSCHIL", "another region's file in this region's folder", "sheet")  # fmt: skip
    put("DUSI-20-099", [edited("onbekende_regio.xlsx", region("DUSI-20-099"))],
        "REGIO_ONBEKEND", "a region that is not registered", "cell")  # fmt: skip
    # -- headers and sheets of an xlsx
    put(r, [edited("fout_kolom_hernoemd.xlsx", setter("begroting", "bedrag", "bedrag_eur", 1))],
        "KOLOM_ONTBREEKT", "a required column renamed", "sheet")  # fmt: skip
    put(r, [edited("fout_kolom_dubbel.xlsx", setter("begroting", "kostencategorie", "jaar", 1))],
        "KOLOM_DUBBEL", "two columns with the same name", "sheet")  # fmt: skip
    put(r, [edited("fout_kolom_sql.xlsx",
                   setter("begroting", "bedrag", "bedrag\"); DROP TABLE raw.sub_budget; --", 1))],
        "KOLOM_ONTBREEKT", "SQL injection in a header", "sheet")  # fmt: skip

    def unsafe_sheet(book):
        book.create_sheet("x'; DROP TABLE t; --")

    put(r, [edited("fout_tabbladnaam.xlsx", unsafe_sheet)],
        "TABBLADNAAM_ONVEILIG", "SQL injection in a sheet name", "sheet")  # fmt: skip

    def merged(book):
        book["begroting"].merge_cells("A2:B2")

    put(r, [edited("fout_samengevoegd.xlsx", merged)],
        "SAMENGEVOEGDE_CELLEN", "merged cells", "sheet")  # fmt: skip

    def hidden(book):
        book["begroting"].sheet_state = "hidden"

    put(r, [edited("fout_verborgen.xlsx", hidden)], "VERBORGEN_TABBLAD", "a hidden sheet", "sheet")

    def no_sheet(book):
        del book["cofinanciering"]

    put(r, [edited("fout_tabblad_weg.xlsx", no_sheet)],
        "TABBLAD_ONTBREEKT", "a required sheet deleted", "sheet")  # fmt: skip
    # -- hostile and broken files (the file name is the place)
    base = edited("basis.xlsx", setter("algemeen", "contactpersoon", "Macro"))[1]
    put(r, [("fout_macro.xlsm", base)], "MACRO", "a macro-enabled workbook (.xlsm)", "file")
    members = _members(edited("b.xlsx", setter("algemeen", "contactpersoon", "VBA"))[1])
    members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 fake vba project"
    put(r, [("fout_vba.xlsx", _zip(members))], "MACRO", "a VBA project inside an .xlsx", "file")
    members = _members(edited("b.xlsx", setter("algemeen", "contactpersoon", "Bom"))[1])
    members["xl/media/bom.bin"] = b"\0" * (80 * 1024 * 1024)
    put(r, [("fout_zipbom.xlsx", _zip(members))], "ZIP_BOM", "a zip bomb", "file")
    put(r, [("fout_afgekapt.xlsx", aanvraag.read_bytes()[: aanvraag.stat().st_size // 2])],
        "GEEN_XLSX", "a truncated workbook", "file")  # fmt: skip
    put(r, [("fout_csv_als.xlsx", b"jaar;kostencategorie;bedrag\n2020;personeel;100\n")],
        "GEEN_XLSX", "a CSV file renamed to .xlsx", "file")  # fmt: skip
    put(r, [("fout_oud.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 3)],
        "OUD_XLS", "an Excel 97-2003 file", "file")  # fmt: skip
    put(r, [("fout_kapot.xlsx", _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<<<"}))],
        "XLSX_ONLEESBAAR", "a zip whose workbook.xml is no XML", "file")  # fmt: skip
    put(r, [("fout_leeg.xlsx", b"")], "BESTAND_LEEG", "an empty file", "file")
    put(r, [("fout_te_groot.xlsx", b"PK\x03\x04" + os.urandom(11 * 1024 * 1024))],
        "BESTAND_TE_GROOT", "a file over the size limit", "file")  # fmt: skip
    put(r, [("fout_plaatje.json", b"\x89PNG\r\n\x1a\n\x81\x8d" + bytes(range(256)) * 4)],
        "JSON_ONGELDIG", "a binary file (an image) named .json", "file")  # fmt: skip
    put(r, [("fout_brief.docx", b"PK\x03\x04 word document")],
        "FORMAAT_ONBEKEND", "an extension no submission has", "file")  # fmt: skip
    put(r, [("x'; DROP TABLE raw.sub_budget; --.xlsx", edited("c.xlsx", setter("algemeen", "contactpersoon", "SQL"))[1])],
        "BESTANDSNAAM_ONVEILIG", "SQL injection in the file name", "file")  # fmt: skip
    put(r, [("$(rm -rf ~)`id`.xlsx", edited("d.xlsx", setter("algemeen", "contactpersoon", "Shell"))[1])],
        "BESTANDSNAAM_ONVEILIG", "shell metacharacters in the file name", "file")  # fmt: skip
    # -- membership
    put(leden_region, [edited("fout_onbekende_brin6.xlsx", setter("deelnemers", "code", unknown_brin6), leden)],
        "BRIN6_ONBEKEND", "an unknown BRIN6", "cell")  # fmt: skip
    put(leden_region, [edited("fout_brin6_formaat.xlsx", setter("deelnemers", "code", "12AB3"), leden)],
        "FORMAAT_BRIN6", "a malformed BRIN6", "cell")  # fmt: skip
    # -- a CSV group (one file per sheet): encodings, delimiters, field counts, headers
    members_csv = {p.name: p.read_bytes() for p in csv_group}
    spend = next(n for n in members_csv if n.endswith("__uitgaven.csv"))

    def group(prefix: str, change=None, drop: str | None = None) -> list[tuple[str, bytes]]:
        files = []
        for name, data in members_csv.items():
            if drop and name.endswith(drop):
                continue
            new = prefix + name[name.index("__") :]
            files.append((new, change(data) if change and name == spend else data))
        return files

    def lines(func):
        def change(data: bytes) -> bytes:
            rows = data.split(b"\r\n")
            return b"\r\n".join(func(rows))

        return change

    put(csv_region, group("fout_tab", lambda d: d.replace(b";", b"\t")),
        "KOLOM_ONTBREEKT", "tab-separated instead of ';'", "sheet")  # fmt: skip
    put(csv_region, group("fout_utf16", lambda d: codecs.BOM_UTF16_LE + d.decode("utf-8-sig").encode("utf-16-le")),
        "CSV_ONLEESBAAR", "UTF-16 text", "file")  # fmt: skip
    put(csv_region, group("fout_bytes", lines(lambda rs: [rs[0], rs[1] + b"\x81\x8d", *rs[2:]])),
        "CSV_ONLEESBAAR", "bytes neither UTF-8 nor Windows-1252 define", "file")  # fmt: skip
    put(csv_region, group("fout_quote", lines(lambda rs: [rs[0], b'"' + rs[1], *rs[2:]])),
        "CSV_ONLEESBAAR", "a quote that never closes", "file")  # fmt: skip
    put(csv_region, group("fout_velden", lines(lambda rs: [rs[0], rs[1].rsplit(b";", 1)[0], *rs[2:]])),
        "VERPLICHT", "a row with a field missing", "cell")  # fmt: skip
    put(csv_region, group("fout_kop", lines(lambda rs: [rs[0].replace(b"kostencategorie", b"categorie"), *rs[1:]])),
        "KOLOM_ONTBREEKT", "a renamed header", "sheet")  # fmt: skip
    put(csv_region, group("fout_kop_dubbel", lines(lambda rs: [rs[0] + b";bedrag", *(r + b";1" if r else r for r in rs[1:])])),
        "KOLOM_DUBBEL", "a duplicate header", "sheet")  # fmt: skip
    put(csv_region, group("fout_geen_meta", drop="__meta.csv"),
        "META_ONTBREEKT", "the template data (meta) missing", "sheet")  # fmt: skip
    # -- JSON
    text = report_json.read_bytes()
    put(json_region, [("fout_afgekapt.json", text[: len(text) // 2])],
        "JSON_ONGELDIG", "a truncated JSON file", "file")  # fmt: skip
    doc = json.loads(text)
    doc["tabbladen"]["activiteiten"][0]["doel"] = -3
    put(json_region, [("fout_negatief_doel.json", json.dumps(doc).encode())],
        "NEGATIEF", "a negative count", "cell")  # fmt: skip
    doc = json.loads(text)
    doc["tabbladen"]["activiteiten"][0]["resultaat"] = "<5"
    put(json_region, [("fout_kleiner_dan_5.json", json.dumps(doc).encode())],
        "GEEN_GEHEEL_GETAL", "'<5' where a count is required", "cell")  # fmt: skip
    doc = json.loads(text)
    doc["tabbladen"]["fte"].append(dict(doc["tabbladen"]["fte"][0]))
    put(json_region, [("fout_dubbele_sleutel.json", json.dumps(doc).encode())],
        "DUBBEL", "a duplicate key", "cell")  # fmt: skip
    # -- the grant administrator's export
    put("dus-i", [("beschikkingen_fout.csv", b"Regio;Nummer;Bedrag\r\nDUSI-20-001;STO-1;100\r\n")],
        "EXPORT_ONBEKEND", "an export with columns of no known layout", "file")  # fmt: skip
    return cases
