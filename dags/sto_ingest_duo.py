"""
### sto_ingest_duo — DUO open data into `raw`

Nightly (02:00 Europe/Amsterdam) the DUO files in `$STO_HOME/landing/duo/` go through the load
protocol (docs/architecture.md): **discover** archives every file by sha256 and keeps only those
not loaded before under their skip key (sha256, registry-entry version, loader version);
**stage** (mapped, one task per new file) identifies the publication, vintage and period and
COPYs the bytes into a pending table; **raw_gate** runs the raw Great Expectations suites on all
pending tables at once; **commit** swaps passed partitions in and quarantines the rest with a
`reason.json`; **announce** emits the `sto_raw_changed` Asset only when a partition changed,
which triggers `sto_transform`.

With nothing new, `stage` expands to zero tasks and everything after it is skipped.
Triggered with conf `{"reload": {"dataset": "<dataset>", "period": "<period>"}}` (what
`sto reload` does) it reloads those partitions from the archive instead.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

from sto_warehouse import alerts
from sto_warehouse import orchestration as orc

RAW_CHANGED = Asset(name=orc.RAW_CHANGED_NAME, uri=orc.RAW_CHANGED_URI)


@dag(
    dag_id=orc.INGEST_DAG,
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Amsterdam"),
    catchup=False,
    max_active_runs=1,
    default_args={**orc.DEFAULT_ARGS, "retry_delay": timedelta(seconds=30)},
    tags=["ingest", "duo"],
    doc_md=__doc__,
    on_failure_callback=alerts.on_failure,
)
def sto_ingest_duo():
    @task
    def discover(dag_run=None) -> list[dict]:
        return orc.discover(("duo",), dag_run.conf if dag_run else None)

    @task(max_active_tis_per_dagrun=4)
    def stage(file: dict, run_id: str | None = None) -> dict:
        return orc.stage(file, run_id)

    @task(trigger_rule="all_done_min_one_success")
    def raw_gate(staged: list[dict], run_id: str | None = None) -> list[dict]:
        return orc.raw_gate(staged, run_id)

    @task
    def commit(gated: list[dict], run_id: str | None = None) -> dict:
        return orc.commit(gated, run_id)

    @task(outlets=[RAW_CHANGED])
    def announce(summary: dict) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        if not summary["changed"]:
            raise AirflowSkipException("no raw partition changed: no rebuild")
        return {"loaded": summary["loaded"]}

    staged = stage.expand(file=discover())
    announce(commit(raw_gate(staged)))


sto_ingest_duo()
