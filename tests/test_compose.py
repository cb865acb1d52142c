"""docker-compose.yml reads the same configuration as the code (DESIGN §8), without Docker.

No Docker engine here (and usually no compose plugin), so the file is checked as data: every
variable the package reads is set for every Airflow service, the values match what
``airflow_service.airflow_env()`` computes, secrets only come from ``${VAR:?}``, and every bind
mount exists. ``docker compose config`` runs too where the compose plugin is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from sto_warehouse import airflow_service, config, migrate

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
DOCKERFILE = REPO / "docker" / "Dockerfile"
INIT_SCRIPT = REPO / "docker" / "init.sh"
MAKE_ENV = REPO / "docker" / "make-env.sh"
PACKAGE_SOURCES = [
    *sorted((REPO / "plugins" / "sto_warehouse").rglob("*.py")),
    *sorted((REPO / "dags").glob("*.py")),
    *sorted((REPO / "expectations").rglob("*.py")),
]
# Where docker/Dockerfile puts the repository; config.REPO_ROOT is this path in the containers.
CONTAINER_REPO = "/opt/sto"

# Variables the code reads that the containers may leave unset, each with the reason.
OPTIONAL = {
    # Path overrides: the defaults (folders in $STO_HOME, the named volume) are what compose wants.
    "STO_LANDING_DIR",
    "STO_ARCHIVE_DIR",
    "STO_QUARANTINE_DIR",
    "STO_FEEDBACK_DIR",
    "STO_REPORTS_DIR",
    "STO_DATADOCS_DIR",
    "STO_DBT_RUNS_DIR",
    # Injectable as-of date for tests and reruns; unset means today (forwarded when set).
    "STO_AS_OF",
    # Test isolation on a shared server; defaults to no prefix (forwarded when set).
    "STO_ROLE_PREFIX",
    # The database name comes from the WAREHOUSE_URL path (sto) when this is unset.
    "STO_DATABASE",
    # Only used to find a default $STO_HOME; compose sets STO_HOME.
    "XDG_DATA_HOME",
    # Port of the embedded warehouse; with WAREHOUSE_URL it is never read.
    "STO_PG_PORT",
    # Defaults to admin (forwarded when set).
    "STO_AIRFLOW_ADMIN_USER",
    # Defaults to 4; compose maps it onto AIRFLOW__CORE__PARALLELISM directly.
    "STO_AIRFLOW_PARALLELISM",
    # Failure alerts are off unless configured (forwarded when set).
    "STO_ALERT_WEBHOOK_URL",
    "STO_ALERT_EMAIL_TO",
    "STO_ALERT_EMAIL_FROM",
    "STO_SMTP_HOST",
    "STO_SMTP_PORT",
    # Benchmarks only: a second DAG bundle with the trivial reference DAG.
    "STO_EXTRA_DAG_FOLDER",
    # The portal's listening address, public https address and trusted proxies: set on the
    # portal service only (the defaults, loopback and plain http, are for `sto up`).
    "STO_PORTAL_HOST",
    "STO_PORTAL_PUBLIC_URL",
    "STO_PORTAL_TRUSTED_PROXIES",
    # Defaults: 2 server workers; a region sees only its own monitor page.
    "STO_PORTAL_WORKERS",
    "STO_PORTAL_MONITOR_REGIONS",
}
# Optional keys airflow_env() passes through that compose deliberately does not forward.
NOT_FORWARDED = {
    # Benchmarks only (STO_EXTRA_DAG_FOLDER): a second DAG bundle.
    "AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST",
    # Would need the database name in WAREHOUSE_URL, the connection and POSTGRES_DB changed too.
    "STO_DATABASE",
    # The landing folder is in the sto-home volume; another path would not be mounted.
    "STO_LANDING_DIR",
}
# airflow_env() values that are different in containers on purpose.
CONTAINER_VALUES = {
    # Listen on the container network, not on loopback.
    "AIRFLOW__API__HOST": "0.0.0.0",
    # Tasks reach the API server by its service name.
    "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": "http://airflow-apiserver:8080/execution/",
    # What the browser on the host uses (the published port).
    "AIRFLOW__API__BASE_URL": "http://localhost:${STO_AIRFLOW_PUBLISH_PORT:-8080}",
}

LOOKUP = re.compile(
    r"""(?:\b(?:settings|self)\.(?:get|require|path)\(\s*   # Settings lookups
          |os\.environ\.get\(\s*|os\.getenv\(\s*|os\.environ\[\s*)
        ["']([A-Z][A-Z0-9_]*)["']""",
    re.VERBOSE,
)
# Lookups with a computed name: each must be one the test knows how to expand.
DYNAMIC_LOOKUP = re.compile(
    r"""\b(?:settings|self)\.(?:get|require)\(\s*f["'][^"']*["']|os\.environ\.get\(\s*f["']"""
)
KNOWN_DYNAMIC = {'self.require(f"STO_{name.upper()}_PASSWORD"'}
INTERPOLATION = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def airflow_services(compose: dict) -> dict[str, dict]:
    """Services built from the x-airflow-common anchor (merged in by the YAML loader)."""
    common = compose["x-airflow-common"]
    services = {
        name: svc
        for name, svc in compose["services"].items()
        if svc.get("build") == common["build"] and svc.get("image") == common["image"]
    }
    assert {
        "airflow-init",
        "airflow-apiserver",
        "airflow-scheduler",
        "airflow-dag-processor",
        "airflow-triggerer",
        "portal",
    } <= set(services)
    return services


@pytest.fixture
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings prefer os.environ; keep the developer's own variables out of these tests."""
    for key in list(os.environ):
        if key.startswith(("STO_", "AIRFLOW", "WAREHOUSE_URL", "XDG_DATA_HOME")):
            monkeypatch.delenv(key)


def required_variables() -> set[str]:
    return {name for name, kind in compose_text_variables().items() if kind == "?"}


def compose_text_variables() -> dict[str, str]:
    """Every ${VAR...} in docker-compose.yml and its operator ('?', '-' or '')."""
    found: dict[str, str] = {}
    lines = COMPOSE.read_text(encoding="utf-8").splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    text = text.replace("$$", "")
    for name, op, _ in INTERPOLATION.findall(text):
        kind = op[-1] if op else ""
        if found.get(name, kind) != kind:
            raise AssertionError(f"${{{name}}} is used with different operators (none, :- or :?)")
        found[name] = kind
    return found


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's interpolation, enough for this file: ${V}, ${V:-default}, ${V:?message}, $$."""

    def substitute(match: re.Match) -> str:
        name, op, arg = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if op and op.endswith("-"):
            return arg
        if op and op.endswith("?"):
            raise KeyError(f"{name}: {arg}")
        return ""

    parts = str(value).split("$$")
    return "$".join(INTERPOLATION.sub(substitute, part) for part in parts)


def dummy_values() -> dict[str, str]:
    """URL-safe stand-ins for every variable the file requires."""
    return {name: f"dummy{i}x{name.lower()}" for i, name in enumerate(sorted(required_variables()))}


def scanned_lookups() -> set[str]:
    """Environment/Settings keys the package source reads by literal name."""
    keys: set[str] = set()
    for path in PACKAGE_SOURCES:
        text = path.read_text(encoding="utf-8")
        keys.update(LOOKUP.findall(text))
        for match in DYNAMIC_LOOKUP.finditer(text):
            assert match.group(0) in KNOWN_DYNAMIC, (
                f"{path.relative_to(REPO)}: `{match.group(0)}` reads a computed variable name;"
                " teach tests/test_compose.py which names it can take"
            )
            if "_PASSWORD" in match.group(0):
                keys.update(f"STO_{name.upper()}_PASSWORD" for name in migrate.LOGIN_ROLES)
    return keys


def generated_airflow_env(tmp_path: Path) -> dict[str, str]:
    settings = config.ensure_generated(
        config.load_settings(tmp_path, WAREHOUSE_URL="postgresql://postgres:x@warehouse:5432/sto")
    )
    return airflow_service.airflow_env(settings)


def passthrough_keys(tmp_path: Path) -> set[str]:
    """Optional keys airflow_env() forwards when they are set."""
    base = set(generated_airflow_env(tmp_path))
    overrides = {key: "x" for key in OPTIONAL}
    overrides["WAREHOUSE_URL"] = "postgresql://postgres:x@warehouse:5432/sto"
    settings = config.ensure_generated(config.load_settings(tmp_path, **overrides))
    return set(airflow_service.airflow_env(settings)) - base


# -- 1. every variable the code reads is set --------------------------------------------------


def test_every_variable_the_code_reads_is_set(clean_environ, tmp_path, airflow_services):
    from_airflow_env = set(generated_airflow_env(tmp_path))
    scanned = scanned_lookups()
    # The scan must see the basics, or the regex has gone stale.
    assert {"WAREHOUSE_URL", "STO_HOME", "STO_TRANSFORMER_PASSWORD"} <= scanned
    required = (from_airflow_env | scanned) - OPTIONAL
    for name, service in airflow_services.items():
        missing = sorted(required - set(service.get("environment") or {}))
        assert not missing, f"{name} does not set {missing}"


def test_optional_list_is_not_stale(clean_environ, tmp_path):
    known = scanned_lookups() | passthrough_keys(tmp_path)
    assert not OPTIONAL - known, f"OPTIONAL names keys the code no longer reads: {OPTIONAL - known}"


def test_optional_passthrough_keys_are_forwarded(clean_environ, tmp_path, airflow_services):
    forwarded = passthrough_keys(tmp_path) - NOT_FORWARDED - {"WAREHOUSE_URL"}
    for name, service in airflow_services.items():
        env = service["environment"]
        missing = sorted(forwarded - set(env))
        assert not missing, f"{name} does not forward {missing}"
        for key in forwarded:
            # `${KEY:-}`: unset stays empty, which Settings treats as unset.
            assert env[key] == f"${{{key}:-}}", (name, key)


def test_values_match_airflow_env(clean_environ, airflow_services):
    """The literal entries are what airflow_env() computes from the same settings."""
    dummies = dummy_values()
    for name, service in airflow_services.items():
        env = {k: interpolate(v, dummies) for k, v in service["environment"].items()}
        settings = config.load_settings(env["STO_HOME"], **{k: v for k, v in env.items() if v})
        expected = {
            key: value.replace(str(config.REPO_ROOT), CONTAINER_REPO)
            for key, value in airflow_service.airflow_env(settings).items()
        }
        for key, value in expected.items():
            if key in CONTAINER_VALUES:
                assert service["environment"][key] == CONTAINER_VALUES[key], (name, key)
            else:
                assert env.get(key) == value, f"{name}: {key}={env.get(key)!r}, code: {value!r}"


def test_container_paths_are_the_mount_targets(airflow_services):
    for name, service in airflow_services.items():
        env = service["environment"]
        targets = {
            volume.split(":")[1]
            for volume in service["volumes"]
            if isinstance(volume, str) and volume.startswith("./")
        }
        assert env["AIRFLOW__CORE__DAGS_FOLDER"] in targets, name
        assert env["AIRFLOW__CORE__PLUGINS_FOLDER"] in targets, name
        assert f"{CONTAINER_REPO}/dbt_project" in targets, name
        assert f"{CONTAINER_REPO}/expectations" in targets, name
        home_volume = [v for v in service["volumes"] if v.split(":")[1] == env["STO_HOME"]]
        assert home_volume and not home_volume[0].startswith(("/", ".")), (
            f"{name}: $STO_HOME must be a named volume"
        )


# -- 2. secrets --------------------------------------------------------------------------------


def _is_secret_key(key: str) -> bool:
    return any(word in key for word in ("PASSWORD", "SECRET", "KEY")) and not key.endswith("_FILE")


# Secrets a user may leave unset (an optional SMTP login): empty default, never a literal.
OPTIONAL_SECRETS = {"STO_SMTP_PASSWORD"}


def test_no_literal_secrets(compose):
    dummies = dummy_values()
    for name, service in compose["services"].items():
        for key, value in (service.get("environment") or {}).items():
            value = str(value)
            if key in OPTIONAL_SECRETS:
                assert value == f"${{{key}:-}}", f"{name}: {key} must be ${{{key}:-}}"
            elif _is_secret_key(key):
                assert re.fullmatch(r"\$\{[A-Z0-9_]+:\?[^}]*\}", value), (
                    f"{name}: {key} must be ${{VAR:?message}}, not a literal"
                )
            # Credentials inside URLs: the password must come from a required variable too.
            resolved = interpolate(value, dummies)
            if "://" in resolved and "@" in resolved:
                password = urlsplit(resolved).password
                assert password and unquote(password) in dummies.values(), (
                    f"{name}: {key} has a literal password in its URL"
                )


def test_secret_variables_are_required_and_generated():
    variables = compose_text_variables()
    secrets = {name for name in variables if _is_secret_key(name)} - OPTIONAL_SECRETS
    expected = set(config.GENERATED_SECRETS) | {"STO_AIRFLOW_FERNET_KEY"}
    assert secrets == expected
    assert all(variables[name] == "?" for name in secrets), "secrets must use ${VAR:?message}"
    # docker/make-env.sh writes every one of them.
    script = MAKE_ENV.read_text(encoding="utf-8")
    assert not [name for name in expected if name not in script]
    # Nothing the file requires is left for the user to invent.
    assert required_variables() == expected


def test_no_secret_gets_into_the_image():
    ignore = (REPO / "docker" / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignore and ".venv" in ignore


# -- 3. mounts and build ------------------------------------------------------------------------


def test_bind_mounts_and_build_files_exist(compose):
    for name, service in compose["services"].items():
        for volume in service.get("volumes") or []:
            if isinstance(volume, str):
                source = volume.split(":")[0]
                bind = source.startswith((".", "/", "~", "$"))
            else:
                source, bind = volume.get("source", ""), volume.get("type") == "bind"
            if bind:
                assert source.startswith("./"), f"{name}: {source} is not inside the repository"
                assert (REPO / source).is_dir(), f"{name}: {source} does not exist in the repo"
            else:
                assert source in compose["volumes"], f"{name}: undeclared volume {source}"
        build = service.get("build")
        if build:
            assert (REPO / build["context"] / build["dockerfile"]).is_file()


def test_image_is_built_from_the_lock():
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert "--require-hashes -r requirements.lock" in text
    assert "pip install --no-deps -e ." in text
    assert "compileall" in text
    compose = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    for name, service in compose["services"].items():
        assert "_PIP_ADDITIONAL_REQUIREMENTS" not in (service.get("environment") or {}), name
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^apache-airflow==3\.3\.2 ", lock, re.MULTILINE)


# -- 4. the Airflow set-up ----------------------------------------------------------------------


def test_airflow_services(compose, airflow_services):
    services = compose["services"]
    for name, service in airflow_services.items():
        env = service["environment"]
        assert interpolate(env["AIRFLOW__CORE__EXECUTOR"], {}) == "LocalExecutor", name
        executor = interpolate(
            env["AIRFLOW__CORE__EXECUTOR"], {"STO_AIRFLOW_EXECUTOR": "CeleryExecutor"}
        )
        assert executor == "CeleryExecutor", "the celery profile switches every service"
        if name != "airflow-init":
            condition = service["depends_on"]["airflow-init"]["condition"]
            assert condition == "service_completed_successfully", name
    commands = {name: services[name]["command"] for name in airflow_services}
    assert commands["airflow-apiserver"] == ["airflow", "api-server"]
    assert commands["airflow-scheduler"] == ["airflow", "scheduler"]
    assert commands["airflow-dag-processor"] == ["airflow", "dag-processor"]
    assert commands["airflow-triggerer"] == ["airflow", "triggerer"]
    health = " ".join(services["airflow-apiserver"]["healthcheck"]["test"])
    assert "localhost:8080/api/v2/monitor/health" in health
    assert any(port.endswith(":8080") for port in services["airflow-apiserver"]["ports"])
    init = INIT_SCRIPT.read_text(encoding="utf-8")
    assert "sto db upgrade" in init and "airflow db migrate" in init
    assert "write_password" in init
    assert "refresh_node_graph" in init  # the transform DAG's dbt_nodes, as `sto up` writes them


def test_portal_service_runs_the_code_sto_up_runs(compose, airflow_services):
    """The portal service: `sto portal serve` (what `sto up` starts) with the common settings,
    listening on the container network, published on loopback, healthy on /gezond, after the
    init service created its role."""
    from sto_warehouse.portal import service

    portal = airflow_services["portal"]
    assert portal["command"] == ["sto", *service.COMMAND]
    env = portal["environment"]
    assert env["STO_PORTAL_HOST"] == "0.0.0.0"
    assert env["STO_PORTAL_PORT"] == "8090"
    assert all(port.startswith("127.0.0.1:") and port.endswith(":8090") for port in portal["ports"])
    assert "localhost:8090/gezond" in " ".join(portal["healthcheck"]["test"])
    assert portal["depends_on"]["warehouse"]["condition"] == "service_healthy"
    # The same settings the code reads: a portal started from this environment finds them all.
    settings = config.load_settings(
        "/opt/sto/home", **{k: interpolate(v, dummy_values()) for k, v in env.items()}
    )
    assert settings.portal_host == "0.0.0.0" and settings.portal_port == 8090
    assert settings.portal_url == "http://localhost:8090"
    assert settings.role_password("portal") and settings.require("STO_PORTAL_SECRET_KEY")
    assert "sto portal serve" in " ".join([service.__doc__ or "", service.serve.__doc__ or ""])


def test_warehouse_and_metadata_database_are_separate(compose, airflow_services):
    services = compose["services"]
    warehouse, metadata = services["warehouse"], services["airflow-db"]
    for service in (warehouse, metadata):
        assert re.fullmatch(r"postgres:1[67](\.\d+)?", service["image"])
        assert "pg_isready" in " ".join(service["healthcheck"]["test"])
    assert warehouse["volumes"][0].split(":")[0] != metadata["volumes"][0].split(":")[0]
    for name, service in airflow_services.items():
        env = service["environment"]
        assert "@warehouse:5432/" in env["WAREHOUSE_URL"], name
        assert "@warehouse:5432/" in env["AIRFLOW_CONN_STO_TRANSFORMER"], name
        assert "@airflow-db:5432/" in env["AIRFLOW_DATABASE_URL"], name
        # Settings.airflow_db_url returns AIRFLOW_DATABASE_URL: Airflow must use the same one.
        assert env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] == env["AIRFLOW_DATABASE_URL"], name
        assert {"warehouse", "airflow-db"} <= set(service["depends_on"]), name


def test_warehouse_server_settings_are_the_embedded_ones(compose):
    """The compose warehouse runs with the settings the embedded warehouse starts with."""
    from sto_warehouse import embedded

    command = compose["services"]["warehouse"]["command"]
    settings = dict(command[i + 1].split("=", 1) for i, part in enumerate(command) if part == "-c")
    assert embedded.START_SETTINGS.items() <= settings.items()


# -- 5. docker compose itself, where it is installed -----------------------------------------


def compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin), else a standalone `docker-compose` of version 2."""
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run(
            [docker, "compose", "version"], capture_output=True, text=True, timeout=60
        )
        if probe.returncode == 0:
            return [docker, "compose"]
    standalone = shutil.which("docker-compose")
    if standalone:
        probe = subprocess.run(
            [standalone, "version", "--short"], capture_output=True, text=True, timeout=60
        )
        # v1 (Python, end of life) validates against an older schema: not a useful judge.
        if probe.returncode == 0 and probe.stdout.strip().lstrip("v").startswith("2"):
            return [standalone]
    return None


def test_docker_compose_config(tmp_path):
    command = compose_command()
    if command is None:
        pytest.skip("docker compose (v2) is not installed; `docker compose config` not run")
    empty_env = tmp_path / "empty.env"  # never the developer's real ./.env
    empty_env.write_text("")
    result = subprocess.run(
        [*command, "--env-file", str(empty_env), "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**os.environ, **dummy_values()},
    )
    # `config` needs no engine; should a future version ask for one, that is not our failure.
    if result.returncode != 0 and "Cannot connect to the Docker daemon" in result.stderr:
        pytest.skip("docker compose config wanted a Docker engine")
    assert result.returncode == 0, result.stderr
    # Without the secrets compose must refuse, naming what to do.
    missing = subprocess.run(
        [*command, "--env-file", str(empty_env), "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if k not in dummy_values()},
    )
    assert missing.returncode != 0 and "make-env.sh" in missing.stderr
