"""End to end through a real Airflow: ingest -> asset-triggered transform -> gates -> release."""

from __future__ import annotations

import json
import math

import psycopg
import pytest

from tests.conftest import requires_shared_samples

pytestmark = pytest.mark.pipeline


def test_first_run_succeeds_with_an_asset_triggered_transform(pipeline):
    out = pipeline.first.stdout
    assert pipeline.first.returncode == 0, out + pipeline.first.stderr
    assert "(asset_triggered)" in out
    assert "[transform] publish: success" in out
    assert pipeline.release_first is not None


def test_every_dbt_node_of_the_one_build_is_its_own_task(pipeline, test_env):
    """The transform shows each model, seed and data test of its one `dbt build` as a task of
    `dbt_nodes` (the graph `sto up` wrote from dbt's manifest), each ended by its node's result
    while dbt ran once: dbt_build is the only task that started dbt."""
    from sto_warehouse import dbt_graph, dbt_runner
    from sto_warehouse.airflow_client import AirflowClient
    from sto_warehouse.orchestration import NODE_GROUP

    settings = test_env.settings()
    graph = dbt_graph.read(dbt_runner.node_graph_path(settings))
    assert graph and len(graph["tasks"]) > 150
    client = AirflowClient.for_settings(settings)
    (run,) = client.runs("sto_transform", limit=20)[:1]
    tis = client.task_instances("sto_transform", run["dag_run_id"])
    nodes = {t["task_id"]: t for t in tis if t["task_id"].startswith(NODE_GROUP + ".")}
    expected = {f"{NODE_GROUP}.{t['group']}.{t['task_id']}" for t in graph["tasks"]}
    assert set(nodes) == expected
    assert {t["state"] for t in nodes.values()} == {"success"}
    # They ran in the triggerer, not as worker processes: no task runner's host or pid.
    assert all(t["operator"] == "DbtNodeOperator" for t in nodes.values())
    assert all(not t["hostname"] and t["pid"] is None for t in nodes.values())
    model = f"{NODE_GROUP}.marts.fct_vo_enrollment_run"
    log = "\n".join(client.task_log("sto_transform", run["dag_run_id"], model))
    assert "model.sto_warehouse.fct_vo_enrollment: success in" in log, log[-2000:]
    assert f"dbt_nodes: {len(expected)} dbt node tasks: {len(expected)} success" in (
        pipeline.first.stdout
    )


def test_a_fresh_run_shows_one_run_of_each_dag(pipeline, test_env):
    """`sto run` triggered the night's ingest (DUO, then the submissions) and followed the one
    transform its Asset event started; the scheduler, unpaused, started no run of its own for
    that night. The second `sto run` (nothing new) adds one ingest run and no transform."""
    from sto_warehouse.airflow_client import AirflowClient

    client = AirflowClient.for_settings(test_env.settings())
    ingest = client.runs("sto_ingest", limit=20)
    assert [r["run_type"] for r in ingest] == ["manual", "manual"], ingest
    assert all(r["dag_run_id"].startswith("sto_run__") for r in ingest)
    assert len(client.runs("sto_transform", limit=20)) == 1
    out = pipeline.first.stdout
    assert "[ingest] duo.raw_gate: success" in out
    assert "[ingest] submissions.discover: success" in out
    assert "[ingest] announce: success" in out


def test_transform_run_type_is_asset_triggered_in_airflow(pipeline, test_env):
    from sto_warehouse.airflow_client import AirflowClient

    client = AirflowClient.for_settings(test_env.settings())
    runs = client.runs("sto_transform", limit=10)
    assert runs, "no transform run"
    assert {r["run_type"] for r in runs} == {"asset_triggered"}
    assert all(r["state"] == "success" for r in runs)


@requires_shared_samples()
def test_reproduces_the_2019_reference_figures(pipeline, settings):
    """sto_2020, 1 October 2019: 22,913 technical of 119,243 lj 3-4 BB/KB/GL pupils (19.2%)."""
    with psycopg.connect(settings.bi_reader_url) as conn:
        row = conn.execute(
            "select n_tech_pupils_upper, n_pupils_upper, share_tech_pupils"
            " from monitor.ind_tech_share_upper where definition = 'sto_2020'"
            " and peiljaar = 2019 and scope = 'national'"
        ).fetchone()
    assert row is not None
    tech, total, share = row
    assert total == 119_243
    assert tech == 22_913
    assert round(share, 3) == 0.192
    assert math.isclose(share, 22_913 / 119_243)


def test_regions_and_no_region_bucket_add_up_to_national(pipeline, settings):
    """Regions plus the no-region bucket add up to the national count wherever all are published;
    where the national count is withheld, at least one region is withheld with it (otherwise the
    sum of the regions would give it away)."""
    with psycopg.connect(settings.bi_reader_url) as conn:
        rows = conn.execute(
            "select definition, peiljaar, sum(n_pupils_upper) filter (where scope = 'region'),"
            " count(*) filter (where scope = 'region' and n_pupils_upper is null),"
            " max(n_pupils_upper) filter (where scope = 'national'),"
            " count(*) filter (where region_id = 'GEEN')"
            " from monitor.ind_tech_share_upper group by 1, 2"
        ).fetchall()
    assert rows
    for definition, peiljaar, regions, regions_withheld, national, no_region in rows:
        assert no_region == 1
        if national is None:
            assert regions_withheld > 0, (definition, peiljaar)
        elif regions_withheld == 0:
            assert regions == national, (definition, peiljaar)
        else:
            assert (regions or 0) <= national, (definition, peiljaar)


def test_missing_column_file_is_rejected_and_quarantined(pipeline, settings):
    out = pipeline.first.stdout
    assert pipeline.bad_file in out, out[-4000:] + pipeline.first.stderr[-2000:]
    assert "[MISSING_COLUMN]" in out
    assert "AFDELING" in out
    folders = list((settings.quarantine / "duo").glob("*/reason.json"))
    reasons = [json.loads(p.read_text()) for p in folders]
    mine = [r for r in reasons if r["file"] == pipeline.bad_file]
    assert len(mine) == 1
    reason = mine[0]
    assert reason["code"] == "MISSING_COLUMN"
    assert reason["problems"][0]["column"] == "AFDELING"
    assert reason["problems"][0]["line"] == 1
    assert reason["problems"][0]["fix"]
    quarantined = [
        p for p in (settings.quarantine / "duo").glob("*/*") if p.name == pipeline.bad_file
    ]
    assert quarantined, "the rejected bytes are kept"
    with psycopg.connect(settings.admin_url) as conn:
        periods = {
            r[0]
            for r in conn.execute(
                "select period from audit.partitions where dataset = 'duo_vo_leerlingen_onderwijstype'"
            ).fetchall()
        }
    assert "2018" not in periods, "nothing of the rejected file reached raw"
    assert periods, "the other files of the same run loaded"


def test_second_run_changes_nothing(pipeline):
    assert pipeline.second.returncode == 0, pipeline.second.stdout + pipeline.second.stderr
    assert "nothing changed in raw" in pipeline.second.stdout
    # A quiet night is one task: anything_new found nothing and every other ingest task was
    # skipped, not run with empty input.
    ingest = [line.strip() for line in pipeline.second.stdout.splitlines() if "[ingest]" in line]
    ran = {line for line in ingest if line.endswith(": success")}
    assert ran == {"[ingest] anything_new: success"}, ingest
    assert "[ingest] duo.discover: skipped" in ingest
    assert "[ingest] submissions.discover: skipped" in ingest
    assert pipeline.md5_first == pipeline.md5_second
    assert pipeline.release_first == pipeline.release_second
    # The rejected file is not reported again for the same bytes.
    assert "[MISSING_COLUMN]" not in pipeline.second.stdout
    assert any(name.startswith("raw.") for name in pipeline.md5_first)
    assert any(name.startswith("marts.") for name in pipeline.md5_first)
    assert any(name.startswith("monitor.") for name in pipeline.md5_first)


def test_bi_reader_reads_published_tables_only(pipeline, settings):
    with psycopg.connect(settings.bi_reader_url, autocommit=True) as conn:
        for table in (
            "marts.dim_vestiging",
            "marts.dim_time",
            "monitor.ind_tech_share_upper",
        ):
            assert conn.execute(f"select count(*) from {table}").fetchone()[0] > 0
        # Readable, but only its DUO-current-rule periods (none when only the real 2019 file,
        # an older vintage, is loaded): test_readers_see_only_duo_current_rule_rows_of_the_facts.
        conn.execute("select count(*) from marts.fct_vo_enrollment").fetchone()
        for forbidden in (
            "select 1 from raw.duo_vo_leerlingen_onderwijstype limit 1",
            "select 1 from audit.loads limit 1",
            "select 1 from staging.stg_duo__vo_vestigingen limit 1",
            "create table marts.bi_was_here (a int)",
            "delete from monitor.ind_tech_share_upper",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(forbidden)


def test_readers_see_only_duo_current_rule_rows_of_the_facts(pipeline, settings):
    """DUO's current rule on the published facts (docs/monitor.md): older vintages (the real 2019
    file, the sample's years up to 2022) print counts of 1-4 exactly; a reader sees none of those
    periods' fine rows, so no count of 1-4 and nothing to subtract from the monitor's exact
    aggregates. The owner (the transformer, which builds the monitor) still has every row."""
    fine = "select peiljaar, count(*), count(*) filter (where n_pupils between 1 and 4)"
    with psycopg.connect(settings.bi_reader_url) as conn:
        seen = conn.execute(f"{fine} from marts.fct_vo_enrollment group by 1").fetchall()
        exams = conn.execute(
            "select count(*) from marts.fct_vo_exam where not is_duo_current_rule"
            " or n_candidates between 1 and 4 or n_passed between 1 and 4"
            " or n_failed between 1 and 4 or n_candidates - n_passed between 1 and 4"
        ).fetchone()[0]
        monitor_years = {
            r[0] for r in conn.execute("select distinct peiljaar from monitor.ind_tech_pupils")
        }
    with psycopg.connect(settings.transformer_url) as conn:
        owned = conn.execute(f"{fine} from marts.fct_vo_enrollment group by 1").fetchall()
    assert all(small == 0 for _, _, small in seen), seen
    assert exams == 0
    older = {year for year, _, small in owned if small}
    # The real 2019 file (when ../shared has it) and the sample's years up to 2022 are older.
    assert older, "an older vintage prints counts of 1-4: the test needs one"
    assert older.isdisjoint({year for year, _, _ in seen})
    assert {year for year, _, _ in seen} <= {year for year, _, _ in owned}
    assert older <= monitor_years  # the older years are published through the monitor


def test_run_summary_reports_what_a_user_needs(pipeline):
    out = pipeline.first.stdout
    assert "Rows loaded this run" in out
    assert "duo_vo_leerlingen_onderwijstype" in out
    assert "Quality gates:" in out and "raw" in out and "candidate" in out
    assert "Technical share" in out
    assert "Airflow UI: http://127.0.0.1:" in out
    assert "Warehouse (PostgreSQL)" in out


def test_a_failed_run_sends_one_alert_with_links(pipeline, test_env):
    """A bad reload request fails the ingest run at once (no retries); the DAG's failure
    callback posts one message to the configured webhook (a local receiver)."""
    import time

    from sto_warehouse.airflow_client import AirflowClient

    client = AirflowClient.for_settings(test_env.settings())
    run_id = "alert_test"
    client.trigger("sto_ingest", run_id=run_id, conf={"reload": {"dataset": "duo_nonsense"}})
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        messages = [m for m in pipeline.webhook.received if m["run_id"] == run_id]
        if messages:
            break
        time.sleep(2)
    assert client.run("sto_ingest", run_id)["state"] == "failed"
    assert len(messages) == 1, pipeline.webhook.received
    message = messages[0]
    assert message["dag_id"] == "sto_ingest" and message["task_id"] == "duo.discover"
    assert "/dags/sto_ingest/runs/alert_test/tasks/duo.discover" in message["links"]["log"]
    assert message["links"]["data_docs"].endswith("/sto/datadocs/raw/index.html")


def test_airflow_ui_serves_data_docs_and_lists_the_report_plugin(pipeline, test_env):
    import urllib.request

    from sto_warehouse.airflow_client import AirflowClient

    settings = test_env.settings()
    client = AirflowClient.for_settings(settings)
    plugins = client._request("GET", "/api/v2/plugins")["plugins"]
    assert "sto_reports" in {p["name"] for p in plugins}
    url = f"{settings.airflow_base_url}/sto/datadocs/candidate/index.html"
    with urllib.request.urlopen(url) as response:
        body = response.read()
    assert response.status == 200
    assert b"candidate.ind_tech_share_upper" in body


def test_status_shows_runs_partitions_freshness_and_reports(pipeline, test_env):
    out = test_env.run("status").stdout
    assert "Last runs:" in out and "sto_transform" in out and "asset_triggered" in out
    assert "Raw partitions:" in out and "duo_vo_leerlingen_onderwijstype" in out
    assert "Source freshness (" in out
    assert "GX Data Docs (candidate):" in out
    assert "Published release:" in out


def test_airflow_and_a_plain_process_reload_the_same_partition_without_duplicates(
    pipeline, test_env
):
    """Two loaders of one (dataset, period) at once, one through Airflow and one a plain
    process: both queue on the partition's advisory lock; the partition holds the file once."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    from sto_warehouse.airflow_client import AirflowClient

    settings = test_env.settings()
    with psycopg.connect(settings.admin_url) as conn:
        dataset, period, rows = conn.execute(
            "select dataset, period, row_count from audit.partitions"
            " where dataset = 'duo_vo_leerlingen_onderwijstype' order by period limit 1"
        ).fetchone()
    holder = psycopg.connect(settings.admin_url, autocommit=True)
    holder.execute(
        "select pg_advisory_lock(hashtext(%s), hashtext(%s))", (f"sto:raw:{dataset}", period)
    )
    client = AirflowClient.for_settings(settings)
    run_id = "concurrent_reload"
    client.trigger(
        "sto_ingest", run_id=run_id, conf={"reload": {"dataset": dataset, "period": period}}
    )
    local = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("sto")),
            "reload",
            "--dataset",
            dataset,
            "--period",
            period,
            "--local",
        ],
        env={**__import__("os").environ, **test_env.env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 240
    waiting = 0
    while time.monotonic() < deadline:
        waiting = holder.execute(
            "select count(*) from pg_stat_activity where datname = %s"
            " and wait_event_type = 'Lock' and wait_event = 'advisory'",
            (settings.database,),
        ).fetchone()[0]
        if waiting >= 2:
            break
        time.sleep(0.5)
    holder.execute("select pg_advisory_unlock_all()")
    holder.close()
    out, err = local.communicate(timeout=300)
    assert waiting == 2, "the Airflow task and the plain process both wait on the lock"
    assert local.returncode == 0, out + err
    while client.run("sto_ingest", run_id)["state"] not in ("success", "failed"):
        time.sleep(2)
    assert client.run("sto_ingest", run_id)["state"] == "success"
    with psycopg.connect(settings.admin_url) as conn:
        count, distinct = conn.execute(
            f"select count(*), count(distinct _row_number) from raw.{dataset} where _period = %s",
            (period,),
        ).fetchone()
    assert count == distinct == rows


def test_a_failing_model_fails_the_run_and_leaves_the_release_as_it_is(pipeline, test_env):
    """The transformer loses SELECT on one raw table: the models reading it fail inside dbt, so
    the dbt step fails (its own task), the run fails, nothing is published and the published
    tables stay byte for byte as they were."""
    import time

    from psycopg import sql

    from sto_warehouse.airflow_client import AirflowClient
    from tests.conftest import schema_md5s

    settings = test_env.settings()
    client = AirflowClient.for_settings(settings)
    table = sql.Identifier("raw", "duo_vo_vestigingen")
    transformer = sql.Identifier(settings.role("transformer"))
    with psycopg.connect(settings.admin_url, autocommit=True) as conn:
        before = schema_md5s(conn, ("marts", "monitor"))
        release = conn.execute("select max(release_id) from audit.releases").fetchone()[0]
        conn.execute(sql.SQL("revoke select on {} from {}").format(table, transformer))
    try:
        run_id = "failing_model"
        client.trigger("sto_transform", run_id=run_id)
        deadline = time.monotonic() + 900
        while client.run("sto_transform", run_id)["state"] not in ("success", "failed"):
            assert time.monotonic() < deadline, "the transform run did not finish"
            time.sleep(3)
    finally:
        with psycopg.connect(settings.admin_url, autocommit=True) as conn:
            conn.execute(sql.SQL("grant select on {} to {}").format(table, transformer))
    assert client.run("sto_transform", run_id)["state"] == "failed"
    states = {t["task_id"]: t["state"] for t in client.task_instances("sto_transform", run_id)}
    failed = [task for task, state in states.items() if state == "failed"]
    assert failed and all(task.startswith("dbt") for task in failed), states
    assert states["publish"] != "success" and states["candidate_gate"] != "success"
    # Node by node: the failing model's own task failed with dbt's message in its log, and the
    # nodes dbt skipped after it ended skipped.
    failed_node = "dbt_nodes.staging.stg_duo__vo_vestigingen_test"
    assert states[failed_node] == "failed", states
    assert "skipped" in {s for t, s in states.items() if t.startswith("dbt_nodes.")}
    log = "\n".join(client.task_log("sto_transform", run_id, failed_node))
    assert "permission denied for table duo_vo_vestigingen" in log, log[-2000:]
    # The one dbt process's nodes, as `sto run` / `sto status` print them: the failed models
    # are named with dbt's message.
    from sto_warehouse import dbt_runner, summary

    lines = summary.dbt_nodes(dbt_runner.run_dirs(settings, run_id)[0] / "run_results.json")
    errors = [line for line in lines if line.lstrip().startswith("ERROR")]
    assert errors and all("stg_duo__vo_vestigingen" in line for line in errors), lines
    assert any("permission denied" in line for line in errors), errors
    assert "skipped" in lines[0], "the nodes after the failed ones did not run"
    with psycopg.connect(settings.admin_url) as conn:
        assert schema_md5s(conn, ("marts", "monitor")) == before
        assert conn.execute("select max(release_id) from audit.releases").fetchone()[0] == release


def test_the_full_pipeline_a_third_time_gives_identical_tables(pipeline, test_env):
    """Run three: every partition reloaded from the archive through Airflow (new load ids), an
    asset-triggered rebuild and publication; every raw, marts and monitor table md5-identical."""
    from tests.conftest import PUBLISHED_AND_RAW, schema_md5s

    result = test_env.run("reload", "--all", "--timeout", "1200", check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "(asset_triggered)" in result.stdout
    settings = test_env.settings()
    with psycopg.connect(settings.admin_url) as conn:
        third = schema_md5s(conn, PUBLISHED_AND_RAW)
        release = conn.execute("select max(release_id) from audit.releases").fetchone()[0]
    assert release > pipeline.release_second
    assert third == pipeline.md5_first
