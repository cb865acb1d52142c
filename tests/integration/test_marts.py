"""The monitor marts on one build: dimensions, facts, indicators, small-cell protection, dbt docs.

One module-wide `dbt build` over the bundled synthetic sample, the real DUO files from
../shared when present (the 2019 enrollment file replaces the synthetic one), and two crafted
files for peiljaar 2016: four vestigingen with known small counts, so the small-cell rule has
something to withhold. The tests query the candidate schemas (marts__wap, monitor__wap) and the
exact intermediate models.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import psycopg
import pytest

from sto_warehouse import dbt_runner, synth
from sto_warehouse.disclosure import audit, completion, declarations
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from tests.conftest import (
    REAL_2019,
    REAL_VESTIGINGEN,
    SHARED_SAMPLES,
    ExpectationArgs,
    requires_shared_samples,
)

RUN_ID = "marts-test"
REAL_EXAMS = (
    SHARED_SAMPLES / "vo" / "geslaagden-gezakten-en-cijfers-2018-2019.csv",
    SHARED_SAMPLES / "vo" / "examenkandidaten-en-geslaagden-2014-2019.csv",
)
UNKNOWN = "md5('-1')"

# The indicators protected on publication, from their declarations (YAML meta.protection):
# table -> ({count: sentinel column, NULL exactly when withheld}, [row group partitions]).
PROTECTED = {
    model: (
        {count: declarations.sentinel(model, count) for count in declared["counts"]},
        [group["partition"] for group in declared["row_groups"]],
    )
    for model, declared in declarations.protected().items()
}

# Four vestigingen of our own for peiljaar 2016 (the first with the vmbo profielen the technical
# definitions name, and one the sample leaves out), in the COROP areas of placeholder regions
# (seed sto_region_placeholder: 12 = PH03, 36 = PH02, 07 = PH05) and in none (01 -> GEEN).
CRAFTED = [
    # brin, suffix, corop, [(onderwijstype, sector, afdeling, leerjaar 3 man, leerjaar 4 vrouw)]
    (
        "99XA",
        "00",
        "12",
        [
            ("VMBO BL lj 3-4", "Techniek", "Produceren, installeren en energie", 3, 0),
            ("VMBO BL lj 3-4", "Economie", "Economie en ondernemen", 30, 0),
        ],
    ),
    (
        "99XB",
        "00",
        "36",
        [
            ("VMBO BL lj 3-4", "Techniek", "Bouwen, wonen en interieur", 12, 0),
            ("VMBO BL lj 3-4", "Economie", "Economie en ondernemen", 20, 0),
        ],
    ),
    (
        "99XC",
        "00",
        "07",
        [
            ("VMBO BL lj 3-4", "Techniek", "Bouwen, wonen en interieur", 25, 0),
            ("VMBO KL lj 3-4", "Zorg & Welzijn", "Zorg en welzijn", 40, 0),
        ],
    ),
    (
        "99XD",
        "00",
        "01",
        [
            ("VMBO BL lj 3-4", "Techniek", "Media, vormgeving en ICT", 0, 9),
            ("VMBO BL lj 3-4", "Economie", "Economie en ondernemen", 50, 0),
        ],
    ),
]


def _write_crafted(landing: Path) -> None:
    header = (
        '"PROVINCIE","BEVOEGD GEZAG NUMMER","INSTELLINGSCODE","VESTIGINGSCODE","VESTIGINGSNAAM",'
        '"STRAATNAAM","HUISNUMMER-TOEVOEGING","POSTCODE","PLAATSNAAM","GEMEENTENUMMER",'
        '"GEMEENTENAAM","DENOMINATIE","TELEFOONNUMMER","INTERNETADRES","ONDERWIJSSTRUCTUUR",'
        '"STRAATNAAM CORRESPONDENTIEADRES","HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES",'
        '"POSTCODE CORRESPONDENTIEADRES","PLAATSNAAM CORRESPONDENTIEADRES","NODAAL GEBIED CODE",'
        '"NODAAL GEBIED NAAM","RPA-GEBIED CODE","RPA-GEBIED NAAM","WGR-GEBIED CODE",'
        '"WGR-GEBIED NAAM","COROPGEBIED CODE","COROPGEBIED NAAM","ONDERWIJSGEBIED CODE",'
        '"ONDERWIJSGEBIED NAAM","RMC-REGIO CODE","RMC-REGIO NAAM","VAKANTIEREGIO"'
    )
    rows = [
        ",".join(
            f'"{v}"'
            for v in (
                "Overijssel",
                "49999",
                brin,
                brin + suffix,
                f"Testschool {brin}",
                "Straat",
                "1",
                "7500 AA",
                "ENSCHEDE",
                "0153",
                "ENSCHEDE",
                "Openbaar",
                "",
                "",
                "VBO/MAVO",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                corop,
                f"COROP {corop}",
                "",
                "",
                "",
                "",
                "Noord",
            )
        )
        for brin, suffix, corop, _ in CRAFTED
    ]
    (landing / "vestigingenvo_2016-10.csv").write_text(header + "\n" + "\n".join(rows) + "\n")
    counts = ";".join(
        f"LEER- OF VERBLIJFSJAAR {n} - {s}" for n in range(1, 7) for s in ("MAN", "VROUW")
    )
    lines = [
        "BRIN NUMMER;VESTIGINGSNUMMER;INSTELLINGSNAAM VESTIGING;PLAATSNAAM VESTIGING;"
        "PROVINCIE VESTIGING;ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR;VMBO SECTOR;AFDELING;"
        "ELEMENTCODE;OPLEIDINGSNAAM;" + counts
    ]
    for brin, suffix, _, cells in CRAFTED:
        for i, (onderwijstype, sector, afdeling, lj3_man, lj4_vrouw) in enumerate(cells):
            values = ["0"] * 12
            values[4], values[7] = str(lj3_man), str(lj4_vrouw)
            lines.append(
                f"{brin};{suffix};Testschool {brin};ENSCHEDE;Overijssel;{onderwijstype};{sector};"
                f"{afdeling};{i:04d};VMBO {afdeling};" + ";".join(values)
            )
    (landing / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016.csv").write_text(
        "\n".join(lines) + "\n", encoding="cp1252"
    )


@pytest.fixture(scope="module")
def built(fresh_settings):
    """The sample, the real files (if present) and the crafted 2016 files, loaded and built."""
    landing = fresh_settings.landing / "duo"
    # The landing folder is shared by the session: leave nothing behind for other modules.
    shutil.rmtree(landing, ignore_errors=True)
    try:
        synth.write_sample(fresh_settings.landing)
        if REAL_2019.exists():
            (landing / "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2019.csv").unlink()
            for path in (REAL_2019, REAL_VESTIGINGEN, *REAL_EXAMS):
                shutil.copy(path, landing / path.name)
        _write_crafted(landing)
        summary = pipeline.load_paths(fresh_settings, RUN_ID)
    finally:
        shutil.rmtree(landing, ignore_errors=True)
    result = dbt_runner.run(fresh_settings, ["build"], RUN_ID, capture=True)
    return fresh_settings, summary, result


def _stripped(value):
    """dbt drops the final newline of a folded YAML string (`>`); nothing else differs."""
    if isinstance(value, dict):
        return {k: _stripped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stripped(v) for v in value]
    return value.strip() if isinstance(value, str) else value


def _rows(settings, query: str, *params) -> list[tuple]:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute(query, params).fetchall()


def _one(settings, query: str, *params):
    return _rows(settings, query, *params)[0][0]


# -- the build ------------------------------------------------------------------------------------


def test_crafted_files_load_and_build_passes(built):
    _, summary, result = built
    loaded = {r["original_name"] for r in summary["loaded"]}
    assert {
        "vestigingenvo_2016-10.csv",
        "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2016.csv",
    } <= loaded
    assert result.returncode == 0, result.stdout[-5000:]
    assert " ERROR=0 " in result.stdout
    for unit_test in (
        "test_ind_tech_share_upper_is_the_all_rows_of_tech_pupils",
        "test_ind_tech_pupils_suppression_and_small_cells",
        "test_ind_tech_pupils_growth_and_baseline",
        "test_int_doorstroom_mbo_sums",
        "test_ind_mbo_tech_inflow_formula_and_small_cells",
        "test_ind_tech_offer_by_profiel_estimated_cells",
        "test_int_disclosure__withheld_shown_primary",
    ):
        assert f"{unit_test} " in result.stdout and "PASS" in result.stdout


@requires_shared_samples()
def test_reproduces_2019_in_both_enrollment_indicators(built):
    settings, _, _ = built
    share = _rows(
        settings,
        "select n_tech_pupils_upper, n_pupils_upper, share_tech_pupils from monitor__wap.ind_tech_share_upper"
        " where definition = 'sto_2020' and peiljaar = 2019 and scope = 'national'",
    )
    pupils = _rows(
        settings,
        "select n_tech_pupils_upper, n_pupils_upper, share_tech_upper from monitor__wap.ind_tech_pupils"
        " where definition = 'sto_2020' and peiljaar = 2019 and scope = 'national' and leerweg = 'ALL'",
    )
    for tech, total, ratio in (share[0], pupils[0]):
        assert (tech, total) == (22_913, 119_243)
        assert math.isclose(ratio, 22_913 / 119_243)


# -- marts ----------------------------------------------------------------------------------------


def test_fact_foreign_keys_are_never_null_and_resolve(built):
    settings, _, _ = built
    facts = {
        "fct_vo_enrollment": {
            "vestiging_key": "dim_vestiging",
            "region_key": "dim_region",
            "profiel_key": "dim_vmbo_profiel",
        },
        "fct_vo_exam": {
            "vestiging_key": "dim_vestiging",
            "region_key": "dim_region",
            "profiel_key": "dim_vmbo_profiel",
        },
        "fct_vo_mbo_flow": {
            "vestiging_key": "dim_vestiging",
            "region_key": "dim_region",
            "opleiding_key": "dim_mbo_opleiding",
        },
        "fct_mbo_enrollment": {"opleiding_key": "dim_mbo_opleiding"},
        "fct_mbo_inflow": {"opleiding_key": "dim_mbo_opleiding"},
    }
    for fact, keys in facts.items():
        assert _one(settings, f"select count(*) from marts__wap.{fact}") > 0, fact
        for key, dim in keys.items():
            dangling = _one(
                settings,
                f"select count(*) from marts__wap.{fact} as f left join marts__wap.{dim} as d"
                f" using ({key}) where d.{key} is null",
            )
            assert dangling == 0, (fact, key)
    # A flow without a published destination opleiding points at the unknown member.
    assert (
        _one(
            settings,
            f"select count(*) from marts__wap.fct_vo_mbo_flow where crebo_bestemming is null"
            f" and opleiding_key <> {UNKNOWN}",
        )
        == 0
    )
    # Vestigingen in no region are in the explicit no-region bucket, never NULL.
    assert (
        _one(settings, "select count(*) from marts__wap.fct_vo_enrollment where region_id = 'GEEN'")
        > 0
    )


def test_facts_reconcile_with_staging(built):
    settings, _, _ = built
    pairs = [
        (
            "select sum(n_candidates) from marts__wap.fct_vo_exam",
            "select sum(n_candidates) from staging.stg_duo__vo_examencijfers",
        ),
        (
            "select sum(n_students) from marts__wap.fct_mbo_enrollment",
            "select sum(n_students) from staging.stg_duo__mbo_studenten",
        ),
        (
            "select sum(n_inflow) from marts__wap.fct_mbo_inflow",
            "select sum(n_instroom_opleiding) from staging.stg_duo__mbo_instroom",
        ),
        (
            "select sum(n_graduates), sum(n_suppressed_cells) from marts__wap.fct_vo_mbo_flow",
            "select sum(n_graduates_known), sum(n_suppressed_cells) from staging.stg_duo__vo_bestemming",
        ),
        (
            "select count(*) from marts__wap.fct_vo_exam",
            "select count(*) from staging.stg_duo__vo_examencijfers",
        ),
    ]
    for fact, staged in pairs:
        assert _rows(settings, fact) == _rows(settings, staged), fact


def test_dimensions_cover_their_facts(built):
    settings, _, _ = built
    # Every board a vestiging names is a member of dim_bestuur.
    assert (
        _one(
            settings,
            f"select count(*) from marts__wap.dim_vestiging where bevoegd_gezag_nummer is not null"
            f" and bestuur_key = {UNKNOWN}",
        )
        == 0
    )
    # Technical mbo comes from the seed: a technical sectorkamer, a technical opleiding.
    wrong = _one(
        settings,
        "select count(*) from marts__wap.dim_mbo_opleiding as o join reference.mbo_sectorkamers as s"
        " on o.sectorkamer_naam = s.sectorkamer_naam where o.is_technical <> s.is_technical",
    )
    assert wrong == 0
    assert (
        _one(settings, "select count(*) from marts__wap.dim_mbo_opleiding where is_technical") > 0
    )
    assert _rows(
        settings,
        "select examenjaar, is_baseline_year from marts__wap.dim_time where peiljaar = 2018",
    ) == [(2019, True)]


# -- indicators -----------------------------------------------------------------------------------


def test_regions_add_up_to_national_before_suppression(built):
    settings, _, _ = built
    for model, counts, keys in (
        (
            "int_tech_pupils__unprotected",
            ["n_tech_pupils_upper", "n_pupils_lj3"],
            "definition, peiljaar, leerweg",
        ),
        (
            "int_exam_tech__unprotected",
            ["n_candidates_tech", "n_passed"],
            "definition, peiljaar, leerweg",
        ),
        (
            "int_doorstroom_mbo__unprotected",
            ["n_graduates", "n_tech_to_tech_mbo"],
            "definition, peiljaar, leerweg",
        ),
        ("int_tech_offer_by_profiel__unprotected", ["n_pupils_upper"], "peiljaar, profiel_code"),
    ):
        for count in counts:
            off = _rows(
                settings,
                f"select {keys} from intermediate.{model} group by {keys} having"
                f" sum({count}_known) filter (where scope = 'region')"
                f" <> sum({count}_known) filter (where scope = 'national')",
            )
            assert off == [], (model, count, off[:3])


def test_every_region_and_the_no_region_bucket_have_a_row(built):
    settings, _, _ = built
    missing = _rows(
        settings,
        "select t.peiljaar, r.region_id from marts__wap.dim_time as t"
        " join marts__wap.dim_region as r on r.region_period = t.region_period"
        " where t.peiljaar in (select peiljaar from monitor__wap.ind_tech_pupils)"
        " and not exists (select 1 from monitor__wap.ind_tech_pupils as i"
        " where i.peiljaar = t.peiljaar and i.region_id = r.region_id)",
    )
    assert missing == []
    assert _one(
        settings,
        "select count(distinct (definition, peiljaar, leerweg)) from monitor__wap.ind_tech_pupils",
    ) == _one(
        settings, "select count(*) from monitor__wap.ind_tech_pupils where region_id = 'GEEN'"
    )


def test_suppressed_duo_cells_null_the_count_and_bound_it(built):
    settings, _, _ = built
    # 2023 in the sample is full of '<5': counts above the threshold are NULL, bounds are not.
    rows = _rows(
        settings,
        "select n_tech_pupils_upper, n_tech_pupils_upper_lower, n_tech_pupils_upper_upper, pct_suppressed"
        " from monitor__wap.ind_tech_pupils where peiljaar = 2023 and scope = 'national'"
        " and leerweg = 'ALL' and definition = 'sto_2020'",
    )
    value, lower, upper, pct = rows[0]
    threshold = float(
        _one(
            settings,
            "select value from reference.monitor_settings where setting = 'suppression_threshold'",
        )
    )
    assert pct > threshold and value is None
    assert lower is not None and upper > lower


def test_small_counts_are_withheld_with_a_secondary_cell(built):
    """The crafted 2016: technical pupils PH03 3, PH02 12, PH05 25, GEEN 9 (MVI) under sto_2020;
    under hard_techniek (MVI not technical) PH03 3, PH02 12, PH05 25, GEEN 0, NL 40. PH03 (3) is
    withheld under every definition, with partners chosen over all tables together: the issue's
    attack (hard_techniek PH03 = 40 - 25 - 0 - 12, with PH02's 12 read from sto_2020) no longer
    has its 12."""
    settings, _, _ = built
    rows = {
        (definition, region): (tech, protected)
        for definition, region, tech, protected in _rows(
            settings,
            "select definition, region_id, n_tech_pupils_upper, is_small_cell_protected"
            " from monitor__wap.ind_tech_share_upper where peiljaar = 2016",
        )
    }
    for definition in ("hard_techniek", "sto_2020", "sto_2025_duo"):
        assert rows[(definition, "PH03")] == (None, True), definition
    hard_ph02, sto_ph02 = rows[("hard_techniek", "PH02")][0], rows[("sto_2020", "PH02")][0]
    assert hard_ph02 is None and sto_ph02 is None
    # The exact values stay available to the pipeline (internal), not to readers.
    assert (
        _one(
            settings,
            "select n_tech_pupils_upper_known from intermediate.int_tech_share_upper__unprotected"
            " where peiljaar = 2016 and definition = 'sto_2020' and region_id = 'PH03'",
        )
        == 3
    )
    # Ratios that would reveal a withheld count are NULL too.
    assert (
        _one(
            settings,
            "select share_tech_upper from monitor__wap.ind_tech_pupils where peiljaar = 2016"
            " and definition = 'sto_2020' and region_id = 'PH03' and leerweg = 'ALL'",
        )
        is None
    )


def test_the_release_passes_the_disclosure_audit_and_an_unprotected_one_fails(built):
    """The candidate gate's audit over every published count: nothing to report on this build
    (the crafted 2016 and the sample's upper years); the same tables with only the primary
    cells withheld fail it, naming the 2016 hard_techniek PH03 and the cells that pin it."""
    settings, _, _ = built
    with psycopg.connect(settings.admin_url) as conn:
        release = audit.load(conn, "monitor__wap")
        results = candidate_gate.disclosure_audit(conn)
    assert [r.check for r in results if not r.success] == [], [r.sample for r in results]
    ph03 = ("ind_tech_pupils", "hard_techniek|2016|region|PH03|ALL", "n_tech_pupils_upper")
    low, high = audit.intervals(release, lambda cell: cell == ph03)[ph03]
    assert high - low >= release.min_width
    low_cell, high_cell = release.small
    primaries_only = audit.Release(
        release.exact,
        {c for c, v in release.exact.items() if not low_cell <= v <= high_cell},
        release.groups,
        release.small,
    )
    findings = {f.cell: f for f in audit.audit(primaries_only)}
    assert ph03 in findings
    assert (
        "[hard_techniek|2016|national|NL|ALL].n_tech_pupils_upper = 40" in findings[ph03].describe()
    )


def test_the_audit_completion_alone_protects_a_release_the_heuristic_left_open(built):
    """With the heuristic cut to one pass (about 120 cells narrowed, the 2016 attack among
    them), the completion step must close every narrowed cell: it records cells in
    audit.disclosure_completion, rebuilds int_disclosure__withheld and the indicators through
    dbt, and the rebuilt tables publish NULL for them and pass the audit. The build is put back
    afterwards (every pass, no completion cells)."""
    settings, _, _ = built
    off = {"disclosure_passes": 1}
    selection = ["build", "--select", completion.COMPLETION_SELECTION, "--exclude"]
    selection.append("resource_type:unit_test")
    ph03 = ("ind_tech_pupils", "hard_techniek|2016|region|PH03|ALL", "n_tech_pupils_upper")
    try:
        primaries = dbt_runner.run(settings, selection, RUN_ID, capture=True, extra_vars=off)
        assert primaries.returncode == 0, primaries.stdout[-3000:]
        with psycopg.connect(settings.admin_url) as conn:
            assert ph03 in {f.cell for f in audit.audit(audit.load(conn, "monitor__wap"))}
        summary = completion.run(settings, RUN_ID, dbt_vars=off)
        assert summary["rounds"] >= 1 and summary["narrowed_left"] == 0, summary
        with psycopg.connect(settings.admin_url) as conn:
            results = candidate_gate.disclosure_audit(conn)
            release = audit.load(conn, "monitor__wap")
            recorded = set(
                conn.execute(
                    "select indicator, row_key, count_name from audit.disclosure_completion"
                ).fetchall()
            )
            flagged = set(
                conn.execute(
                    "select indicator, row_key, count_name from intermediate.int_disclosure__withheld"
                    " where is_completion"
                ).fetchall()
            )
        assert [r.check for r in results if not r.success] == [], [r.sample for r in results]
        assert recorded and recorded == flagged
        assert len(recorded) == len(summary["withheld"])
        # Each recorded cell is NULL in its published table (load reads the tables).
        assert not recorded & release.published
    finally:
        with psycopg.connect(settings.admin_url) as conn:
            completion.clear(conn)
        restored = dbt_runner.run(settings, selection, RUN_ID, capture=True)
        assert restored.returncode == 0, restored.stdout[-3000:]


def test_a_count_with_suppressed_cells_is_checked_against_its_estimate(built):
    """The gate's published_equals_exact reads the seeded estimate: once a row's count has a
    '<5' cell, its known sum alone (the old rule, below its lower bound) fails the check and the
    known sum plus suppressed_cell_estimate passes. Changed in a transaction rolled back."""
    from expectations.candidate import _small_cells

    settings, _, _ = built
    model = "ind_tech_offer_by_profiel"
    checks = {e["meta"]["check"]: e for e in _small_cells.checks(ExpectationArgs, model=model)}
    query = checks["published_equals_exact"]["unexpected_rows_query"]
    query = query.replace("{batch}", f"monitor__wap.{model}")
    where = " where peiljaar = %s and scope = %s and region_id = %s and profiel_code = %s"
    with psycopg.connect(settings.admin_url) as conn, conn.transaction(force_rollback=True):
        assert conn.execute(query).fetchall() == []
        key = conn.execute(
            f"select peiljaar, scope, region_id, profiel_code from monitor__wap.{model}"
            " where n_pupils_upper > 20 order by 1, 2, 3, 4 limit 1"
        ).fetchone()
        conn.execute(
            "update intermediate.int_tech_offer_by_profiel__unprotected"
            " set n_pupils_upper_n_suppressed_cells = 1" + where,
            key,
        )
        assert [r[:4] for r in conn.execute(query).fetchall()] == [key]
        conn.execute(
            f"update monitor__wap.{model} set n_pupils_upper = n_pupils_upper + ("
            "select cast(value as integer) from reference.monitor_settings"
            " where setting = 'suppressed_cell_estimate')" + where,
            key,
        )
        assert conn.execute(query).fetchall() == []


def test_no_published_small_cell_and_no_lonely_withheld_cell(built):
    settings, _, _ = built
    lower = int(
        _one(
            settings,
            "select value from reference.monitor_settings where setting = 'small_cell_lower'",
        )
    )
    upper = int(
        _one(
            settings,
            "select value from reference.monitor_settings where setting = 'small_cell_upper'",
        )
    )
    withheld_somewhere = 0
    for table, (counts, groups) in PROTECTED.items():
        for count, sentinel in counts.items():
            small = _one(
                settings,
                f"select count(*) from monitor__wap.{table} where {count} between %s and %s",
                lower,
                upper,
            )
            assert small == 0, (table, count)
            withheld_somewhere += _one(
                settings, f"select count(*) from monitor__wap.{table} where {sentinel} is null"
            )
            for group in groups:
                cols = ", ".join(group)
                lonely = _rows(
                    settings,
                    f"select {cols} from monitor__wap.{table} group by {cols}"
                    f" having count(*) filter (where {sentinel} is null) = 1",
                )
                assert lonely == [], (table, count, group, lonely[:3])
    assert withheld_somewhere > 0


# -- documentation --------------------------------------------------------------------------------


def test_duo_rule_on_the_facts_hides_older_vintages_and_its_check_bites(built):
    """The crafted 2016 file prints counts of 1-4 exactly (an older vintage): its period is not
    shown to readers (is_duo_current_rule false, the row-level policy's column) and the gate's
    duo_rule checks pass on the candidate; the same rows shown to readers would fail them,
    naming the row and the count (and, for the real 2018/2019 exams, a complement)."""
    from expectations.candidate import _facts

    settings, _, _ = built
    rules = {
        r[0]: r[1]
        for r in _rows(
            settings,
            "select peiljaar, bool_and(is_duo_current_rule) from marts__wap.fct_vo_enrollment"
            " group by 1",
        )
    }
    assert rules[2016] is False and rules[max(rules)] is True, rules
    facts = sorted(declarations.duo_rule_facts())
    assert {"fct_vo_enrollment", "fct_vo_exam"} <= set(facts)
    with psycopg.connect(settings.admin_url) as conn:
        for fact in facts:
            for check, query in _facts.duo_rule_queries(fact).items():
                found = conn.execute(query.format(batch=f"marts__wap.{fact}")).fetchall()
                assert found == [], (fact, check, found[:3])
        # The same rows, shown to readers: the check names the 2016 row with its count of 3.
        conn.execute(
            "create temp table shown as select * from marts__wap.fct_vo_enrollment"
            " where peiljaar = 2016"
        )
        conn.execute("update shown set is_duo_current_rule = true")
        query = _facts.duo_rule_queries("fct_vo_enrollment")["duo_rule_counts"]
        found = conn.execute(query.format(batch="shown")).fetchall()
        assert ("n_pupils", 3) in {(r[-2], r[-1]) for r in found}, found
        assert any(r[1] == "99XA00" for r in found), found
        if REAL_EXAMS[0].exists():
            conn.execute(
                "create temp table exams_shown as select * from marts__wap.fct_vo_exam"
                " where not is_duo_current_rule"
            )
            conn.execute("update exams_shown set is_duo_current_rule = true")
            queries = _facts.duo_rule_queries("fct_vo_exam")
            found = conn.execute(
                queries["duo_rule_complements"].format(batch="exams_shown")
            ).fetchall()
            assert "n_candidates - n_passed" in {r[-2] for r in found}, found[:3]


def test_max_subsidy_gives_no_withheld_cell_away(built):
    """ind_max_subsidy_2020_2023 counts the same people as ind_tech_pupils (sto_2020, 2018, BB +
    KB and GL): where a region's cell is not published there, the maximum publishes no count and
    no maximum, else (BB + KB) - KB would give the cell away; where all are, it is their sum."""
    settings, _, _ = built
    rows = _rows(
        settings,
        "select m.region_id, m.n_pupils_bbkb, m.n_pupils_gl, m.max_subsidy_eur,"
        " m.n_cells_not_published,"
        " count(*) filter (where t.n_tech_pupils_upper is null),"
        " sum(t.n_tech_pupils_upper) filter (where t.leerweg in ('BB', 'KB')),"
        " sum(t.n_tech_pupils_upper) filter (where t.leerweg = 'GL')"
        " from monitor__wap.ind_max_subsidy_2020_2023 as m"
        " join monitor__wap.ind_tech_pupils as t on t.region_id = m.region_id"
        " and t.definition = 'sto_2020' and t.peiljaar = 2018 and t.scope = 'region'"
        " and t.leerweg in ('BB', 'KB', 'GL')"
        " group by 1, 2, 3, 4, 5",
    )
    assert rows
    for region, bbkb, gl, euros, not_published, missing, bbkb_t, gl_t in rows:
        assert not_published == missing, region
        if missing:
            assert (bbkb, gl, euros) == (None, None, None), region
        else:
            assert (bbkb, gl) == (bbkb_t, gl_t) and euros is not None, region


def test_dbt_docs_generate_builds_the_site_with_exposures(built):
    settings, _, _ = built
    result = dbt_runner.run(settings, ["docs", "generate"], RUN_ID, capture=True)
    assert result.returncode == 0, result.stdout[-3000:]
    target, _ = dbt_runner.run_dirs(settings, RUN_ID)
    assert (target / "index.html").exists()
    catalog = json.loads((target / "catalog.json").read_text())
    nodes = {n.split(".")[-1] for n in catalog["nodes"]}
    assert {"ind_tech_pupils", "fct_vo_mbo_flow", "dim_bestuur"} <= nodes
    manifest = json.loads((target / "manifest.json").read_text())
    # The declarations the gate and the tests read are the ones dbt built with.
    built_meta = {
        node["name"]: node["config"]["meta"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["name"] in declarations.models()
    }
    assert _stripped(built_meta) == _stripped(
        {m: declarations.meta(m) for m in declarations.models()}
    )
    exposures = {e["name"] for e in manifest["exposures"].values()}
    assert {"monitor_report", "bi_dashboards"} <= exposures
    # Every column of a published model is described.
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["schema"] in ("marts__wap", "monitor__wap"):
            for column in node["columns"].values():
                assert column.get("description"), (node["name"], column["name"])
