"""Incremental facts = full rebuild (issue 14, item 5), on real PostgreSQL and real dbt.

Release 1 is the bundled sample built in full. Then a new year (2024: pupils, exam grades, new
mbo students, graduate destinations) arrives with a re-published older year (the 2019 pupils
file with one count changed): the night rebuilds only the facts' changed periods from copies of
the published tables, and publishes release 2. A full rebuild of the same raw data
(``sto rebuild --full`` does the same through Airflow) publishes release 3: every published table
must have the same md5 in both.
"""

from __future__ import annotations

import psycopg
import pytest

from sto_warehouse import dbt_runner, incremental, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from sto_warehouse.submissions import pipeline as submissions
from sto_warehouse.synth import duo
from tests.conftest import schema_md5s

NEW_YEAR = 2024
REPUBLISHED = 2019
NEW_DATASETS = {
    "duo_vo_leerlingen_onderwijstype",
    "duo_vo_examencijfers",
    "duo_mbo_instroom",
    "duo_vo_bestemming",
}
NIGHTLY = incremental.NIGHTLY_BUILD


def _night(settings, run_id: str, *, full: bool = False) -> tuple[dict, int]:
    reasons = incremental.start_candidate(settings, run_id, full=full)
    result = dbt_runner.run(settings, NIGHTLY, run_id, capture=True)
    assert result.returncode == 0, result.stdout[-5000:]
    summary = candidate_gate.run(settings, run_id)
    assert summary["passed"], summary["errors"]
    return reasons, publish.publish(settings, run_id, summary)


def _republish(path) -> None:
    """The same file with the first count of its first data row one higher (new bytes)."""
    lines = path.read_bytes().split(b"\n")
    cells = lines[1].split(b";")
    cells[10] = str(int(cells[10]) + 1).encode()
    lines[1] = b";".join(cells)
    path.write_bytes(b"\n".join(lines))


@pytest.fixture(scope="module")
def nights(fresh_settings):
    settings = fresh_settings
    synth.write_sample(settings.landing)
    assert pipeline.load_paths(settings, "incr-1")["loaded"]
    first_reasons, first = _night(settings, "incr-1")
    duo.generate(
        settings.landing / "duo",
        scale=0.1,
        peiljaren=range(NEW_YEAR, NEW_YEAR + 1),
        snapshots=[],
        datasets=NEW_DATASETS,
    )
    _republish(settings.landing / "duo" / duo.leerlingen_filename(REPUBLISHED))
    loaded = pipeline.load_paths(settings, "incr-2")["loaded"]
    incr_reasons, incr = _night(settings, "incr-2")
    with psycopg.connect(settings.admin_url) as conn:
        incr_md5 = schema_md5s(conn, ("marts", "monitor"))
        incr_changes, incr_build = conn.execute(
            "select changes, versions -> 'build' from audit.releases where release_id = %s",
            (incr,),
        ).fetchone()
    # What `sto rebuild --full --local` runs.
    full_reasons, full = incremental.rebuild_local(settings, "incr-full", full=True)
    with psycopg.connect(settings.admin_url) as conn:
        full_md5 = schema_md5s(conn, ("marts", "monitor"))
    return {
        "first": (first, first_reasons),
        "loaded": loaded,
        "incr": (incr, incr_reasons, incr_md5, incr_changes, incr_build),
        "full": (full, full_reasons, full_md5),
        "settings": settings,
    }


def test_the_night_loads_a_new_year_and_a_republished_one(nights):
    periods = {(item["dataset"], item["period"]) for item in nights["loaded"]}
    assert ("duo_vo_leerlingen_onderwijstype", str(NEW_YEAR)) in periods
    assert ("duo_vo_leerlingen_onderwijstype", str(REPUBLISHED)) in periods
    assert {dataset for dataset, _ in periods} == NEW_DATASETS


def test_first_release_and_forced_rebuild_are_full(nights):
    _, first_reasons = nights["first"]
    _, full_reasons, _ = nights["full"]
    assert set(first_reasons) == set(incremental.FACTS)
    assert all("no published release" in why for why in first_reasons.values())
    assert all(why == "full rebuild requested" for why in full_reasons.values())


def test_only_the_changed_periods_are_rebuilt(nights):
    _, reasons, _, _, build = nights["incr"]
    models = build["models"]
    assert models["fct_vo_enrollment"] == [REPUBLISHED, NEW_YEAR], reasons
    assert models["fct_vo_exam"] == [NEW_YEAR], reasons
    assert models["fct_mbo_inflow"] == [NEW_YEAR], reasons
    assert models["fct_mbo_enrollment"] == [], reasons
    # Destinations read the technical sector of the mbo opleiding, which new mbo students and
    # destinations may change for every year: rebuilt in full, and the plan says why.
    assert models["fct_vo_mbo_flow"] is None
    assert "duo_mbo_instroom" in reasons["fct_vo_mbo_flow"]


def test_incremental_equals_full_rebuild(nights):
    _, _, incr_md5, _, _ = nights["incr"]
    _, _, full_md5 = nights["full"]
    assert set(incr_md5) == set(full_md5)
    assert {t for t in incr_md5 if t.startswith("marts.fct_")} >= {
        f"marts.{fact}" for fact in incremental.FACTS
    }
    differing = sorted(t for t in incr_md5 if incr_md5[t] != full_md5[t])
    assert differing == [], differing


def test_publication_records_only_what_changed(nights):
    _, _, _, changes, _ = nights["incr"]
    tables = changes["tables"]
    assert tables["marts.fct_vo_enrollment"]["status"] == "rows changed"
    assert "marts.fct_mbo_enrollment" not in tables
    new_years = {row["peiljaar"] for row in tables["marts.fct_vo_enrollment"]["sample_new"]} | {
        row["peiljaar"] for row in tables["marts.fct_vo_enrollment"]["sample_old"]
    }
    assert new_years <= {REPUBLISHED, NEW_YEAR}


def test_new_region_registrations_rebuild_the_vo_facts_in_full(nights):
    """Registrations move vestigingen between regions in any year: every vo fact is rebuilt in
    full, while the mbo facts, which no region reaches, stay as published."""
    settings = nights["settings"]
    summary = submissions.load_all(settings, "incr-sub")
    assert any(r["submission_type"] == "registratie" for r in summary["loaded"]), summary
    with psycopg.connect(settings.transformer_url) as conn:
        result = incremental.plan(conn, settings)
    models, reasons = result["models"], result["reasons"]
    for fact in ("fct_vo_enrollment", "fct_vo_exam", "fct_vo_mbo_flow"):
        assert models[fact] is None and "sub_membership" in reasons[fact], reasons
    assert models["fct_mbo_enrollment"] == [] and models["fct_mbo_inflow"] == [], reasons


def test_a_new_candidate_forgets_the_previous_completion(nights):
    """The completion's cells belong to the candidate that chose them: the next candidate starts
    with the heuristic's suppression alone, so a release depends on its own data only."""
    from sto_warehouse.disclosure import completion

    settings = nights["settings"]
    cell = ("ind_tech_pupils", "X|2016", "n_tech_pupils")
    with psycopg.connect(settings.transformer_url) as conn:
        completion.record(conn, [completion.Choice(cell, cell)], "incr-old", 1)
        conn.commit()
    incremental.start_candidate(settings, "incr-next")
    with psycopg.connect(settings.transformer_url) as conn:
        left = conn.execute("select count(*) from audit.disclosure_completion").fetchone()[0]
    assert left == 0
