"""The programme as its regulations write it (issue 12): technical definitions, grant rules,
synthetic marking and the programme mart, on one build.

One module-wide `dbt build` over the bundled synthetic sample (DUO-shaped files and the regions'
submissions) with the real 2019 enrollment file from ../shared in place of the synthetic one.
The grant rules are pinned by dbt unit tests with hand-computed rows (they run in the build);
this module checks that they ran and passed, and asserts what the build published.
"""

from __future__ import annotations

import shutil

import psycopg
import pytest

from sto_warehouse import dbt_runner, synth
from sto_warehouse.ingest import pipeline
from sto_warehouse.submissions import pipeline as submissions_pipeline
from tests.conftest import REAL_2019, REAL_VESTIGINGEN, requires_shared_samples

RUN_ID = "programme-test"


@pytest.fixture(scope="module")
def built(fresh_settings):
    """The sample (DUO + submissions), the real 2019 files when present, loaded and built."""
    landing = fresh_settings.landing
    shutil.rmtree(landing, ignore_errors=True)
    try:
        synth.write_sample(landing)
        if REAL_2019.exists():
            (
                landing / "duo" / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv"
            ).unlink()
            for path in (REAL_2019, REAL_VESTIGINGEN):
                shutil.copy(path, landing / "duo" / path.name)
        pipeline.load_paths(fresh_settings, RUN_ID)
        submissions_pipeline.load_all(fresh_settings, RUN_ID)
    finally:
        shutil.rmtree(landing, ignore_errors=True)
    result = dbt_runner.run(fresh_settings, ["build"], RUN_ID, capture=True)
    return fresh_settings, result


def _rows(settings, query: str, *params) -> list[tuple]:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute(query, params).fetchall()


def test_build_passes_with_the_rule_tests(built):
    _, result = built
    assert result.returncode == 0, result.stdout[-5000:]
    assert " ERROR=0 " in result.stdout
    assert "assert_technical_definitions_differ " in result.stdout


# -- 1. definitions ----------------------------------------------------------------------------


@requires_shared_samples()
def test_definitions_on_the_real_2019_file(built):
    """National leerjaar 3-4 BB/KB/GL pupils on 1 October 2019 (119,243 in all):
    hard_techniek = PIE 9,798 + BWI 6,492 + M&T 3,002 + Vakmanschapsroute Techniek 561 = 19,853
    (no old harde-techniek afdeling is left in 2019); sto_2020 = PIE + BWI + M&T + MVI 3,081 +
    MaT 540 = 22,913; sto_2025_duo = sto_2020 + the technical route 561 = 23,474."""
    settings, _ = built
    rows = dict(
        (definition, (tech, total))
        for definition, tech, total in _rows(
            settings,
            "select definition, n_tech_pupils_upper, n_pupils_upper from monitor__wap.ind_tech_pupils"
            " where peiljaar = 2019 and scope = 'national' and leerweg = 'ALL'",
        )
    )
    assert rows == {
        "hard_techniek": (19_853, 119_243),
        "sto_2020": (22_913, 119_243),
        "sto_2025_duo": (23_474, 119_243),
    }


def test_no_two_definitions_publish_the_same_rows(built):
    """Identical rows for every region and year under two names is a copy, not a definition."""
    settings, _ = built
    identical = _rows(
        settings,
        "with per_def as ("
        "  select definition, md5(string_agg(concat_ws('|', peiljaar, scope, region_id, leerweg,"
        "    n_tech_pupils_upper_known, n_tech_pupils_upper_n_suppressed_cells),"
        "    ',' order by peiljaar, scope, region_id, leerweg)) as rows_md5"
        "  from intermediate.int_tech_pupils__unprotected group by definition)"
        " select a.definition, b.definition from per_def a join per_def b"
        "  on a.rows_md5 = b.rows_md5 and a.definition < b.definition",
    )
    assert identical == []


def test_every_definition_says_what_it_measures(built):
    settings, _ = built
    rows = _rows(
        settings,
        "select d.definition, t.measures, t.data_source, t.is_approximation, t.cannot_see"
        " from (select distinct definition from reference.technical_profile_definitions) d"
        " left join reference.technical_definitions t using (definition) order by 1",
    )
    assert [r[0] for r in rows] == ["hard_techniek", "sto_2020", "sto_2025_duo"]
    assert all(r[1] and r[2] for r in rows)
    approx = {r[0]: (r[3], r[4]) for r in rows}
    assert approx["sto_2025_duo"][0] is True and "keuzevakken" in approx["sto_2025_duo"][1]
    assert approx["sto_2020"][0] is False
