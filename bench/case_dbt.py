"""The dbt step through Airflow (one `dbt build` in `dbt_build`, every model, seed and test
reported as its own task in `dbt_nodes`) vs a bare `dbt build` of the same selection (the
nightly one: unit tests excluded, orchestration.NIGHTLY_EXCLUDE) (<= 1.3x).

Both build the same project on the same warehouse state; Airflow's figure runs from the first
start to the last end of `dbt_build` and every node task (process start, DAG parse, cosmos
project copy, dbt run, artifact callback, and the node tasks catching up with the build).
"""

from __future__ import annotations

from bench.common import Measurement, Ratio, timed
from bench.stack import Stack, dbt_step, wait_run


def run(stack: Stack, repeats: int = 3) -> dict:
    from sto_warehouse import dbt_runner, orchestration

    client = stack.client()
    settings = stack.settings()
    if not client.runs(orchestration.TRANSFORM_DAG, limit=1):
        stack.sto("run")  # run alone: the sample through one night first (unpauses the DAGs)
    airflow = Measurement("dbt", "dbt step in sto_transform (dbt_build + every dbt_nodes task)")
    bare = Measurement("dbt", "bare dbt build (same project, same data)")
    for i in range(repeats):
        run_id = f"bench_dbt_{i}"
        client.trigger(orchestration.TRANSFORM_DAG, run_id=run_id)
        result = wait_run(client, orchestration.TRANSFORM_DAG, run_id)
        assert result["state"] == "success", result
        tis = client.task_instances(orchestration.TRANSFORM_DAG, run_id)
        nodes = [t for t in tis if t["task_id"].startswith(orchestration.NODE_GROUP + ".")]
        assert nodes and all(t["state"] == "success" for t in nodes), "a node task did not pass"
        airflow.seconds.append(dbt_step(tis))

        def build(i=i):
            out = dbt_runner.run(
                settings,
                ["build", "--exclude", orchestration.NIGHTLY_EXCLUDE],
                f"bench-bare-{i}",
                capture=True,
            )
            assert out.returncode == 0, out.stdout[-2000:]

        bare.seconds.append(timed(build))
    ratio = airflow.median / bare.median
    return {
        "measurements": [airflow, bare],
        "ratios": [
            Ratio(
                "dbt", "dbt step through Airflow / bare dbt build", ratio, "<= 1.3x", ratio <= 1.3
            )
        ],
    }
