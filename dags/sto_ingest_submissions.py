"""
### sto_ingest_submissions — the regions' submissions into `raw`, with Dutch feedback

Nightly (03:00 Europe/Amsterdam, after the DUO ingest: memberships are checked against DUO's
address lists) the files in `$STO_HOME/landing/submissions/<region>/` are judged
(docs/submissions.md): **discover** archives every file by sha256 and keeps only submissions not
judged before under their skip key, in two waves (**registrations**, **others**: batches of new
submissions, one file per batch while there are up to 16); **load_registrations** and then
**load_submissions** (mapped over the new files only, in the `submissions` pool so one slow file
never blocks the others) judge each file on its own: read, validate, load it in one transaction
or quarantine it, and write the feedback report to `$STO_HOME/feedback/<region>/`; **summarise** collects what happened; **announce**
emits the `sto_raw_changed` Asset (the same one the DUO ingest emits) only when something loaded,
which triggers `sto_transform`.

Registrations load first: every other submission is checked against the registered regions.
With nothing new, both mapped tasks expand to zero and nothing is announced.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import Asset, dag, task

from sto_warehouse import alerts
from sto_warehouse import orchestration as orc
from sto_warehouse.submissions import orchestration as sub

RAW_CHANGED = Asset(name=orc.RAW_CHANGED_NAME, uri=orc.RAW_CHANGED_URI)


@dag(
    dag_id=sub.SUBMISSIONS_DAG,
    schedule="0 3 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Amsterdam"),
    catchup=False,
    max_active_runs=1,
    default_args={**orc.DEFAULT_ARGS, "retry_delay": timedelta(seconds=30)},
    tags=["ingest", "submissions"],
    doc_md=__doc__,
    on_failure_callback=alerts.on_failure,
)
def sto_ingest_submissions():
    @task
    def discover() -> dict:
        return sub.discover()

    @task
    def wave(found: dict, name: str) -> list[list[dict]]:
        """One wave of new submissions in batches (at most sub.MAX_BATCHES mapped tasks; one
        file per task while there are few); mapping needs a task's own return value."""
        return sub.batches(found[name])

    @task(pool=sub.POOL)
    def load_registrations(files: list[dict], run_id: str | None = None) -> list[dict]:
        return sub.process_batch(files, run_id)

    @task(pool=sub.POOL, trigger_rule="all_done")
    def load_submissions(files: list[dict], run_id: str | None = None) -> list[dict]:
        return sub.process_batch(files, run_id)

    @task(trigger_rule="all_done")
    def summarise(
        registrations: list[dict] | None = None, others: list[dict] | None = None
    ) -> dict:
        return sub.summarise([*(registrations or []), *(others or [])])

    @task(outlets=[RAW_CHANGED])
    def announce(summary: dict) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        if not summary["changed"]:
            raise AirflowSkipException("no submission loaded: no rebuild")
        return {"loaded": len(summary["loaded"])}

    found = discover()
    first = wave.override(task_id="registrations")(found, "registrations")
    then = wave.override(task_id="others")(found, "others")
    registrations = load_registrations.expand(files=first)
    others = load_submissions.expand(files=then)
    registrations >> others
    announce(summarise(registrations, others))


sto_ingest_submissions()
