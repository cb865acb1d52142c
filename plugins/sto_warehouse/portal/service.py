"""The portal as a background process of `sto up` (like Airflow's components): uvicorn started
through `sto portal serve`, its pid and log in ``$STO_HOME``, healthy when ``/gezond`` answers
(that needs the warehouse and the ``portal`` role)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sto_warehouse.airflow_service import _alive  # one liveness check for our processes
from sto_warehouse.config import Settings

COMMAND = ("portal", "serve")  # `sto portal serve`: here in the background, in compose in front


def pidfile(settings: Settings) -> Path:
    return settings.run_dir / "portal.pid"


def logfile(settings: Settings) -> Path:
    return settings.logs / "portal.log"


def pid(settings: Settings) -> int | None:
    path = pidfile(settings)
    try:
        found = int(path.read_text().strip())
    except (OSError, ValueError):
        return None
    return found if _alive(found) else None


def environment(settings: Settings) -> dict[str, str]:
    """The server's environment: ours, with this Settings' explicit values (tests' database,
    landing folder, role prefix) and $STO_HOME."""
    return {**os.environ, **settings.overrides, "STO_HOME": str(settings.home)}


def healthy(settings: Settings) -> bool:
    url = f"http://127.0.0.1:{settings.portal_port}/gezond"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def start(settings: Settings, timeout: float = 90, echo=print) -> bool:
    """Start the portal unless it runs; wait until it answers. True when it was started."""
    if pid(settings):
        wait_healthy(settings, timeout)
        return False
    if not _port_free(settings.portal_host, settings.portal_port):
        # Another program (or another $STO_HOME's portal) holds the port: answering /gezond it
        # would pass for ours.
        raise RuntimeError(
            f"port {settings.portal_port} on {settings.portal_host} is in use by another"
            f" program: set STO_PORTAL_PORT in {settings.env_file} to a free port"
        )
    settings.run_dir.mkdir(parents=True, exist_ok=True)
    settings.logs.mkdir(parents=True, exist_ok=True)
    log = logfile(settings).open("ab")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("sto")), *COMMAND],
        env=environment(settings),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        cwd=settings.home,
    )
    pidfile(settings).write_text(str(process.pid))
    echo(f"started the portal (pid {process.pid}, log {log.name})")
    wait_healthy(settings, timeout)
    return True


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def wait_healthy(settings: Settings, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not pid(settings):
            tail = (
                logfile(settings).read_text(errors="replace")[-2500:]
                if logfile(settings).exists()
                else ""
            )
            raise RuntimeError(f"the portal exited; last lines of {logfile(settings)}:\n{tail}")
        if healthy(settings):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the portal did not answer on /gezond within {timeout:.0f}s")


def stop(settings: Settings, timeout: float = 20) -> bool:
    """Stop the portal (its whole process group: uvicorn and its workers)."""
    found = pid(settings)
    if found is None:
        pidfile(settings).unlink(missing_ok=True)
        return False
    try:
        os.killpg(found, signal.SIGTERM)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while _alive(found) and time.monotonic() < deadline:
        time.sleep(0.2)
    if _alive(found):
        try:
            os.killpg(found, signal.SIGKILL)
        except ProcessLookupError:
            pass
    pidfile(settings).unlink(missing_ok=True)
    return True


def serve(settings: Settings) -> None:
    """Run the portal in the foreground (`sto portal serve`; the compose service)."""
    import uvicorn

    workers = int(settings.get("STO_PORTAL_WORKERS", "2") or 2)
    uvicorn.run(
        "sto_warehouse.portal.app:create_app_from_env",
        factory=True,
        host=settings.portal_host,
        port=settings.portal_port,
        workers=workers,
        proxy_headers=True,
        # Only the reverse proxy may say who the client is (X-Forwarded-For/-Proto).
        forwarded_allow_ips=settings.get("STO_PORTAL_TRUSTED_PROXIES", "127.0.0.1"),
        server_header=False,
        access_log=False,
        timeout_keep_alive=5,
        log_level="info",
    )
