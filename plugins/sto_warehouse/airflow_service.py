"""Airflow 3 on this machine: metadata database, components in the background, health.

Tasks in Airflow 3 talk to the API server, so a scheduler alone fails every task (DESIGN §7). We
run the same components as ``airflow standalone`` (api-server, scheduler, dag-processor,
triggerer) as separate background processes, each with its own log and pid file under
``$STO_HOME``, all with one environment built here: the same JWT secret, API secret and Fernet key
(DESIGN §8), the embedded PostgreSQL as metadata database, LocalExecutor, Europe/Amsterdam.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sto_warehouse.airflow_client import AirflowClient
from sto_warehouse.config import Settings

COMPONENTS = ("api-server", "scheduler", "dag-processor", "triggerer")


def airflow_bin() -> str:
    return str(Path(sys.executable).with_name("airflow"))


def airflow_env(settings: Settings) -> dict[str, str]:
    """The one environment every Airflow component (and so every task) runs with."""
    home = settings.airflow_home
    base_url = settings.airflow_base_url
    target = settings.target
    transformer = target.url(settings.role("transformer"), settings.role_password("transformer"))
    env = {
        "STO_HOME": str(settings.home),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.dags_folder),
        "AIRFLOW__CORE__PLUGINS_FOLDER": str(settings.repo / "plugins"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__EXECUTOR": settings.get("STO_AIRFLOW_EXECUTOR") or "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": settings.get("STO_AIRFLOW_PARALLELISM", "4") or "4",
        "AIRFLOW__CORE__DEFAULT_TIMEZONE": "Europe/Amsterdam",
        # Paused until `sto run` (or an operator) unpauses them: a new nightly DAG otherwise runs
        # its most recent slot at once, racing the first `sto run`.
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "True",
        "AIRFLOW__CORE__FERNET_KEY": settings.require("STO_AIRFLOW_FERNET_KEY"),
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base_url}/execution/",
        "AIRFLOW__CORE__AUTH_MANAGER": (
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"
        ),
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{settings.airflow_user}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(home / "passwords.json"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": settings.airflow_db_url,
        "AIRFLOW__API__HOST": "127.0.0.1",
        "AIRFLOW__API__PORT": str(settings.airflow_port),
        "AIRFLOW__API__BASE_URL": base_url,
        "AIRFLOW__API__WORKERS": "1",
        "AIRFLOW__API__SECRET_KEY": settings.require("STO_AIRFLOW_API_SECRET_KEY"),
        "AIRFLOW__API_AUTH__JWT_SECRET": settings.require("STO_AIRFLOW_JWT_SECRET"),
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "30",
        "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "30",
        "AIRFLOW__LOGGING__BASE_LOG_FOLDER": str(home / "logs"),
        "AIRFLOW__COSMOS__CACHE_DIR": str(settings.dbt_runs / "cosmos-cache"),
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        "DO_NOT_TRACK": "1",
        "SCARF_NO_ANALYTICS": "true",
        # dbt connects as the transformer role (least privilege); connections as AIRFLOW_CONN_*.
        "AIRFLOW_CONN_STO_TRANSFORMER": transformer,
    }
    if env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor":
        # The compose `celery` profile (docs/scaling.md): tasks go through the broker to
        # `airflow celery worker` processes; results in the metadata database.
        env["AIRFLOW__CELERY__BROKER_URL"] = settings.require("STO_CELERY_BROKER_URL")
        env["AIRFLOW__CELERY__RESULT_BACKEND"] = "db+" + settings.airflow_db_url
        env["AIRFLOW__OPERATORS__DEFAULT_QUEUE"] = settings.get("STO_CELERY_QUEUE") or "default"
    extra = settings.get("STO_EXTRA_DAG_FOLDER")
    if extra:
        # A second DAG bundle beside the project's DAGs (the benchmarks' trivial reference DAG).
        env["AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST"] = json.dumps(
            [
                {
                    "name": "dags-folder",
                    "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle",
                    "kwargs": {},
                },
                {
                    "name": "extra",
                    "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle",
                    "kwargs": {"path": extra},
                },
            ]
        )
    for key in (
        "WAREHOUSE_URL",
        "AIRFLOW_DATABASE_URL",
        "STO_DATABASE",
        "STO_ROLE_PREFIX",
        "STO_AS_OF",
        "STO_LANDING_DIR",
        "STO_ALERT_WEBHOOK_URL",
        "STO_ALERT_EMAIL_TO",
        "STO_SMTP_HOST",
        "STO_SMTP_PORT",
        "STO_ALERT_EMAIL_FROM",
    ):
        value = settings.get(key)
        if value:
            env[key] = value
    return env


def _pidfile(settings: Settings, component: str) -> Path:
    return settings.run_dir / f"airflow-{component}.pid"


def _logfile(settings: Settings, component: str) -> Path:
    return settings.logs / f"airflow-{component}.log"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        status = Path(f"/proc/{pid}/stat").read_text().split()[2]
        return status != "Z"
    except OSError:
        return True


def component_pid(settings: Settings, component: str) -> int | None:
    path = _pidfile(settings, component)
    if not path.exists():
        return None
    try:
        pid = int(path.read_text().strip())
    except ValueError:
        return None
    return pid if _alive(pid) else None


def running_components(settings: Settings) -> list[str]:
    return [c for c in COMPONENTS if component_pid(settings, c)]


def write_password(settings: Settings) -> None:
    home = settings.airflow_home
    home.mkdir(parents=True, exist_ok=True)
    path = home / "passwords.json"
    body = json.dumps({settings.airflow_user: settings.require("STO_AIRFLOW_ADMIN_PASSWORD")})
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(body)


def run_airflow(settings: Settings, args: list[str], **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, **airflow_env(settings)}
    return subprocess.run([airflow_bin(), *args], env=env, **kwargs)


def migrate(settings: Settings) -> None:
    settings.logs.mkdir(parents=True, exist_ok=True)
    with _logfile(settings, "db-migrate").open("a") as log:
        result = run_airflow(settings, ["db", "migrate"], stdout=log, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"`airflow db migrate` failed; see {_logfile(settings, 'db-migrate')}")


def start(settings: Settings, timeout: float = 180, echo=print) -> None:
    """Start whatever component is not running, then wait until the API reports healthy."""
    missing = [c for c in COMPONENTS if not component_pid(settings, c)]
    if missing:
        settings.run_dir.mkdir(parents=True, exist_ok=True)
        settings.logs.mkdir(parents=True, exist_ok=True)
        write_password(settings)
        if "api-server" in missing or "scheduler" in missing:
            echo("migrating the Airflow metadata database …")
            migrate(settings)
        env = {**os.environ, **airflow_env(settings)}
        for component in missing:
            log = _logfile(settings, component).open("ab")
            process = subprocess.Popen(
                [airflow_bin(), component],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=settings.home,
            )
            _pidfile(settings, component).write_text(str(process.pid))
            echo(f"started airflow {component} (pid {process.pid}, log {log.name})")
    wait_healthy(settings, timeout)
    # The pool of the submissions DAG's per-file tasks (issue 4); a task in a missing pool
    # would never be scheduled.
    from sto_warehouse.submissions.orchestration import ensure_pool

    ensure_pool(AirflowClient.for_settings(settings))


def wait_healthy(settings: Settings, timeout: float = 180) -> dict:
    client = AirflowClient.for_settings(settings)
    deadline = time.monotonic() + timeout
    last: dict | str = "no answer"
    while time.monotonic() < deadline:
        dead = [c for c in COMPONENTS if not component_pid(settings, c)]
        if dead:
            tail = ""
            log = _logfile(settings, dead[0])
            if log.exists():
                tail = log.read_text(errors="replace")[-2500:]
            raise RuntimeError(f"airflow {dead[0]} exited; last lines of {log}:\n{tail}")
        try:
            health = client.health()
        except OSError as exc:
            last = str(exc)
            time.sleep(1)
            continue
        last = health
        parts = ("metadatabase", "scheduler", "dag_processor", "triggerer")
        if all((health.get(p) or {}).get("status") == "healthy" for p in parts):
            return health
        time.sleep(1)
    raise RuntimeError(f"Airflow did not become healthy within {timeout:.0f}s: {last}")


def stop(settings: Settings, timeout: float = 30) -> list[str]:
    stopped = []
    for component in COMPONENTS:
        pid = component_pid(settings, component)
        if pid is None:
            _pidfile(settings, component).unlink(missing_ok=True)
            continue
        try:
            os.killpg(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        stopped.append(component)
    deadline = time.monotonic() + timeout
    for component in stopped:
        pid = int(_pidfile(settings, component).read_text())
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _alive(pid):
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        _pidfile(settings, component).unlink(missing_ok=True)
    return stopped
