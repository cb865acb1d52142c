"""Whole-pipeline figures on the sample data: a first run, and a rerun with nothing new."""

from __future__ import annotations

from bench.common import Measurement, timed
from bench.stack import Stack, run_duration


def run(stack: Stack, repeats: int = 3) -> dict:
    from sto_warehouse import orchestration

    first = Measurement("pipeline", "sto run: first run over the sample (ingest + transform)")
    first.seconds.append(timed(lambda: stack.sto("run")))
    noop = Measurement("pipeline", "sto run: rerun with nothing new (CLI wall time)")
    noop_dag = Measurement("pipeline", "ingest DAG run with nothing new (Airflow run duration)")
    client = stack.client()
    for _ in range(repeats):
        noop.seconds.append(timed(lambda: stack.sto("run", "--no-sample")))
        latest = client.runs(orchestration.INGEST_DAG, limit=1)[0]
        noop_dag.seconds.append(run_duration(latest))
    return {"measurements": [first, noop, noop_dag], "ratios": []}
