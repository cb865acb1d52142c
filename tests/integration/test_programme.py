"""The programme as its regulations write it (issue 12): technical definitions, grant rules,
synthetic marking and the programme mart, on one build.

One module-wide `dbt build` over the bundled synthetic sample (DUO-shaped files and the regions'
submissions) with the real 2019 enrollment file from ../shared in place of the synthetic one.
The grant rules are pinned by dbt unit tests with hand-computed rows (they run in the build);
this module checks that they ran and passed, and asserts what the build published.
"""

from __future__ import annotations

import re
import shutil

import psycopg
import pytest

from sto_warehouse import dbt_runner, provenance, publish, releases, report
from sto_warehouse.gates import candidate_gate
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
        # The sample is recorded as synthetic; the real 2019 file put in its place is not.
        provenance.write_sample(fresh_settings, landing)
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


# -- 2. grant rules ------------------------------------------------------------------------------


def test_grant_rule_unit_tests_ran(built):
    """The hand-computed rows of each rule (techniekregio, a region that stops mid-period, a
    techniekarme regio, bijlage 3, techniekluwe; the co-financing norm by date) pass."""
    _, result = built
    for unit_test in (
        "test_ind_grant_reconciliation_rules",
        "test_ind_cofinancing_norm_by_date",
        "test_cofinancing_norm_by_date",
    ):
        assert f"{unit_test} " in result.stdout
    assert "FAIL" not in result.stdout


def test_grant_rules_are_pinned_with_their_sources(built):
    """Each rule is one seed row naming its source; DOMAIN's [VERIFY] items stay unverified.
    Changing a rule is one edit of its row - and this test says which number moved."""
    settings, _ = built
    budgets = {
        r[0]: r[1:]
        for r in _rows(
            settings,
            "select budget_id, budget_eur, is_ranked, is_verified, source <> ''"
            " from reference.sub_programme_budgets",
        )
    }
    assert {k: int(v[0]) for k, v in budgets.items() if k.startswith("arm_")} == {
        "arm_2020": 25_000_000,
        "arm_2021": 25_000_000,
        "arm_2022": 20_000_000,
        "arm_2023": 20_000_000,
    }
    assert all(v[1] and not v[2] for k, v in budgets.items() if k.startswith("arm_"))
    assert int(budgets["topup_2024"][0]) == 100_000_000
    assert int(budgets["regio_2025_2028"][0]) == 368_640_080
    assert all(v[3] for v in budgets.values())
    caps = {
        (r[0], r[1]): r[2:]
        for r in _rows(
            settings,
            "select regulation_period, region_type, cap_rule, cap_eur, is_verified"
            " from reference.sub_region_caps",
        )
    }
    assert caps[("sto_2020_2023", "techniekregio")][0] == "per_pupil"
    assert caps[("sto_2020_2023", "techniekarme regio")] == ("ranked_budget", None, False)
    assert caps[("sto_2025_2028", "techniekluwe regio")] == ("fixed_cap", 4_000_000, True)
    assert caps[("sto_2025_2028", "techniekregio")][2] is False  # bijlage 3 not retrievable
    assert _rows(
        settings, "select cap_share, cap_base, is_verified from reference.sub_topup_caps"
    ) == [(0.25, "granted_2020_2023", False)]
    norms = _rows(
        settings,
        "select jaar, norm_share from intermediate.int_grant__cofinancing_norm_by_year"
        " where regulation_period = 'sto_2020_2023' order by jaar",
    )
    assert [(j, float(n)) for j, n in norms] == [
        (2020, 0.075),
        (2021, 0.075),
        (2022, 0.075),
        (2023, 0.075),
        (2024, 0.083333),
    ]


def test_reconciliation_applies_the_rule_of_the_region_type(built):
    """On the sample: a techniekarme regio has no per-region maximum (and is not flagged for
    it), a techniekregio its per-pupil maximum, and every 2025-2028 maximum is marked synthetic
    because it comes from the placeholder seed."""
    settings, _ = built
    # A per-pupil maximum is NULL only where ind_max_subsidy_2020_2023 withholds it because a
    # cell of ind_tech_pupils it needs is withheld (docs/monitor.md); those regions are left out.
    rows = _rows(
        settings,
        "select regulation_period, region_type, min(cap_rule), max(cap_rule), count(*),"
        " count(*) filter (where max_subsidy_eur is null), bool_and(is_within_max),"
        " bool_and(is_synthetic), bool_or(is_synthetic)"
        " from monitor__wap.ind_grant_reconciliation as r where scope = 'region'"
        " and not exists (select 1 from monitor__wap.ind_max_subsidy_2020_2023 as m"
        " where m.scope = 'region' and m.region_id = r.region_id"
        " and m.n_cells_not_published > 0 and r.cap_rule = 'per_pupil')"
        " group by 1, 2",
    )
    by_type = {(r[0], r[1]): r[2:] for r in rows}
    arme = by_type[("sto_2020_2023", "techniekarme regio")]
    assert arme[:2] == ("ranked_budget", "ranked_budget") and arme[2] == arme[3] and arme[4]
    regio = by_type[("sto_2020_2023", "techniekregio")]
    assert regio[:2] == ("per_pupil", "per_pupil") and regio[3] == 0 and not regio[6]
    later = by_type[("sto_2025_2028", "techniekregio")]
    assert later[:2] == ("per_region_list", "per_region_list") and later[5] is True


def test_grant_indicators_publish_national_rows_computed_in_sql(built):
    """Every grant indicator the report charts has national rows (scope national, region_id
    NL) beside its regions, so neither the report nor a BI tool adds regions up; a national
    row counts the regions it lacks, and the grant flow's national spend leaves out exactly
    the regions without a report."""
    settings, _ = built
    for table in (
        "ind_grant_flow", "ind_cofinancing", "ind_fte_funded", "ind_staff_contracts",
        "ind_partners_by_type", "ind_cooperation", "ind_report_timeliness",
        "ind_grant_reconciliation", "ind_max_subsidy_2020_2023", "ind_subsidy_per_tech_pupil",
        "ind_region_status",
    ):  # fmt: skip
        scopes = dict(_rows(
            settings,
            f"select scope, count(*) filter (where region_id = 'NL')"
            f" from monitor__wap.{table} group by scope",
        ))  # fmt: skip
        assert scopes.get("national", 0) > 0 and scopes.get("region") == 0, (table, scopes)
    flow = _rows(
        settings,
        "select n.subsidiejaar, n.granted_eur, n.spent_eur, n.n_regions_missing,"
        " sum(r.granted_eur), sum(r.spent_eur) filter (where r.n_regions_missing = 0),"
        " sum(r.n_regions_missing)"
        " from monitor__wap.ind_grant_flow as n join monitor__wap.ind_grant_flow as r"
        " on r.subsidiejaar = n.subsidiejaar and r.scope = 'region'"
        " where n.scope = 'national' group by 1, 2, 3, 4",
    )
    assert flow
    for year, granted, spent, missing, granted_r, spent_r, missing_r in flow:
        assert (granted, spent, missing) == (granted_r, spent_r, missing_r), year
    assert any(row[3] for row in flow), "the sample has years without every region's report"
    reconciliation = _rows(
        settings,
        "select regulation_period, max_subsidy_eur is null, n_regions_missing"
        " from monitor__wap.ind_grant_reconciliation where scope = 'national'",
    )
    for period, max_is_null, missing in reconciliation:
        assert max_is_null == (missing > 0), period


# -- 3. nothing made up reaches a published table unmarked ---------------------------------------


@requires_shared_samples()
def test_every_input_carries_its_quality(built):
    """The sample's files are synthetic (recorded by the generator); the real 2019 enrollment
    file loaded in place of the synthetic one is real; the placeholder 2025-2028 maxima are a
    synthetic seed."""
    settings, _ = built
    rows = _rows(
        settings,
        "select source_kind, dataset, period, source_quality, is_synthetic"
        " from marts__wap.dim_data_source",
    )
    quality = {(r[0], r[1], r[2]): (r[3], r[4]) for r in rows}
    assert quality[("duo", "duo_vo_leerlingen_onderwijstype", "2019")] == ("real", False)
    duo_synthetic = [k for k, v in quality.items() if k[0] == "duo" and v[0] == "synthetic"]
    assert len(duo_synthetic) >= 5
    submissions = {v for k, v in quality.items() if k[0] == "submission"}
    assert submissions == {("synthetic", True)}
    assert quality[("seed", "sub_max_subsidy_2025_2028", "sto_2025_2028")] == ("synthetic", True)


# -- 4. the programme mart: staff and the 2024 extension ---------------------------------------


def test_staff_and_extension_contents_reach_the_mart(built):
    """The sample's reports (template 2026.2) carry the staff detail; every loaded 2024
    application holds the extension's required contents (seed sub_extension_requirements)."""
    settings, _ = built
    staff = _rows(
        settings,
        "select bool_and(has_detail), sum(fte_total), sum(fte_new), sum(fte_ending_next_year),"
        " sum(fte_converted_permanent) from monitor__wap.ind_staff_contracts"
        " where scope = 'region'",
    )[0]
    assert staff[0] is True and staff[1] > staff[2] > 0 and staff[3] > 0 and staff[4] > 0
    extension = _rows(
        settings,
        "select count(*), count(*) filter (where changes_to_activity_plan is not null"
        " and activities_before_august_2024 is not null and regional_goal_coverage_quality"
        " is not null and reservation_plan_2025_eur > 0)"
        " from staging.stg_sub__extension where is_current",
    )[0]
    assert extension[0] > 0 and extension[0] == extension[1]
    assert {
        r[0] for r in _rows(settings, "select field from reference.sub_extension_requirements")
    } == {
        "wijzigingen_activiteitenplan",
        "activiteiten_voor_1_augustus_2024",
        "regionaal_doel_dekking_kwaliteit",
        "reservering_plan_2025",
    }


def test_candidate_gate_passes_with_the_programme_suites(built):
    """The candidate suites of the new and changed models run (none fails to run) and pass."""
    settings, _ = built
    summary = candidate_gate.run(settings, RUN_ID)
    assert summary["passed"], repr(summary["errors"])


# -- 6. last: publish, then the release manifest and the report --------------------------------


def test_release_and_report_say_which_data_are_synthetic(built, tmp_path):
    """Last in the module: publishing swaps the candidate schemas away. The release records
    its source quality; the report carries the banner on every page and the programme page
    (item 6) has its money and staff charts."""
    settings, _ = built
    release = publish.publish(settings, RUN_ID, {"passed": True, "note": "test_programme"})
    with psycopg.connect(settings.admin_url) as conn:
        manifest = releases.manifest(conn, release)
    expected = "mixed" if REAL_2019.exists() else "synthetic"
    assert manifest["source_quality"] == expected

    index = report.build(settings, tmp_path / "site")
    banner = "DEELS SYNTHETISCHE GEGEVENS" if expected == "mixed" else "SYNTHETISCHE GEGEVENS"
    page = (index.parent / "programme.html").read_text()
    assert banner in index.read_text() and banner in page
    states = dict(re.findall(r'data-chart="(programme_[a-z_]+)" data-state="([a-z]+)"', page))
    assert states == {
        "programme_money": "ok",
        "programme_money_by_type": "ok",
        "programme_staff": "ok",
        "programme_staff_contracts": "ok",
        "programme_regions_active": "ok",
        "programme_cooperation_vmbo": "ok",
    }
    assert "€ 100.000.000" in page  # the 2024 extension's budget in the table
    assert 'href="programme.html"' in index.read_text()
