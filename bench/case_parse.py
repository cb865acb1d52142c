"""DAG parse time: each DAG file vs a bare 10-task TaskFlow DAG (target <= 4x); the transform
DAG with its dbt node tasks (one per model, seed and test: `sto up` writes their graph).

Each parse runs in a fresh interpreter with airflow already imported (as in the DAG processor's
parsing process), so module caches from a previous parse do not flatter the numbers.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.common import REPO, Measurement, Ratio, python

BARE_DAG = """
import pendulum
from airflow.sdk import dag, task

@dag(dag_id="bare_ten_tasks", schedule=None, start_date=pendulum.datetime(2026, 1, 1), catchup=False)
def bare():
    previous = None
    for i in range(10):
        @task(task_id=f"t{i}")
        def step():
            return 1
        current = step()
        if previous is not None:
            previous >> current
        previous = current

bare()
"""

PARSE = """
import json, time, os
import airflow
from airflow.dag_processing.dagbag import DagBag
start = time.perf_counter()
bag = DagBag(dag_folder={path!r}, safe_mode=False)
elapsed = time.perf_counter() - start
assert not bag.import_errors, bag.import_errors
print(json.dumps({{"seconds": elapsed, "dags": sorted(bag.dags)}}))
"""


def parse_once(path: Path, env: dict) -> float:
    out = python(PARSE.format(path=str(path)), env)
    return json.loads(out.stdout.strip().splitlines()[-1])["seconds"]


def run(repeats: int = 5) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="bench-parse-"))
    bare = tmp / "bare_dag.py"
    bare.write_text(BARE_DAG)
    env = {
        "AIRFLOW_HOME": str(tmp / "airflow"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "STO_HOME": str(tmp / "sto"),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
    }
    # The transform DAG as it is after `sto up`: with its dbt node tasks (dbt_graph), from a
    # `dbt parse` of the project into this STO_HOME.
    python(
        "from sto_warehouse import config, dbt_runner\n"
        "dbt_runner.refresh_node_graph(config.ensure_generated(config.load_settings()))",
        env,
    )
    assert (tmp / "sto" / "dbt" / "nodes.json").exists(), "no dbt node graph to parse with"
    files = sorted(p for p in (REPO / "dags").glob("*.py") if not p.name.startswith("_"))
    baseline = Measurement("parse", "bare 10-task TaskFlow DAG")
    measured = {p.name: Measurement("parse", p.name) for p in files}
    for _ in range(repeats):
        baseline.seconds.append(parse_once(bare, env))
        for path in files:
            measured[path.name].seconds.append(parse_once(path, env))
    ratios = [
        Ratio("parse", name, m.median / baseline.median, "<= 4x", m.median / baseline.median <= 4)
        for name, m in measured.items()
    ]
    return {"measurements": [baseline, *measured.values()], "ratios": ratios}
