"""The DUO staging models on the hand-made fixtures in tests/fixtures/duo.

One module-wide run: every fixture loaded with the real loader (raw gate included) into a
private warehouse database, then one `dbt build`; the tests query the staging views. What each
fixture covers is in tests/fixtures/duo/README.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from sto_warehouse import dbt_runner
from sto_warehouse.ingest import pipeline
from sto_warehouse.registry import get

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "duo"
RUN_ID = "staging-test"


@pytest.fixture(scope="module")
def built(fresh_settings):
    """Every fixture loaded in one drop, then `dbt build` (staging, seeds, marts, tests)."""
    landing = fresh_settings.landing / "duo"
    # The landing folder is shared by the session: leave nothing behind for other modules.
    shutil.rmtree(landing, ignore_errors=True)
    landing.mkdir(parents=True)
    try:
        for path in sorted(FIXTURES.glob("*.csv")):
            shutil.copy(path, landing / path.name)
        summary = pipeline.load_paths(fresh_settings, RUN_ID)
    finally:
        shutil.rmtree(landing, ignore_errors=True)
    result = dbt_runner.run(fresh_settings, ["build"], RUN_ID, capture=True)
    return fresh_settings, summary, result


def _rows(settings, query: str, *params) -> list[tuple]:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute(query, params).fetchall()


def test_every_fixture_loads_and_dbt_build_passes(built):
    _, summary, result = built
    assert summary["rejected"] == [], summary["rejected"]
    loaded = {r["original_name"] for r in summary["loaded"]}
    assert loaded == {p.name for p in FIXTURES.glob("*.csv")}
    assert result.returncode == 0, result.stdout[-5000:]
    assert " ERROR=0 " in result.stdout


def test_exam_schooljaar_comes_whole_from_the_newest_window(built):
    settings, _, _ = built
    windows = dict(
        _rows(
            settings,
            "select distinct schooljaar, source_window from staging.stg_duo__vo_examenkandidaten",
        )
    )
    # 2015-2020 is the only window with 2015/2016 and 2016/2017; 2017-2022 is newest for the rest.
    assert windows == {
        "2015/2016": "2015-2020",
        "2016/2017": "2015-2020",
        "2017/2018": "2017-2022",
        "2018/2019": "2017-2022",
        "2019/2020": "2017-2022",
        "2020/2021": "2017-2022",
        "2021/2022": "2017-2022",
    }
    # The cell the newer window corrected (16 -> 15 candidates) and one only the newer has.
    totals = dict(
        _rows(
            settings,
            "select schooljaar, n_candidates from staging.stg_duo__vo_examenkandidaten"
            " where brin6 = '00AH17' and opleidingsnaam = 'VMBO B - techniek'"
            " and geslacht = 'totaal'",
        )
    )
    assert totals["2018/2019"] == 15
    assert totals["2020/2021"] == 18
    # A row the newer window dropped is not taken from the older window for its years.
    vmbo_t = _rows(
        settings,
        "select schooljaar from staging.stg_duo__vo_examenkandidaten"
        " where opleidingsnaam = 'VMBO T' order by 1",
    )
    assert [r[0] for r in vmbo_t] == ["2015/2016", "2016/2017"]
    # The newer window has no ONBEKEND columns: no onbekend rows for its years.
    onbekend = _rows(
        settings,
        "select schooljaar, n_candidates, n_passed, pass_rate"
        " from staging.stg_duo__vo_examenkandidaten where geslacht = 'onbekend'",
    )
    assert [(r[0], r[1], r[2], float(r[3])) for r in onbekend] == [("2016/2017", 1, 0, 0.0)]


def test_exam_values_suppression_and_classification(built):
    settings, _, _ = built
    havo = _rows(
        settings,
        "select schooljaar, n_candidates, n_passed, pass_rate, is_suppressed, leerweg,"
        " havo_vwo_profiel from staging.stg_duo__vo_examenkandidaten"
        " where opleidingsnaam = 'HAVO - N&T' and geslacht = 'vrouw' order by schooljaar",
    )
    assert len(havo) == 7
    assert all(r[1] is None and r[2] is None and r[4] for r in havo), "'<5' is NULL + flagged"
    assert float(havo[0][3]) == 0.75, "a percentage still given next to '<5' is kept"
    assert {(r[5], r[6]) for r in havo} == {("HAVO", "N&T")}
    rates = _rows(
        settings,
        "select opleidingsnaam, pass_rate, leerweg, vmbo_sector"
        " from staging.stg_duo__vo_examenkandidaten"
        " where schooljaar = '2019/2020' and geslacht = 'totaal' order by 1",
    )
    assert [(r[0], float(r[1]), r[2], r[3]) for r in rates] == [
        ("HAVO - N&T", 0.913, "HAVO", None),
        ("VMBO B - techniek", 0.933, "BB", "techniek"),
        ("VMBO LWT - landbouw", 1.0, "LWT", "landbouw"),
    ]
    zero = _rows(
        settings,
        "select count(*) from staging.stg_duo__vo_examenkandidaten where n_candidates = 0",
    )
    assert zero == [(0,)], "cells without candidates are dropped"


def test_exam_results_grades_and_afdeling(built):
    settings, _, _ = built
    rows = _rows(
        settings,
        "select afdeling, leerweg, profiel_code, n_candidates, is_suppressed,"
        " avg_grade_school_exam, avg_grade_central_exam, avg_grade_final_list"
        " from staging.stg_duo__vo_examencijfers where schooljaar = '2019/2020' order by 1",
    )
    by_afdeling = {r[0]: r[1:] for r in rows}
    assert set(by_afdeling) == {"Metaaltechniek", "MTR", "N.v.t.", "Natuur en Techniek", "PIE"}
    pie = by_afdeling["PIE"]
    assert pie[:3] == ("BB", "PIE", 13)
    assert [float(v) for v in pie[4:]] == [6.4, 6.2, 6.5], "decimal comma"
    mtr = by_afdeling["MTR"]
    assert mtr[:4] == ("KB", "M&T", None, True), "'<5' candidates"
    assert float(mtr[4]) == 6.8 and mtr[6] is None, "decimal point; empty grade is NULL"
    assert by_afdeling["N.v.t."][:2] == ("TL", "GEEN")
    assert by_afdeling["Natuur en Techniek"][:2] == ("HAVO", "GEEN")


def test_mbo_students_newest_window_and_both_suppression_conventions(built):
    settings, _, _ = built
    rows = _rows(
        settings,
        "select jaar, geslacht, n_students, is_suppressed, raw_value, source_window, leerweg"
        " from staging.stg_duo__mbo_studenten where instellingscode = '25PZ' order by 1, 2",
    )
    assert {r[0]: r[5] for r in rows} == {
        2019: "2019-2023",
        2020: "2019-2023",
        2021: "2021-2025",
        2022: "2021-2025",
        2023: "2021-2025",
        2024: "2021-2025",
        2025: "2021-2025",
    }
    by_key = {(r[0], r[1]): r for r in rows}
    assert by_key[(2022, "man")][2] == 125, "the newer window's corrected count"
    # Older convention: 4 with INDICATIEAVG = 'J' means fewer than 5.
    assert by_key[(2019, "vrouw")][2:5] == (None, True, "4")
    assert by_key[(2021, "vrouw")][2:5] == (None, True, "<5")
    assert {r[6] for r in rows} == {"BOLVT", "BBL"}, "'BOL-VT' normalised"


def test_flow_destinations_hidden_by_duo_collapse_to_one_row(built):
    settings, _, _ = built
    rows = _rows(
        settings,
        "select brin6, is_destination_suppressed, instellingscode_bestemming, n_graduates,"
        " n_graduates_known, n_suppressed_cells, n_source_rows, leerweg"
        " from staging.stg_duo__vo_bestemming where onderwijstype = 'VMBO' order by 1, 2",
    )
    assert rows == [
        ("00AH17", False, "25PZ", 12, 12, 0, 1, "BB"),
        ("00AH17", True, None, None, 0, 2, 2, "BB"),
        ("01FU00", False, "27KL", 9, 9, 0, 1, "KB"),
        ("01FU00", True, None, None, 7, 1, 2, "KB"),
    ]
    havo = _rows(
        settings,
        "select leerweg_label, afdeling, bestemming from staging.stg_duo__vo_bestemming"
        " where onderwijstype = 'HAVO'",
    )
    assert havo == [("HAVO", "N.v.t.", "HO")]


def test_address_lists_are_normalised(built):
    settings, _, _ = built
    besturen = _rows(
        settings,
        "select bevoegd_gezag_nummer, kvk_nummer, gemeente_code, administratiekantoornummer,"
        " telefoonnummer, straatnaam_correspondentieadres from staging.stg_duo__vo_besturen"
        " order by 1",
    )
    assert besturen == [
        ("40000", "07654321", "0599", None, None, None),
        ("41234", "01234567", "0599", None, "0534820000", None),
        ("41999", None, "0637", "123", None, None),
    ]
    vestigingen = _rows(
        settings,
        "select brin6, vestigingsnaam, gemeente_code, denominatie, telefoonnummer"
        " from staging.stg_duo__vo_vestigingen order by 1",
    )
    assert vestigingen == [
        ("00AH00", 'Het "Stedelijk", Lyceum', "0153", "Openbaar", "0534821234"),
        ("00AH17", "Stedelijk Vakcollege", "0153", "Openbaar", None),
        ("01FU00", "Nuborgh College", "0637", None, None),
    ]
    instellingen = _rows(
        settings,
        "select brin, instellingsnaam, gemeente_code, internetadres, denominatie"
        " from staging.stg_duo__vo_instellingen order by 1",
    )
    assert instellingen == [
        ("00AH", "Stedelijk Lyceum", "0599", None, "Openbaar"),
        ("01FU", "Nuborgh College", "0637", "www.nuborgh.nl", None),
    ]
    mbo = _rows(
        settings,
        "select instellingscode, plaatsnaam, gemeente_code from staging.stg_duo__mbo_instellingen"
        " order by 1",
    )
    assert mbo == [("25PZ", "\u2019S-HERTOGENBOSCH", "0796"), ("27KL", "UTRECHT", "0344")]
    po = _rows(
        settings,
        "select brin6, vestigingsnaam, gemeentenaam, snapshot_month"
        " from staging.stg_duo__po_vestigingen order by 1",
    )
    assert po == [
        ("13GD01", "Kindcentrum De Tandem", None, "2019-06"),
        ("32JK00", "BBS de Verwondering", "NOORDENVELD", "2019-06"),
    ]


def test_crebo_lookup_one_row_per_crebo_from_the_newest_file(built):
    settings, _, _ = built
    rows = _rows(
        settings,
        "select crebo, sectorkamer_naam, n_beroepen, source_period"
        " from staging.stg_duo__crebo_sectorkamer order by 1",
    )
    assert rows == [
        ("23090", "Zorg, welzijn en sport", 1, "2023"),
        ("25180", "Techniek en gebouwde omgeving", 3, "2024"),
        ("25480", "Zorg, welzijn en sport", 1, "2023"),
        ("25604", "ICT en creatieve industrie", 1, "2024"),
        ("25655", "Techniek en gebouwde omgeving", 1, "2024"),
    ]
    technical = _rows(
        settings,
        "select crebo.crebo from staging.stg_duo__crebo_sectorkamer as crebo"
        " inner join reference.mbo_sectorkamers as kamer"
        " on crebo.sectorkamer_naam = kamer.sectorkamer_label where kamer.is_technical"
        " order by 1",
    )
    assert [r[0] for r in technical] == ["25180", "25604", "25655"]


def test_mbo_inflow_suppression_flags(built):
    settings, _, _ = built
    rows = _rows(
        settings,
        "select vooropleiding_vo, vooropleiding_mbo, n_instroom_opleiding,"
        " is_instroom_opleiding_suppressed, is_suppressed from staging.stg_duo__mbo_instroom"
        " order by 1",
    )
    assert rows == [
        ("Geen vo", "MBO niveau 1", None, True, True),
        ("VMBO-BB", None, 35, False, False),
        ("VMBO-KB", None, None, True, True),
    ]


def _exam_window(folder: Path, y1: int, y2: int, sexes: tuple[str, ...]) -> Path:
    """A one-row exam window (legacy vintage) with columns for school years y1/y1+1 .. y2-1/y2."""
    header = list(get("duo_vo_examenkandidaten").vintages[0].header)
    cells = []
    for year in range(y1, y2):
        for sex in sexes:
            header += [
                f"{measure} SCHOOLJAAR {year}-{year + 1} - {sex}"
                for measure in ("EXAMENKANDIDATEN", "GESLAAGDEN", "SLAAGPERC")
            ]
            cells += ["10", "9", "90,0%"]
    row = ["00AH", "00AH17", "Stedelijk Vakcollege", "ENSCHEDE", "VMBO", "36", "VMBO B - techniek"]
    path = folder / f"examenkandidaten-en-geslaagden-{y1}-{y2}.csv"
    path.write_bytes((";".join(header) + "\n" + ";".join(row + cells) + "\n").encode("cp1252"))
    return path


def test_later_overlapping_windows_load(built):
    """New windows arrive after older ones were committed (the yearly case), two in one drop."""
    settings, _, _ = built
    landing = settings.landing / "duo"
    shutil.rmtree(landing, ignore_errors=True)
    landing.mkdir(parents=True)
    try:
        _exam_window(landing, 2016, 2021, ("MAN", "VROUW", "ONBEKEND", "TOTAAL"))
        _exam_window(landing, 2018, 2023, ("MAN", "VROUW", "TOTAAL"))
        summary = pipeline.load_paths(settings, RUN_ID + "-later")
    finally:
        shutil.rmtree(landing, ignore_errors=True)
    assert sorted(r["period"] for r in summary["loaded"]) == ["2016-2021", "2018-2023"]
