"""dbt build, the candidate gate and write-audit-publish on the synthetic sample (no Airflow)."""

from __future__ import annotations

import psycopg
import pytest

from sto_warehouse import dbt_runner, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline
from sto_warehouse.registry import registry
from tests.conftest import schema_md5s


@pytest.fixture(scope="module")
def built(fresh_settings):
    """The bundled sample loaded, built by `dbt build` into the candidate schemas."""
    synth.write_sample(fresh_settings.landing)
    summary = pipeline.load_paths(fresh_settings, "build-test")
    assert summary["loaded"], summary
    result = dbt_runner.run(fresh_settings, ["build"], "build-test", capture=True)
    assert result.returncode == 0, result.stdout[-5000:]
    return fresh_settings, summary, result


def test_sample_loads_except_the_faulty_file(built):
    _, summary, _ = built
    assert [r["code"] for r in summary["rejected"]] == ["MISSING_COLUMN"]
    datasets = {r["dataset"] for r in summary["loaded"]}
    assert datasets == set(registry()), "the sample has every registered DUO publication"


def test_dbt_build_runs_every_test_and_unit_test(built):
    _, _, result = built
    out = result.stdout
    assert "unit_test" in out and "Completed successfully" in out
    assert " ERROR=0 " in out


def test_unit_tests_run_in_make_test_and_the_nightly_selection_leaves_them_out(built):
    """The dbt unit tests (SQL logic on fixed rows) run here, on every change; the nightly
    build (dags/sto_transform.py, orchestration.NIGHTLY_EXCLUDE) selects models, seeds and data
    tests, never a unit test."""
    import json

    from sto_warehouse import orchestration

    settings, _, _ = built
    result = dbt_runner.run(
        settings, ["test", "--select", "test_type:unit"], "unit-tests", capture=True
    )
    assert result.returncode == 0, result.stdout[-5000:]
    target, _ = dbt_runner.run_dirs(settings, "unit-tests")
    results = json.loads((target / "run_results.json").read_text())["results"]
    assert len(results) >= 25, "every indicator formula has its unit test"
    assert {r["unique_id"].split(".")[0] for r in results} == {"unit_test"}
    assert {r["status"] for r in results} == {"pass"}
    listed = dbt_runner.run(
        settings,
        ["ls", "--exclude", orchestration.NIGHTLY_EXCLUDE, "--output", "json",
         "--output-keys", "resource_type"],
        "unit-tests-ls",
        capture=True,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stdout[-3000:]
    kinds = {
        json.loads(line)["resource_type"]
        for line in listed.stdout.splitlines()
        if line.startswith("{")
    }
    assert {"model", "seed", "test"} <= kinds and "unit_test" not in kinds


def test_suppressed_cells_are_counted_not_zeroed(built):
    settings, _, _ = built
    with psycopg.connect(settings.admin_url) as conn:
        suppressed, lower, upper, known = conn.execute(
            "select sum(n_suppressed_cells), sum(n_pupils_lower), sum(n_pupils_upper),"
            " sum(n_pupils) from marts__wap.fct_vo_enrollment where peiljaar = 2023"
        ).fetchone()
        staged = conn.execute(
            "select count(*) from staging.stg_duo__vo_leerlingen_onderwijstype"
            " where peiljaar = 2023 and is_suppressed and n_pupils is null"
        ).fetchone()[0]
    assert suppressed > 0 and staged == suppressed
    assert lower == known + suppressed and upper == known + 4 * suppressed


def test_vestigingen_history_is_scd2_from_raw(built):
    settings, _, _ = built
    with psycopg.connect(settings.admin_url) as conn:
        versions = conn.execute(
            "select count(*) from (select brin6 from marts__wap.dim_vestiging"
            " group by brin6 having count(*) > 1) as changed"
        ).fetchone()[0]
        unknown = conn.execute(
            "select count(*) from marts__wap.dim_vestiging where vestiging_key = md5('-1')"
        ).fetchone()[0]
    assert versions > 0, "some sample vestigingen are renamed between snapshots"
    assert unknown == 1


def test_gate_passes_publish_swaps_and_grants(built):
    settings, _, _ = built
    summary = candidate_gate.run(settings, "build-test")
    assert summary["passed"], summary["errors"]
    release = publish.publish(settings, "build-test", summary)
    with psycopg.connect(settings.bi_reader_url) as conn:
        rows = conn.execute("select count(*) from monitor.ind_tech_share_upper").fetchone()[0]
    assert rows > 0
    with psycopg.connect(settings.admin_url) as conn:
        manifest = conn.execute(
            "select git_commit, versions, inputs from audit.releases where release_id = %s",
            (release,),
        ).fetchone()
    _, versions, inputs = manifest
    assert versions["tools"]["dbt-core"].startswith("1.11")
    assert "technical_profile_definitions.csv" in versions["seeds"]
    assert {i["dataset"] for i in inputs} == set(registry())
    assert all(len(i["file_sha256"]) == 64 for i in inputs)


def test_failing_gate_keeps_the_published_release(built):
    settings, _, _ = built
    with psycopg.connect(settings.admin_url) as conn:
        published_before = schema_md5s(conn, ("marts", "monitor"))
    result = dbt_runner.run(settings, ["build"], "build-test-2", capture=True)
    assert result.returncode == 0
    with psycopg.connect(settings.transformer_url, autocommit=True) as conn:
        conn.execute(
            "update monitor__wap.ind_tech_share_upper set share_tech_pupils = 1.5"
            " where scope = 'national' and definition = 'sto_2020'"
        )
    summary = candidate_gate.run(settings, "build-test-2")
    assert not summary["passed"]
    failed = {(e["table"], e["check"]) for e in summary["errors"]}
    assert ("monitor__wap.ind_tech_share_upper", "share_in_unit_interval") in failed
    with pytest.raises(publish.PublishRefused):
        publish.publish(settings, "build-test-2", summary)
    with psycopg.connect(settings.admin_url) as conn:
        assert schema_md5s(conn, ("marts", "monitor")) == published_before
        kept = conn.execute("select to_regclass('monitor__wap.ind_tech_share_upper')").fetchone()[0]
        recorded = conn.execute(
            "select count(*) from audit.gate_results where run_id = 'build-test-2'"
            " and not success and severity = 'error'"
        ).fetchone()[0]
    assert kept is not None, "the failed candidate stays for inspection"
    assert recorded >= 1
