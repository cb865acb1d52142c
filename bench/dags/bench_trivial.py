"""The reference for benchmarks: one trivial Airflow DAG run (one task that returns)."""

from __future__ import annotations

import pendulum
from airflow.sdk import dag, task


@dag(
    dag_id="bench_trivial",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="Europe/Amsterdam"),
    catchup=False,
    tags=["bench"],
)
def bench_trivial():
    @task
    def noop() -> int:
        return 1

    noop()


bench_trivial()
