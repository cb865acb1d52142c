"""A corpus of bad DUO inputs, each derived from a good synthetic file and each expected to be
rejected whole with a known code. Regional-submission cases come from their own corpus
(sto_warehouse.submissions) and are added by tests/reliability/test_bad_inputs.py."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
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
        _join([header, rows[0], rows[1].replace(b"Techniek", b"Techn\x81ek"), rows[2]]),
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
        _join(leerlingen[:5]),
        "BAD_FILE_NAME",
        "shell metacharacters in the file name",
    )
    put(
        "01.-leerlingen-2060'; drop table audit.loads; --.csv",
        _join(leerlingen[:5]),
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
        with_cell(vestigingen[:6], 2, 3, b"XX"),
        "RAW_GATE",
        "a malformed BRIN6 in the address list",
    )
    put(
        "02.-alle-vestigingen-vo_2067-01.csv",
        with_cell(vestigingen[:6], 2, 1, b"<5"),
        "RAW_GATE",
        "'<5' where a bevoegd gezag number is required",
    )
    exam_sep = b";" if exam[0].count(b";") > exam[0].count(b",") else b","
    put(
        "examenkandidaten-en-geslaagden-2063-2068.csv",
        with_cell(
            exam[:6], 2, 9, b'"12,3,4%"' if exam[2].startswith(b'"') else b"12,3,4%", exam_sep
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
            studenten[:6], 2, niveau, b'"9"' if studenten[2].startswith(b'"') else b"9", stud_sep
        ),
        "RAW_GATE",
        "an mbo niveau outside 1-4",
    )
    crebo_sep = b";" if crebo[0].count(b";") > crebo[0].count(b",") else b","
    sector = [c.strip(b'"').upper() for c in crebo[0].split(crebo_sep)].index(b"SECTORKAMER NAAM")
    put(
        "combinatie-erkende-opleidingscode-en-beroep-2070-2071.csv",
        with_cell(crebo[:6], 2, sector, b"", crebo_sep),
        "RAW_GATE",
        "a crebo without its sectorkamer",
    )
    best_sep = b";" if bestemming[0].count(b";") > bestemming[0].count(b",") else b","
    dest = [c.strip(b'"') for c in bestemming[0].split(best_sep)].index(
        b"INSTELLINGSCODE BESTEMMING"
    )
    put(
        "bestemming-vo-gediplomeerden-2072.csv",
        with_cell(bestemming[:6], 2, dest, b"ZZZZZ", best_sep),
        "RAW_GATE",
        "a destination that is neither a BRIN nor XXXX",
    )
    return cases
