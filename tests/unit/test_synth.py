"""The synthetic DUO generator (sto_warehouse.synth): bytes, headers, encodings, calibration.

No database: the files are checked as files. That they load is checked by the pipeline tests.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from sto_warehouse.registry import get, normalise_header
from sto_warehouse.synth import duo, write_sample
from sto_warehouse.synth.country import REQUIRED_COROP, iter_vestigingen

BOM = b"\xef\xbb\xbf"
UPPER_BERO = {"VMBO BL lj 3-4", "VMBO KL lj 3-4", "VMBO GL lj 3-4"}
LEGACY_VINTAGES = {
    duo.VESTIGINGEN: "legacy-brin-nummer",
    duo.LEERLINGEN: "legacy-elementcode",
}
NEW_VINTAGES = {
    duo.VESTIGINGEN: "ckan-instellingscode",
    duo.LEERLINGEN: "instellingscode-erkende-opleidingscode",
}


def _dataset(path: Path) -> str:
    return duo.LEERLINGEN if "leerlingen" in path.name else duo.VESTIGINGEN


def _is_new(path: Path) -> bool:
    return path.read_bytes()[:3] == BOM


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    raw = path.read_bytes()
    new = raw.startswith(BOM)
    text = raw.decode("utf-8-sig" if new else "cp1252")
    delimiter = "," if new and _dataset(path) == duo.VESTIGINGEN else ";"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return rows[0], rows[1:]


def _vintage(dataset: str, name: str):
    return next(v for v in get(dataset).vintages if v.name == name)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    landing = tmp_path_factory.mktemp("landing")
    return write_sample(landing)


def test_sample_files(sample: list[Path]) -> None:
    names = sorted(p.name for p in sample)
    assert all(p.parent.name == "duo" and p.exists() for p in sample)
    leerlingen = [n for n in names if n.startswith("01.-leerlingen")]
    assert [n[-8:-4] for n in leerlingen] == [str(y) for y in range(2017, 2024)]
    assert duo.FAULTY_SAMPLE in names
    assert any(n.startswith("02.-alle-vestigingen-vo_") for n in names)
    assert any(n.startswith("vestigingenvo_") for n in names)


def test_same_seed_same_bytes_and_rerun_keeps_mtime(tmp_path: Path) -> None:
    kwargs = {"scale": 0.05, "peiljaren": range(2022, 2024), "snapshots": ["2021-12", "2022-12"]}
    first = duo.generate(tmp_path / "a", **kwargs)
    second = duo.generate(tmp_path / "b", **kwargs)
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    mtimes = {p: p.stat().st_mtime_ns for p in first}
    rerun = duo.generate_files(tmp_path / "a", **kwargs)
    assert not any(w.changed for w in rerun)
    assert {p: p.stat().st_mtime_ns for p in first} == mtimes
    other = duo.generate(tmp_path / "c", seed=7, **kwargs)
    assert any(a.read_bytes() != c.read_bytes() for a, c in zip(first, other, strict=True))


def test_headers_equal_registry_vintages(sample: list[Path]) -> None:
    for path in sample:
        header, _ = _read(path)
        dataset = _dataset(path)
        normalised = tuple(normalise_header(h) for h in header)
        if path.name == duo.FAULTY_SAMPLE:
            expected = _vintage(dataset, LEGACY_VINTAGES[dataset]).header
            assert normalised == tuple(h for h in expected if h != "AFDELING")
            continue
        name = (NEW_VINTAGES if _is_new(path) else LEGACY_VINTAGES)[dataset]
        assert normalised == _vintage(dataset, name).header, path.name
        assert tuple(header) == normalised, "published exactly as the registry spells it"


def test_vintage_by_period(sample: list[Path]) -> None:
    for path in sample:
        year = int(re.search(r"((?:19|20)\d{2})(?:-\d{2})?\.csv$", path.name).group(1))
        last_legacy = 2022 if _dataset(path) == duo.LEERLINGEN else 2021
        assert _is_new(path) == (year > last_legacy), path.name


def test_encodings_and_line_endings(sample: list[Path]) -> None:
    legacy_non_ascii = 0
    for path in sample:
        raw = path.read_bytes()
        if raw.startswith(BOM):
            raw.decode("utf-8")
            assert raw.count(b"\r\n") == raw.count(b"\n"), "CRLF everywhere"
            assert all(line.startswith(b'"') for line in raw[3:].splitlines())
        else:
            raw.decode("cp1252")
            assert b"\r" not in raw, "LF line endings"
            if any(byte > 0x7F for byte in raw):
                legacy_non_ascii += 1
                with pytest.raises(UnicodeDecodeError):
                    raw.decode("utf-8")
    assert legacy_non_ascii > 0, "some legacy file carries non-ASCII names (ë, û, ’ = 0x92)"


def test_legacy_address_padding_and_quoting(sample: list[Path]) -> None:
    path = next(p for p in sample if p.name.startswith("02.-alle-vestigingen-vo_"))
    header, rows = _read(path)
    tel, www = header.index("TELEFOONNUMMER"), header.index("INTERNETADRES")
    assert {r[tel] for r in rows if not r[tel].strip()} <= {" " * 10}
    assert {r[www] for r in rows if not r[www].strip()} <= {" " * 80}
    assert any(not r[www].strip() for r in rows)
    assert b'"' in path.read_bytes()  # a name with '"' gets CSV quoting, like the real file


def test_keys_and_codes(sample: list[Path]) -> None:
    for path in sample:
        header, rows = _read(path)
        assert rows, path.name
        brin = header.index("BRIN NUMMER" if "BRIN NUMMER" in header else "INSTELLINGSCODE")
        vest = brin + 1
        assert all(re.fullmatch(r"[0-9]{2}[A-Z]{2}", r[brin]) for r in rows)
        if _dataset(path) == duo.VESTIGINGEN:
            assert all(r[vest] == r[brin] + r[vest][4:] and len(r[vest]) == 6 for r in rows)
            gemeente = header.index("GEMEENTENUMMER")
            assert all(re.fullmatch(r"[0-9]{4}", r[gemeente]) for r in rows)
        elif _is_new(path):
            assert all(re.fullmatch(r"[0-9]{1,2}", r[vest]) for r in rows)
            assert {r[vest] for r in rows} >= {"0", "1"}
        else:
            assert all(re.fullmatch(r"[0-9]{2}", r[vest]) for r in rows)


def test_suppression_only_from_2023(sample: list[Path]) -> None:
    for path in sample:
        if _dataset(path) != duo.LEERLINGEN:
            continue
        _, rows = _read(path)
        cells = [c for r in rows for c in r[-12:]]
        if int(path.name[-8:-4]) >= 2023:
            assert "<5" in cells
            assert not any(c in {"1", "2", "3", "4"} for c in cells)
        else:
            assert "<5" not in cells
            assert all(c.isdigit() for c in cells)


def test_only_real_labels(sample: list[Path]) -> None:
    path = next(p for p in sample if p.name.endswith("-2019.csv"))
    header, rows = _read(path)
    ix = {h: i for i, h in enumerate(header)}
    types = {r[ix["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"]] for r in rows}
    assert UPPER_BERO <= types and {"Brugjaar 1-2", "VMBO TL lj 3-4", "HAVO lj 4-5"} <= types
    profielen = {
        r[ix["AFDELING"]]
        for r in rows
        if r[ix["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"]] in UPPER_BERO
    }
    assert {"Bouwen, wonen en interieur", "Produceren, installeren en energie", "Zorg en welzijn",
            "Dienstverlening en producten", "Economie en ondernemen"} <= profielen  # fmt: skip
    for row in rows:
        onderwijstype = row[ix["ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR"]]
        counts = [int(c) for c in row[-12:]]
        if onderwijstype.endswith("lj 3-4"):
            assert counts[:4] == [0] * 4 and counts[8:] == [0] * 4 and sum(counts) > 0
        if onderwijstype == "Brugjaar 1-2":
            assert counts[4:] == [0] * 8
        assert re.fullmatch(r"[0-9]{4}", row[ix["ELEMENTCODE"]])


def test_faulty_sample_lacks_afdeling(sample: list[Path]) -> None:
    faulty = next(p for p in sample if p.name == duo.FAULTY_SAMPLE)
    header, rows = _read(faulty)
    assert "AFDELING" not in header
    assert "BRIN NUMMER" in header and "VMBO SECTOR" in header
    assert all(len(r) == len(header) for r in rows)
    others = [p for p in sample if p != faulty]
    assert all("AFDELING" in _read(p)[0] for p in others if _dataset(p) == duo.LEERLINGEN)


def test_required_corop_areas_have_vbo(sample: list[Path]) -> None:
    path = next(p for p in sample if p.name.startswith("vestigingenvo_"))
    header, rows = _read(path)
    corop, structure = header.index("COROPGEBIED CODE"), header.index("ONDERWIJSSTRUCTUUR")
    with_vbo = {r[corop] for r in rows if "VBO" in r[structure]}
    assert set(REQUIRED_COROP) <= with_vbo


def test_national_upper_bero_total(tmp_path: Path) -> None:
    scale = 0.5
    (path,) = duo.generate(tmp_path, scale=scale, peiljaren=range(2019, 2020), snapshots=[])
    header, rows = _read(path)
    kind = header.index("ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR")
    lj34 = [
        header.index(f"LEER- OF VERBLIJFSJAAR {lj} - {s}")
        for lj in (3, 4)
        for s in ("MAN", "VROUW")
    ]
    total = sum(int(r[i]) for r in rows if r[kind] in UPPER_BERO for i in lj34)
    assert abs(total - 120_000 * scale) <= 0.1 * 120_000 * scale


def test_country_size_scales() -> None:
    small = list(iter_vestigingen(2026, 0.1))
    large = sum(1 for _ in iter_vestigingen(2026, 1.0))
    assert len(small) == 160 and large == 1600
    assert 55 <= sum(v.offers_vbo for v in small) <= 75
    assert len({v.brin6 for v in small}) == len(small)


REAL_2019 = (
    Path(os.environ.get("STO_DUO_SAMPLES", "/work/shared/duo-samples"))
    / "vo"
    / "leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
)


@pytest.mark.skipif(not REAL_2019.exists(), reason="real DUO sample files not available")
def test_labels_occur_in_the_real_2019_file(sample: list[Path]) -> None:
    header, rows = _read(REAL_2019)
    labels = [
        "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR",
        "VMBO SECTOR",
        "AFDELING",
        "OPLEIDINGSNAAM",
    ]
    real = {tuple(r[header.index(h)] for h in labels) for r in rows}
    for path in sample:
        if _dataset(path) != duo.LEERLINGEN or path.name == duo.FAULTY_SAMPLE:
            continue
        header, rows = _read(path)
        generated = {tuple(r[header.index(h)] for h in labels) for r in rows}
        assert generated <= real, sorted(generated - real)[:5]
