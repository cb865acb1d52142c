"""
### sto_ingest — the night's files into `raw`: DUO open data, then the regions' submissions

One run per night (02:00 Europe/Amsterdam) takes everything new through the load protocol
(docs/architecture.md) in two task groups, and emits the `sto_raw_changed` Asset at most once,
so the night builds once (`sto_transform`), whether DUO files, submissions or both changed.

**anything_new** (the first task) discovers both halves: it downloads what DUO published,
archives every file in `$STO_HOME/landing/duo/` by sha256 and keeps only those not loaded
before under their skip key (sha256, registry-entry version, loader version), and does the same
for the submissions. On a quiet night it finds nothing and skips every other task: the run is
this one task and no build follows.

**duo**: **discover** takes the DUO files the first task found (or discovers again when that
failed);
**stage** (mapped, one task per new file) identifies publication, vintage and period and COPYs
the bytes into a pending table; **raw_gate** runs the raw Great Expectations suites on all
pending tables at once; **commit** swaps passed partitions in and quarantines the rest with a
`reason.json`.

**submissions** starts when the DUO group is done (whatever its outcome), so every membership
is checked against the DUO address lists loaded the same night: **discover** takes the
submissions the first task found in `$STO_HOME/landing/submissions/<region>/` (grouped, not
judged before), in two waves (**registrations**, **others**: batches, one file per batch while
there are up to 16); **load_registrations**, then **load_submissions** (mapped over the new files
only, in the `submissions` pool) judge each file on its own: load it in one transaction or
quarantine it, and write its feedback report to `$STO_HOME/feedback/<region>/`; **summarise**
collects what happened.

**announce** emits the Asset when either group changed raw; when the new files were all
rejected, nothing is announced. **night_outcome**
(after every task, never runs itself) ends upstream_failed when any task failed, so the run ends
failed although the rest of the night went on.

Triggered with conf `{"reload": {"dataset": "<dataset>", "period": "<period>"}}` (what
`sto reload` does) it reloads those DUO partitions from the archive and judges no submission.

`sto run` on a DAG whose latest night has no run yet triggers that night's run itself (the
scheduler then does not start a second one for it), so a fresh `make run` shows one run.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import Asset, dag, task, task_group

from sto_warehouse import alerts
from sto_warehouse import orchestration as orc
from sto_warehouse.submissions import orchestration as sub

RAW_CHANGED = Asset(name=orc.RAW_CHANGED_NAME, uri=orc.RAW_CHANGED_URI)


@dag(
    dag_id=orc.INGEST_DAG,
    schedule=orc.INGEST_CRON,
    start_date=pendulum.datetime(2026, 1, 1, tz=orc.TIMEZONE),
    catchup=False,
    max_active_runs=1,
    default_args={**orc.DEFAULT_ARGS, "retry_delay": timedelta(seconds=30)},
    tags=["ingest", "duo", "submissions"],
    doc_md=__doc__,
    on_failure_callback=alerts.on_failure,
)
def sto_ingest():
    @task.short_circuit
    def anything_new(dag_run=None) -> dict:
        # Falsy ({}) on a quiet night: every other task is skipped, whatever its trigger rule.
        return orc.discover_night(dag_run.conf if dag_run else None)

    @task_group
    def duo(found):
        @task
        def discover(found: dict, dag_run=None) -> list[dict]:
            conf = dag_run.conf if dag_run else None
            return orc.night_half(found, "duo", lambda: orc.discover(("duo",), conf))

        @task(max_active_tis_per_dagrun=4)
        def stage(file: dict, run_id: str | None = None) -> dict:
            return orc.stage(file, run_id)

        @task(trigger_rule="all_done_min_one_success")
        def raw_gate(staged: list[dict], run_id: str | None = None) -> list[dict]:
            return orc.raw_gate(staged, run_id)

        @task
        def commit(gated: list[dict], run_id: str | None = None) -> dict:
            return orc.commit(gated, run_id)

        return commit(raw_gate(stage.expand(file=discover(found))))

    @task_group
    def submissions(found, duo_summary):
        # After the DUO group (its summary is the dependency); all_done: a DUO half that failed
        # must not keep the regions' files from being judged (against the address lists as
        # they are); the run still ends failed.
        @task(trigger_rule="all_done")
        def discover(found: dict, duo_summary: dict | None = None, dag_run=None) -> dict:
            conf = dag_run.conf if dag_run else None
            return orc.night_half(found, "submissions", lambda: sub.discover(conf))

        @task
        def wave(found: dict, name: str) -> list[list[dict]]:
            """One wave of new submissions in batches (at most sub.MAX_BATCHES mapped tasks;
            one file per task while there are few); mapping needs a task's own return value."""
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

        new = discover(found, duo_summary)
        first = wave.override(task_id="registrations")(new, "registrations")
        then = wave.override(task_id="others")(new, "others")
        registrations = load_registrations.expand(files=first)
        others = load_submissions.expand(files=then)
        registrations >> others
        return summarise(registrations, others)

    @task(outlets=[RAW_CHANGED], trigger_rule="all_done")
    def announce(duo_summary: dict | None = None, submissions_summary: dict | None = None) -> dict:
        from airflow.sdk.exceptions import AirflowSkipException

        changed = orc.changed_by(duo_summary, submissions_summary)
        if not changed:
            raise AirflowSkipException("no raw partition changed: no rebuild")
        return changed

    found = anything_new()
    duo_summary = duo(found)
    announced = announce(duo_summary, submissions(found, duo_summary))
    # The run's state comes from its leaves, and the all_done rules above absorb a failure (a
    # crashed stage or discover still lets the rest of the night go on): this leaf, after every
    # task, turns upstream_failed when any of them failed, so the run ends failed and its alert
    # names the task that failed (not this one: it never runs itself).
    night_outcome = EmptyOperator(task_id="night_outcome")
    for other in announced.operator.dag.tasks:
        if other is not night_outcome:
            other >> night_outcome


sto_ingest()
