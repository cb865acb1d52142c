"""The dbt step through Airflow (cosmos, one `dbt build` task) vs a bare `dbt build` of the same
selection (the nightly one: unit tests excluded, orchestration.NIGHTLY_EXCLUDE) (<= 1.3x).

Both build the same project on the same warehouse state; Airflow's figure is the dbt_build task's
own duration (process start, DAG parse, cosmos project copy, dbt run, artifact callback).
"""

from __future__ import annotations

from bench.common import Measurement, Ratio, timed
from bench.stack import Stack, duration, wait_run


def run(stack: Stack, repeats: int = 3) -> dict:
    from sto_warehouse import dbt_runner, orchestration

    client = stack.client()
    settings = stack.settings()
    airflow = Measurement("dbt", "dbt_build task in sto_transform (Airflow, cosmos)")
    bare = Measurement("dbt", "bare dbt build (same project, same data)")
    for i in range(repeats):
        run_id = f"bench_dbt_{i}"
        client.trigger(orchestration.TRANSFORM_DAG, run_id=run_id)
        result = wait_run(client, orchestration.TRANSFORM_DAG, run_id)
        assert result["state"] == "success", result
        tis = {t["task_id"]: t for t in client.task_instances(orchestration.TRANSFORM_DAG, run_id)}
        airflow.seconds.append(duration(tis["dbt_build"]))

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
