"""Every trap of other DUO vintages (duo-samples README) loads unchanged, byte for byte."""

from __future__ import annotations

import codecs

import psycopg
import pytest

from sto_warehouse import dbt_runner
from sto_warehouse.ingest import pipeline
from sto_warehouse.registry import get

CKAN = list(get("duo_vo_vestigingen").vintages[1].header)


def _header() -> list[str]:
    header = list(CKAN)
    header[header.index("VESTIGINGSNAAM")] = "VESTIGINGSNAAM "  # trailing space
    header[header.index("BEVOEGD GEZAG NUMMER")] = "BEVOEGD_GEZAG_NUMMER"  # underscores
    return header


def _row(code: str, name: str, gemeente: str, phone: str) -> list[str]:
    values = {h: "x" for h in CKAN}
    values.update(
        {
            "PROVINCIE": "Zeeland",
            "BEVOEGD GEZAG NUMMER": "41797",
            "INSTELLINGSCODE": code[:4],
            "VESTIGINGSCODE": code,
            "VESTIGINGSNAAM": name,
            "GEMEENTENUMMER": gemeente,
            "TELEFOONNUMMER": phone,
            "ONDERWIJSSTRUCTUUR": "VBO/MAVO",
            "COROPGEBIED CODE": "32",
        }
    )
    return [values[h] for h in CKAN]


def _quoted(fields: list[str]) -> str:
    return ",".join('"' + f.replace('"', '""') + '"' for f in fields)


ROWS = [
    _row("01AB00", 'Basisschool "De Maasparel", Sint-Michiel', "0599", ""),
    _row("01AB01", "Mariëndael \u2018t Spectrum", "599", " "),
    _row("02CD00", "Lyceum", " 637", "0113 123456"),
]


@pytest.fixture(scope="module")
def loaded(fresh_settings):
    folder = fresh_settings.landing / "duo"
    folder.mkdir(parents=True, exist_ok=True)
    text = _quoted(_header()) + "\r\n" + "\r\n".join(_quoted(r) for r in ROWS) + "\r\n"
    (folder / "vestigingenvo_2024-03.csv").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    summary = pipeline.load_paths(fresh_settings, "traps")
    return fresh_settings, summary


def test_quoted_utf8_bom_crlf_file_with_renamed_headers_loads(loaded):
    _, summary = loaded
    assert summary["rejected"] == []
    (item,) = summary["loaded"]
    assert item["dataset"] == "duo_vo_vestigingen" and item["period"] == "2024-03"
    assert item["row_count"] == 3


def test_values_stay_byte_for_byte_in_raw(loaded):
    settings, _ = loaded
    with psycopg.connect(settings.admin_url) as conn:
        rows = conn.execute(
            "select vestigingscode, vestigingsnaam, gemeentenummer, telefoonnummer,"
            " bevoegd_gezag_nummer from raw.duo_vo_vestigingen where _period = '2024-03'"
            " order by _row_number"
        ).fetchall()
    assert rows == [
        ("01AB00", 'Basisschool "De Maasparel", Sint-Michiel', "0599", "", "41797"),
        ("01AB01", "Mariëndael \u2018t Spectrum", "599", " ", "41797"),
        ("02CD00", "Lyceum", " 637", "0113 123456", "41797"),
    ]


def test_staging_normalises_codes_and_not_applicable(loaded):
    settings, _ = loaded
    result = dbt_runner.run(
        settings, ["build", "--select", "stg_duo__vo_vestigingen"], "traps", capture=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
    with psycopg.connect(settings.admin_url) as conn:
        rows = conn.execute(
            "select brin6, gemeente_code, vestigingsnaam from staging.stg_duo__vo_vestigingen"
            " where snapshot_month = '2024-03' order by brin6"
        ).fetchall()
    assert [r[1] for r in rows] == ["0599", "0599", "0637"]
    assert rows[0][2] == 'Basisschool "De Maasparel", Sint-Michiel'
