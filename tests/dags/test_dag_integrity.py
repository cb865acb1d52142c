"""DAG integrity: imports cleanly, light imports, the settings every DAG must have."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"
DAG_FILES = sorted(p for p in DAGS.glob("*.py") if not p.name.startswith("_"))
HEAVY = ("great_expectations", "pandas", "dbt")


@pytest.fixture(scope="module")
def airflow_env(tmp_path_factory):
    home = tmp_path_factory.mktemp("airflow_home")
    # The dbt nodes as `sto up` writes them (here from a small manifest): the DAG's dbt_nodes.
    from sto_warehouse import dbt_graph
    from tests.unit.test_dbt_nodes import MANIFEST

    manifest = home / "manifest.json"
    manifest.write_text(json.dumps(MANIFEST))
    dbt_graph.write(manifest, home / "sto" / "dbt" / "nodes.json", "test")
    return {
        **os.environ,
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "STO_HOME": str(home / "sto"),
    }


def _python(code: str, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def dagbag(airflow_env):
    """Parse the DAG folder the way the DAG processor does, in a clean interpreter."""
    return _python(
        f"""
        import json
        from airflow.dag_processing.dagbag import DagBag
        bag = DagBag(dag_folder={str(DAGS)!r}, safe_mode=False)
        out = {{"errors": {{k: v[-2000:] for k, v in bag.import_errors.items()}}, "dags": {{}}}}
        for dag_id, dag in bag.dags.items():
            out["dags"][dag_id] = {{
                "file": dag.fileloc,
                "catchup": dag.catchup,
                "tags": sorted(dag.tags),
                "doc_md": bool(dag.doc_md),
                "max_active_runs": dag.max_active_runs,
                "timezone": str(dag.timezone.name if hasattr(dag.timezone, "name") else dag.timezone),
                "timetable": type(dag.timetable).__name__,
                "timetable_summary": getattr(dag.timetable, "expression", None),
                "asset_schedule": repr(getattr(dag.timetable, "asset_condition", None)),
                "tasks": {{
                    t.task_id: {{
                        "retries": t.retries,
                        "owner": t.owner,
                        "trigger_rule": getattr(t.trigger_rule, "value", str(t.trigger_rule)),
                        "upstream": sorted(t.upstream_task_ids),
                        "outlets": [repr(o) for o in t.outlets],
                        "exclude": getattr(t, "exclude", None),
                        "start_from_trigger": bool(getattr(t, "start_from_trigger", False)),
                    }}
                    for t in dag.tasks
                }},
            }}
        print(json.dumps(out))
        """,
        airflow_env,
    )


def test_dag_folder_imports_without_errors(dagbag):
    assert dagbag["errors"] == {}
    # One ingest DAG (DUO and submissions as task groups) and one transform: two DAGs a night.
    assert set(dagbag["dags"]) == {"sto_ingest", "sto_transform"}


def test_every_dbt_node_is_a_task_that_starts_in_the_triggerer(dagbag):
    """One task per model/seed, per model's data tests and per singular test (the graph file),
    grouped by dbt folder; all start when the candidate is prepared (with the one dbt build),
    in the triggerer, and none runs dbt itself."""
    tasks = dagbag["dags"]["sto_transform"]["tasks"]
    nodes = {t: spec for t, spec in tasks.items() if t.startswith("dbt_nodes.")}
    assert set(nodes) == {
        "dbt_nodes.seeds.settings_seed",
        "dbt_nodes.staging.stg_a_run",
        "dbt_nodes.staging.stg_a_test",
        "dbt_nodes.marts.fct_b_run",
        "dbt_nodes.marts.fct_b_test",
        "dbt_nodes.monitor.ind_c_run",
        "dbt_nodes.tests.assert_totals",
    }
    for spec in nodes.values():
        assert spec["start_from_trigger"] and spec["upstream"] == ["prepare_candidate"]
        assert spec["retries"] == 0
    assert tasks["dbt_build"]["upstream"] == ["prepare_candidate"]
    assert not tasks["dbt_build"]["start_from_trigger"]
    # the night's chain after the build is as before
    assert tasks["disclosure_completion"]["upstream"] == ["dbt_build"]
    assert tasks["candidate_gate"]["upstream"] == ["disclosure_completion"]
    assert tasks["publish"]["upstream"] == ["candidate_gate"]
    assert tasks["report"]["upstream"] == ["publish", "source_freshness"]


def test_dag_ids_are_unique_across_files(airflow_env):
    ids: dict[str, str] = {}
    for path in DAG_FILES:
        found = _python(
            f"""
            import json
            from airflow.dag_processing.dagbag import DagBag
            bag = DagBag(dag_folder={str(path)!r}, safe_mode=False)
            print(json.dumps(sorted(bag.dags)))
            """,
            airflow_env,
        )
        for dag_id in found:
            assert dag_id not in ids, f"{dag_id} defined in {ids.get(dag_id)} and {path.name}"
            ids[dag_id] = path.name


@pytest.mark.parametrize("dag_id", ["sto_ingest", "sto_transform"])
def test_every_dag_has_the_operational_settings(dagbag, dag_id):
    dag = dagbag["dags"][dag_id]
    assert dag["catchup"] is False
    assert dag["doc_md"]
    assert dag["tags"]
    assert dag["max_active_runs"] == 1
    assert dag["timezone"] == "Europe/Amsterdam"
    for task_id, task in dag["tasks"].items():
        assert task["owner"] == "sto-data", task_id


def test_ingest_runs_nightly_and_transform_on_the_aggregate_asset(dagbag):
    ingest = dagbag["dags"]["sto_ingest"]
    assert ingest["timetable"] == "CronTriggerTimetable"
    assert ingest["timetable_summary"] == "0 2 * * *"
    assert all(t["retries"] >= 1 for k, t in ingest["tasks"].items())
    transform = dagbag["dags"]["sto_transform"]
    assert transform["timetable"] == "AssetTriggeredTimetable"
    assert "sto_raw_changed" in transform["asset_schedule"]


def test_submissions_wait_for_the_duo_lists_and_the_night_announces_once(dagbag):
    """The submissions group starts after the DUO group's commit (its memberships are checked
    against the address lists loaded the same night), whatever the DUO outcome; one task emits
    the Asset, after both groups, also when only one of them changed raw."""
    tasks = dagbag["dags"]["sto_ingest"]["tasks"]
    assert {"duo.discover", "duo.stage", "duo.raw_gate", "duo.commit"} <= set(tasks)
    discover = tasks["submissions.discover"]
    assert discover["upstream"] == ["anything_new", "duo.commit"]
    assert discover["trigger_rule"] == "all_done"
    emitting = [k for k, t in tasks.items() if t["outlets"]]
    assert emitting == ["announce"]
    assert "sto_raw_changed" in tasks["announce"]["outlets"][0]
    assert set(tasks["announce"]["upstream"]) == {"duo.commit", "submissions.summarise"}
    assert tasks["announce"]["trigger_rule"] == "all_done"
    # A failure anywhere fails the run: the one leaf is after every task, all_success.
    leaf = tasks["night_outcome"]
    assert set(leaf["upstream"]) == set(tasks) - {"night_outcome"}
    assert leaf["trigger_rule"] == "all_success"


def test_a_quiet_night_is_one_task(dagbag):
    """The first task discovers both halves and short-circuits: every other task is its
    downstream (so a night with nothing new skips them all, whatever their trigger rule)."""
    tasks = dagbag["dags"]["sto_ingest"]["tasks"]
    assert tasks["anything_new"]["upstream"] == []
    assert tasks["duo.discover"]["upstream"] == ["anything_new"]
    downstream = {"anything_new"}
    changed = True
    while changed:
        before = len(downstream)
        downstream |= {t for t, spec in tasks.items() if set(spec["upstream"]) & downstream}
        changed = len(downstream) != before
    assert downstream == set(tasks)


def test_the_night_finds_both_halves_once_and_a_failed_half_tries_again():
    from sto_warehouse.orchestration import night_half

    found = {"duo": [{"f": 1}], "submissions": {"registrations": []}, "errors": {}}
    assert night_half(found, "duo", lambda: 1 / 0) == [{"f": 1}]
    failed = {**found, "errors": {"submissions": "OperationalError: gone"}}
    assert night_half(failed, "submissions", lambda: {"others": ["again"]}) == {"others": ["again"]}


def test_the_nightly_build_leaves_unit_tests_to_make_test(dagbag):
    """dbt unit tests check SQL on fixed rows, not the night's data (make test runs them:
    tests/integration/test_build_and_publish.py)."""
    assert dagbag["dags"]["sto_transform"]["tasks"]["dbt_build"]["exclude"] == (
        "resource_type:unit_test"
    )


def test_the_night_announces_when_either_half_changed_raw():
    from sto_warehouse.orchestration import changed_by

    assert changed_by(None, None) == {}
    assert changed_by({"changed": False, "loaded": []}, {"changed": False, "loaded": []}) == {}
    assert changed_by({"changed": True, "loaded": [1, 2]}, None) == {"duo": 2}
    assert changed_by(None, {"changed": True, "loaded": [1]}) == {"submissions": 1}
    assert changed_by({"changed": True, "loaded": [1]}, {"changed": True, "loaded": [1]}) == {
        "duo": 1,
        "submissions": 1,
    }


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_dag_file_keeps_heavy_libraries_out(path, airflow_env):
    loaded = _python(
        f"""
        import importlib.util, json, sys
        import airflow
        spec = importlib.util.spec_from_file_location("dagfile", {str(path)!r})
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {HEAVY!r})))
        """,
        airflow_env,
    )
    assert loaded == []


def test_airflow_components_import_none_of_our_modules_by_file_name(airflow_env):
    """plugins/.airflowignore keeps the plugin manager out of plugins/sto_warehouse (DESIGN §1)."""
    ours = {p.stem for p in (REPO / "plugins" / "sto_warehouse").rglob("*.py")} - {
        "__init__",
        "__main__",
    }
    loaded = _python(
        """
        import json, sys
        from airflow import plugins_manager
        plugins_manager.ensure_plugins_loaded()
        errors = plugins_manager.get_import_errors()
        print(json.dumps({"modules": sorted(sys.modules), "errors": errors}))
        """,
        airflow_env,
    )
    assert loaded["errors"] == {}
    top_level = {m for m in loaded["modules"] if "." not in m}
    assert not (ours & top_level), f"plugin manager imported {sorted(ours & top_level)}"
    assert not [m for m in loaded["modules"] if m.split(".")[0] in HEAVY]
