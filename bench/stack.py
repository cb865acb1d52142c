"""A private warehouse + Airflow stack for benchmarks ($STO_HOME in a temporary folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

STO = str(Path(sys.executable).with_name("sto"))


class Stack:
    def __init__(self, home: Path | None = None, keep: bool = False, airflow: bool = True):
        self.home = home or Path(tempfile.mkdtemp(prefix="bench-sto-"))
        self.keep = keep
        self.airflow = airflow
        self.env = {**os.environ, "STO_HOME": str(self.home)}

    def sto(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([STO, *args], env=self.env, capture_output=True, text=True)
        if check and result.returncode != 0:
            raise RuntimeError(f"sto {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result

    def settings(self):
        from sto_warehouse import config

        return config.load_settings(self.home)

    def client(self):
        from sto_warehouse.airflow_client import AirflowClient

        return AirflowClient.for_settings(self.settings())

    def __enter__(self) -> Stack:
        self.sto("up") if self.airflow else self.sto("up", "--no-airflow")
        return self

    def __exit__(self, *exc) -> None:
        self.sto("down", check=False)
        if not self.keep:
            shutil.rmtree(self.home, ignore_errors=True)


def duration(ti: dict) -> float:
    start = datetime.fromisoformat(ti["start_date"])
    end = datetime.fromisoformat(ti["end_date"])
    return (end - start).total_seconds()


def dbt_step(tis: list[dict]) -> float:
    from sto_warehouse.orchestration import NODE_GROUP

    """The dbt step as Airflow runs it: from the first start to the last end of `dbt_build` and
    every `dbt_nodes.*` task (each node of the build reported as its own task)."""
    step = [
        ti
        for ti in tis
        if (ti["task_id"] == "dbt_build" or ti["task_id"].startswith(NODE_GROUP + "."))
        and ti.get("start_date")
        and ti.get("end_date")
    ]
    start = min(datetime.fromisoformat(ti["start_date"]) for ti in step)
    end = max(datetime.fromisoformat(ti["end_date"]) for ti in step)
    return (end - start).total_seconds()


def run_duration(run: dict) -> float:
    return duration(run)


def wait_run(client, dag_id: str, run_id: str, timeout: float = 1800) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.run(dag_id, run_id)
        if run["state"] in ("success", "failed"):
            return run
        time.sleep(1)
    raise TimeoutError(f"{dag_id} {run_id}")
