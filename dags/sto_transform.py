"""
### sto_transform — candidate build, gates, publication

Runs when `sto_raw_changed` is emitted (the night's `sto_ingest` run changed at least one raw
partition, DUO or submissions): one build per night.

1. **prepare_candidate** drops the previous candidate (`marts__wap`, `monitor__wap`) and starts
   the new one: each large fact from a copy of its published table when only its own periods
   changed (its XCom says why per fact; `sto rebuild --full` builds every fact afresh).
2. **dbt_build** (cosmos, one `dbt build` so dbt starts once per run) builds staging views and
   the candidate marts/monitor tables, with every data test and enforced contract; the unit
   tests (SQL logic on fixed rows) run in `make test` on every change, not nightly. Its log
   ends with every failed model, seed or test (dbt's message) and the slowest nodes; a
   failing model fails this task and the run, and nothing is published.
   **dbt_nodes** shows that one build node by node: a task per model (`<model>_run`), seed
   (`<seed>_seed`), each model's data tests (`<model>_test`) and each singular test, grouped by
   dbt folder. They start with the build, wait in the triggerer (no worker, no second dbt) and
   end as their node ends in dbt's log: success, failed (the task log has dbt's message) or
   skipped (dbt skipped it after an upstream failure); a failed node fails the run.
3. **disclosure_completion** audits the candidate's suppression by linear programming and, where
   a withheld cell can still be narrowed to fewer than five values, withholds one more published
   cell of its block and rebuilds the protected indicators (`int_disclosure__withheld+`), at
   most four rounds; its log names every cell it withheld and the cell it protects. On most
   nights it finds nothing and takes seconds.
4. **candidate_gate** runs every candidate Great Expectations suite (`expectations/candidate/`) in
   one GX session; an error-level failure fails the run here, naming the check, the table and
   sample rows, and leaves the published release and the candidate as they are.
5. **publish** swaps the candidate into `marts`/`monitor` in one transaction as a numbered release
   (`audit.releases`); `bi_reader` and `researcher` can read it at once.
6. **source_freshness** runs `dbt source freshness` (also after a failed gate); a DUO source older
   than its publication cycle is a warning in `sto status`, never a failure.
7. **report** writes the monitor report (static HTML, `$STO_HOME/reports/monitor`, served at
   `/sto/monitor/`) after a publication, with this run's freshness; it is the run's last task,
   so a run whose gate failed ends failed.
"""

from __future__ import annotations

import os
from datetime import timedelta

import pendulum
from airflow.sdk import Asset, TaskGroup, dag, task
from cosmos import ProfileConfig
from cosmos.profiles import PostgresUserPasswordProfileMapping

from sto_warehouse import alerts
from sto_warehouse import orchestration as orc
from sto_warehouse.dbt_producer import DbtBuildProducer
from sto_warehouse.dbt_watch import DbtNodeOperator

RAW_CHANGED = Asset(name=orc.RAW_CHANGED_NAME, uri=orc.RAW_CHANGED_URI)
DBT_PROJECT = os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "dbt_project"
)

PROFILE = ProfileConfig(
    profile_name="sto",
    target_name="warehouse",
    profile_mapping=PostgresUserPasswordProfileMapping(
        conn_id="sto_transformer", profile_args={"schema": "staging", "threads": 4}
    ),
)


@dag(
    dag_id=orc.TRANSFORM_DAG,
    schedule=[RAW_CHANGED],
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Amsterdam"),
    catchup=False,
    max_active_runs=1,
    default_args={**orc.DEFAULT_ARGS, "retry_delay": timedelta(seconds=30)},
    tags=["transform", "quality", "publish"],
    doc_md=__doc__,
    on_failure_callback=alerts.on_failure,
)
def sto_transform():
    @task
    def prepare_candidate(run_id: str | None = None, dag_run=None) -> dict:
        # `sto rebuild --full` triggers with {"full_refresh": true}: every fact built afresh.
        return orc.prepare_candidate(run_id, bool((dag_run.conf or {}).get("full_refresh")))

    dbt_runs = orc.dbt_runs_dir()
    dbt_build = DbtBuildProducer(
        task_id="dbt_build",
        project_dir=DBT_PROJECT,
        profile_config=PROFILE,
        install_deps=False,
        exclude=orc.NIGHTLY_EXCLUDE,
        vars={"run_id": "{{ run_id }}"},
        dbt_runs=dbt_runs,
        callback=orc.keep_dbt_artifacts,
        cache_dir=orc.cosmos_cache_dir(),
        emit_datasets=False,
        retries=0,
    )

    @task(retries=0)
    def disclosure_completion(run_id: str | None = None) -> dict:
        return orc.disclosure_completion(run_id)

    @task(retries=0)
    def candidate_gate(run_id: str | None = None) -> dict:
        from airflow.sdk.exceptions import AirflowFailException

        summary = orc.candidate_gate(run_id)
        if not summary["passed"]:
            raise AirflowFailException(orc.gate_failure_message(summary))
        return summary

    @task
    def publish(summary: dict, run_id: str | None = None) -> int:
        return orc.publish(summary, run_id)

    @task(trigger_rule="all_done")
    def source_freshness(run_id: str | None = None) -> dict:
        return orc.source_freshness(run_id)

    @task
    def report(run_id: str | None = None) -> str:
        return orc.build_report(run_id)

    gate = candidate_gate()
    prepared = prepare_candidate()
    prepared >> dbt_build >> disclosure_completion() >> gate
    published = publish(gate)
    fresh = source_freshness()
    published >> fresh
    [published, fresh] >> report()

    # Each node of that one build as its own task, grouped by dbt folder; they wait in the
    # triggerer for their node's result in the build's log (sto_warehouse.dbt_watch), so they
    # start with the build and end as their node ends (dbt's order is dbt's: a task waiting on
    # another's success would trail the build by a scheduler round per level). Leaves: a failed
    # node fails its task and the run; a node dbt skipped after a failure ends skipped.
    graph = orc.dbt_node_graph()
    if graph:
        with TaskGroup(orc.NODE_GROUP, tooltip="every model, seed and test of dbt_build"):
            groups = {
                name: TaskGroup(name) for name in dict.fromkeys(t["group"] for t in graph["tasks"])
            }
            for spec in graph["tasks"]:
                prepared >> DbtNodeOperator(
                    task_id=spec["task_id"],
                    task_group=groups[spec["group"]],
                    nodes=spec["nodes"],
                    kind=spec["kind"],
                    reads=spec["upstream"],
                    dbt_runs=dbt_runs,
                    retries=0,
                )


sto_transform()
