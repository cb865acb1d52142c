"""The night's one `dbt build` as the producer the node tasks (`dbt_watch`) report from."""

from __future__ import annotations

from pathlib import Path

from cosmos.operators.local import DbtBuildLocalOperator

from sto_warehouse import dbt_watch

# dbt writes its file log as JSON lines (NodeStart/NodeFinished per node) for the node tasks;
# the task's own log (stdout) stays dbt's text.
LOG_ENV = {"DBT_LOG_FORMAT_FILE": "json"}


class DbtBuildProducer(DbtBuildLocalOperator):
    """cosmos' one-process `dbt build` that clears an earlier attempt's log before it starts
    and leaves a marker when it ends, whatever the outcome, so no node task waits for a build
    that is over."""

    def __init__(self, *, dbt_runs: str, **kwargs):
        super().__init__(**kwargs)
        self.dbt_runs = dbt_runs

    def execute(self, context, **kwargs):
        folder = dbt_watch.log_dir(Path(self.dbt_runs), context["run_id"])
        dbt_watch.start_afresh(folder)
        self.env = {**(self.env or {}), **LOG_ENV, "DBT_LOG_PATH": str(folder)}
        outcome = "failed"
        try:
            result = super().execute(context, **kwargs)
            outcome = "success"
            return result
        finally:
            dbt_watch.mark_ended(folder, outcome)
