"""Security: no secret in the repository, the embedded warehouse listens on 127.0.0.1 only and
refuses TCP logins without the password, the readers read only what is published."""

from __future__ import annotations

import os
import re
import socket
import subprocess
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from sto_warehouse import embedded

REPO = Path(__file__).resolve().parents[2]

# What a committed secret looks like (values, not variable names).
SECRET_PATTERNS = [
    re.compile(r"-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),
    re.compile(
        r"(?i)(password|passwd|secret|token|api_key|fernet_key)\s*[:=]\s*['\"]"
        r"(?!\$\{|\{\{|<|\*|x['\"]|changeme)[^'\"\s]{8,}['\"]"
    ),
    # (a placeholder such as <password>, ***, ${VAR} or {var} is not a secret)
    re.compile(r"postgres(ql)?(\+\w+)?://[^:/\s'\"{}$]+:(?!\*\*\*|\$\{|\{|<)[^@/\s'\"{}$]{6,}@"),
]
ALLOWED = {"requirements.lock"}  # hashes, not secrets


def tracked_files() -> list[Path]:
    out = subprocess.run(["git", "-C", str(REPO), "ls-files"], capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git work tree")
    return [REPO / line for line in out.stdout.splitlines() if line]


def test_no_secret_or_password_is_tracked():
    findings = []
    for path in tracked_files():
        if path.name in ALLOWED or not path.is_file() or path.suffix in (".png", ".xlsx"):
            continue
        if path.name == ".env" or path.name.endswith(".env") and path.name != "sample.env":
            findings.append(f"{path}: an .env file is tracked")
            continue
        text = path.read_text(errors="ignore")
        for pattern in SECRET_PATTERNS:
            for match in pattern.finditer(text):
                findings.append(f"{path.relative_to(REPO)}: {match.group(0)[:60]}")
    assert findings == []


def test_secret_scan_would_catch_a_password():
    # Assembled at run time so that this file does not itself match the scan.
    secret = "hunter2" * 2
    sample = "password" + f' = "{secret}"\nurl = "postgresql://loader:{secret}@db:5432/sto"'
    assert sum(1 for p in SECRET_PATTERNS if p.search(sample)) == 2


def test_generated_secrets_file_is_private(settings):
    assert settings.env_file.exists()
    assert settings.env_file.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(bool(os.environ.get("WAREHOUSE_URL")), reason="checks the embedded server")
def test_embedded_warehouse_listens_on_loopback_only_and_needs_a_password(settings):
    with psycopg.connect(settings.admin_url) as conn:
        listen = conn.execute("show listen_addresses").fetchone()[0]
        sockets = conn.execute("show unix_socket_directories").fetchone()[0]
        hba = conn.execute(
            "select type, address, auth_method from pg_hba_file_rules where error is null"
        ).fetchall()
    assert listen == "127.0.0.1"
    assert sockets == ""
    assert hba == [("host", "127.0.0.1", "scram-sha-256")]
    port = settings.target.port
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(
            host="127.0.0.1",
            port=port,
            user=settings.role("bi_reader"),
            dbname=settings.database,
            connect_timeout=5,
        )
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(
            host="127.0.0.1",
            port=port,
            user=settings.role("bi_reader"),
            password="wrong",
            dbname=settings.database,
            connect_timeout=5,
        )
    # Not reachable on any other address of this machine.
    addresses = {
        info[4][0]
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not info[4][0].startswith("127.")
    }
    for address in addresses:
        with socket.socket() as sock:
            sock.settimeout(2)
            assert sock.connect_ex((address, port)) != 0, f"port {port} open on {address}"


def test_readers_cannot_read_unpublished_schemas_or_write(settings):
    with psycopg.connect(settings.transformer_url, autocommit=True) as conn:
        conn.execute("create schema if not exists marts__wap")  # as dbt would: owned by it
    for role in ("bi_reader", "researcher"):
        with psycopg.connect(settings.url_for(role), autocommit=True) as conn:
            for statement in (
                "select 1 from raw.duo_vo_vestigingen limit 1",
                "select 1 from audit.loads limit 1",
                "create table marts__wap.x (a int)",
                "create schema intruder",
                "create table raw.x (a int)",
            ):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)


def test_home_stays_private_but_traversable_for_the_embedded_server(tmp_path):
    """$STO_HOME is 0700 plus, once the embedded server's user was given it, the traverse bit:
    a later `sto` command must not take it away (the server's next checkpoint would PANIC)."""
    from sto_warehouse import config

    home = tmp_path / "home"
    settings = config.ensure_generated(config.Settings(home=home, env={}, overrides={}))
    assert home.stat().st_mode & 0o777 == 0o700
    home.chmod(0o701)  # what embedded._allow_traverse does when running as root
    config.ensure_generated(settings)
    assert home.stat().st_mode & 0o777 == 0o701


@pytest.mark.skipif(bool(os.environ.get("WAREHOUSE_URL")), reason="checks the embedded server")
def test_embedded_warehouse_runs_without_replication_wal(settings):
    """The loader's CREATE pending + COPY in one transaction skips WAL only at wal_level=minimal
    (docs/architecture.md); a bigger max_wal_size keeps the nightly COPYs from forcing
    checkpoints. docker-compose.yml's warehouse runs with the same settings."""
    with psycopg.connect(settings.admin_url) as conn:
        shown = {
            name: conn.execute(sql.SQL("show {}").format(sql.Identifier(name))).fetchone()[0]
            for name in embedded.START_SETTINGS
        }
    assert shown == {"wal_level": "minimal", "max_wal_senders": "0", "max_wal_size": "4GB"}
    assert shown == embedded.START_SETTINGS
