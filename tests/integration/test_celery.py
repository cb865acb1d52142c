"""The nightly pipeline under Airflow's CeleryExecutor with a local worker (issue 14, item 7).

The same configuration as the compose ``celery`` profile (docs/scaling.md): every Airflow
component with ``STO_AIRFLOW_EXECUTOR=CeleryExecutor``, the broker on 127.0.0.1 (Redis, else
RabbitMQ), the result backend in the metadata database, and one ``airflow celery worker``
process, on a queue of its own so no other worker on the same broker takes its tasks. A stack of
its own ($STO_HOME, warehouse, Airflow); the bundled sample through ``sto run``. Skipped with a
message where no broker answers.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from sto_warehouse import airflow_service, dbt_runner, incremental, orchestration, publish
from sto_warehouse.airflow_client import AirflowClient
from sto_warehouse.gates import candidate_gate
from tests.conftest import _make_env, schema_md5s

pytestmark = pytest.mark.pipeline

BROKERS = ("redis://127.0.0.1:6379/0", "amqp://guest:guest@127.0.0.1:5672//")


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=2) as sock:
            if parts.scheme != "redis":
                return True
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def reachable_broker() -> str | None:
    return next((url for url in BROKERS if _answers(url)), None)


@pytest.fixture(scope="module")
def celery_stack():
    broker = reachable_broker()
    if broker is None:
        pytest.skip(
            "no Celery broker on 127.0.0.1 (Redis :6379 or RabbitMQ :5672): the CeleryExecutor"
            " run needs one (docs/scaling.md)"
        )
    tmp = Path(tempfile.mkdtemp(prefix="sto-celery-"))
    stack = _make_env(tmp)
    queue = f"sto-test-{secrets.token_hex(4)}"
    stack.env.update(
        STO_AIRFLOW_EXECUTOR="CeleryExecutor", STO_CELERY_BROKER_URL=broker, STO_CELERY_QUEUE=queue
    )
    worker = None
    try:
        stack.run("up", "--no-portal", timeout=600)
        settings = stack.settings()
        log = (settings.logs / "airflow-celery-worker.log").open("ab")
        worker = subprocess.Popen(
            [
                airflow_service.airflow_bin(),
                "celery",
                "worker",
                "--queues",
                queue,
                "--concurrency",
                "2",
                "--skip-serve-logs",
            ],
            env={**os.environ, **airflow_service.airflow_env(settings)},
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=settings.home,
        )
        result = stack.run("run", "--timeout", "1800", check=False)
        yield stack, settings, queue, broker, result
    finally:
        if worker is not None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
        stack.run("down", check=False, timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)


def test_pipeline_runs_under_celery(celery_stack):
    stack, settings, queue, broker, result = celery_stack
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    with psycopg.connect(settings.admin_url) as conn:
        releases = conn.execute("select count(*) from audit.releases").fetchone()[0]
    assert releases >= 1, result.stdout[-3000:]
    client = AirflowClient.for_settings(settings)
    seen = 0
    for dag_id in orchestration.DAGS:
        for run in client.runs(dag_id, limit=20):
            for ti in client.task_instances(dag_id, run["dag_run_id"]):
                if ti.get("state") in (None, "skipped", "removed"):
                    continue
                # The scheduler marks an EmptyOperator (the ingest's night_outcome leaf) done
                # itself: no worker runs it, so it has no queue hop to check.
                if "EmptyOperator" in (ti.get("operator"), ti.get("operator_name")):
                    continue
                # The dbt node tasks start and end in the triggerer (dbt_watch): no worker
                # either; they must still have passed, reading the worker's dbt log.
                if ti["task_id"].startswith(orchestration.NODE_GROUP + "."):
                    assert ti["state"] == "success" and not ti.get("hostname"), ti
                    continue
                seen += 1
                # Every task went through the broker to the worker listening on this queue.
                assert ti.get("queue") == queue, (dag_id, ti["task_id"], ti.get("queue"))
                assert ti.get("hostname"), (dag_id, ti["task_id"], ti.get("operator"))
    assert seen > 5
    worker_log = (settings.logs / "airflow-celery-worker.log").read_text(errors="replace")
    assert queue in worker_log and "ready" in worker_log


def test_same_published_result_as_an_in_process_build(celery_stack):
    """What the Celery run published equals a full build of the same raw data in this process."""
    _, settings, _, _, result = celery_stack
    assert result.returncode == 0
    with psycopg.connect(settings.admin_url) as conn:
        through_celery = schema_md5s(conn, ("marts", "monitor"))
    incremental.start_candidate(settings, "celery-check", full=True)
    build = dbt_runner.run(
        settings, ["build", "--exclude", "resource_type:unit_test"], "celery-check", capture=True
    )
    assert build.returncode == 0, build.stdout[-5000:]
    summary = candidate_gate.run(settings, "celery-check")
    assert summary["passed"], summary["errors"]
    publish.publish(settings, "celery-check", summary)
    with psycopg.connect(settings.admin_url) as conn:
        in_process = schema_md5s(conn, ("marts", "monitor"))
    assert through_celery, "the Celery run published tables"
    assert {t for t in through_celery if through_celery[t] != in_process.get(t)} == set()
    assert set(through_celery) == set(in_process)
