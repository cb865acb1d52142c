"""Sniffing, header matching and period reading: pure functions, no database."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from sto_warehouse.ingest import files
from sto_warehouse.ingest.errors import Rejected
from sto_warehouse.ingest.identify import identify
from sto_warehouse.registry import get, normalise_header, registry, snake
from tests.conftest import REAL_2019, REAL_VESTIGINGEN, requires_shared_samples

LEGACY_HEADER = get("duo_vo_leerlingen_onderwijstype").vintages[0].header


def _write(path: Path, text: str, encoding: str = "cp1252", bom: bool = False) -> Path:
    data = text.encode(encoding)
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return path


def _ident(path: Path, name: str | None = None):
    scan = files.scan(path)
    dialect = files.sniff(path, scan, name or path.name)
    return identify(name or path.name, scan, dialect, date(2026, 11, 1))


def _row(n: int = 22) -> str:
    return ";".join(
        [
            "00AH",
            "00",
            "School",
            "ENSCHEDE",
            "Overijssel",
            "VMBO BL lj 3-4",
            "Techniek",
            "Groen",
            "0123",
            "VMBO BL",
        ]
        + ["1"] * (n - 10)
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  VESTIGINGSNAAM ", "VESTIGINGSNAAM"),
        ("\ufeffBRIN NUMMER", "BRIN NUMMER"),
        ('"BEVOEGD GEZAG NUMMER"', "BEVOEGD GEZAG NUMMER"),
        ("bevoegd_gezag_nummer", "BEVOEGD GEZAG NUMMER"),
        ("LEER- OF  VERBLIJFSJAAR 1 - MAN", "LEER- OF VERBLIJFSJAAR 1 - MAN"),
    ],
)
def test_headers_are_compared_normalised(raw, expected):
    assert normalise_header(raw) == expected


def test_canonical_names_are_snake_case():
    assert snake("LEER- OF VERBLIJFSJAAR 3 - VROUW") == "leer_of_verblijfsjaar_3_vrouw"
    assert snake("RPA-GEBIED CODE") == "rpa_gebied_code"


def test_every_registry_entry_is_complete():
    for entry in registry().values():
        assert entry.vintages, entry.dataset
        assert entry.filename_patterns, entry.dataset
        columns = set(entry.all_columns)
        assert set(entry.required) <= columns, entry.dataset
        assert set(entry.key) <= columns, entry.dataset
        assert set(entry.counts) <= columns, entry.dataset
        assert entry.sources and all(s.url for s in entry.sources), entry.dataset


def test_legacy_vintage_renames_brin_nummer(tmp_path):
    path = _write(
        tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv",
        ";".join(LEGACY_HEADER) + "\n" + _row() + "\n",
    )
    ident = _ident(path)
    assert ident.dataset == "duo_vo_leerlingen_onderwijstype"
    assert ident.vintage.name == "legacy-elementcode"
    assert ident.columns[:2] == ["instellingscode", "vestigingscode"]
    assert ident.period == "2019"
    assert ident.period_source == "filename"
    assert ident.warnings == []


def test_quoted_utf8_with_bom_and_trailing_spaces_is_recognised(tmp_path):
    header = ",".join(f'"{h} "' for h in LEGACY_HEADER).replace("BRIN NUMMER", "brin_nummer")
    path = _write(
        tmp_path / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2024.csv",
        header + "\r\n",
        "utf-8",
        bom=True,
    )
    scan = files.scan(path)
    assert scan.encoding == "UTF8" and scan.bom and scan.newline == "CRLF"
    dialect = files.sniff(path, scan, path.name)
    assert dialect.delimiter == "," and dialect.quoted
    ident = identify(path.name, scan, dialect)
    assert ident.columns[0] == "instellingscode"
    assert ident.period == "2024"


def test_windows_1252_is_not_latin1(tmp_path):
    text = (
        ";".join(LEGACY_HEADER)
        + "\n"
        + _row().replace("School", "Basisschool \u2019t Kofschip")
        + "\n"
    )
    path = _write(tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv", text)
    assert b"\x92" in path.read_bytes()
    assert files.scan(path).encoding == "WIN1252"


def test_missing_required_column_is_named(tmp_path):
    header = [h for h in LEGACY_HEADER if h != "AFDELING"]
    path = _write(
        tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv",
        ";".join(header) + "\n",
    )
    with pytest.raises(Rejected) as caught:
        _ident(path)
    problem = caught.value.problem
    assert problem.code == "MISSING_COLUMN"
    assert problem.column == "AFDELING"
    assert problem.line == 1
    assert problem.file == path.name
    assert "AFDELING" in str(problem) and problem.fix


def test_new_column_is_a_warning_not_an_error(tmp_path):
    header = [*LEGACY_HEADER, "NIEUWE KOLOM"]
    path = _write(
        tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype-2021.csv",
        ";".join(header) + "\n",
    )
    ident = _ident(path)
    assert ident.new_columns == ["nieuwe_kolom"]
    assert [w["code"] for w in ident.warnings] == ["NEW_COLUMN"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "EMPTY_FILE"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NOT_TEXT"),
        (b"\n\n", "NO_HEADER"),
        (b"just one column\n1\n", "NO_HEADER"),
        (b"A;B;C\n1;2;3\n", "UNKNOWN_PUBLICATION"),
    ],
)
def test_unusable_files_are_rejected_with_a_code(tmp_path, content, code):
    path = tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
    path.write_bytes(content)
    with pytest.raises(Rejected) as caught:
        _ident(path)
    assert caught.value.problem.code == code
    assert caught.value.problem.file == path.name


def test_period_falls_back_to_the_landing_date_for_address_lists(tmp_path):
    header = get("duo_vo_vestigingen").vintages[1].header
    path = _write(
        tmp_path / "vestigingenvo.csv", ",".join(f'"{h}"' for h in header) + "\n", "utf-8", bom=True
    )
    ident = _ident(path)
    assert ident.dataset == "duo_vo_vestigingen"
    assert ident.vintage.name == "ckan-instellingscode"
    assert (ident.period, ident.period_source) == ("2026-11", "landing_date")


def test_leerlingen_without_a_year_in_the_name_is_rejected(tmp_path):
    path = _write(
        tmp_path / "leerlingen-vo-per-vestiging-naar-onderwijstype.csv",
        ";".join(LEGACY_HEADER) + "\n",
    )
    with pytest.raises(Rejected) as caught:
        _ident(path)
    assert caught.value.problem.code == "NO_PERIOD"


@requires_shared_samples()
@pytest.mark.parametrize(
    ("path", "dataset", "vintage", "period"),
    [
        (REAL_2019, "duo_vo_leerlingen_onderwijstype", "legacy-elementcode", "2019"),
        (REAL_VESTIGINGEN, "duo_vo_vestigingen", "legacy-brin-nummer", "2020-12"),
    ],
)
def test_real_duo_files_are_identified(path, dataset, vintage, period):
    ident = _ident(path)
    assert (ident.dataset, ident.vintage.name, ident.period) == (dataset, vintage, period)
    assert ident.scan.encoding == "WIN1252"
    assert ident.dialect.delimiter == ";"
    assert ident.warnings == []
