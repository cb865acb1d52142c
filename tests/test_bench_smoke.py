"""CI runs only a small-N smoke of the benchmark harness (targets live in bench/, not in tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def smoke(*cases: str, timeout: int) -> list[str]:
    """``python -m bench --smoke CASES``: the lines it printed, after checking it ran them all."""
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--smoke", *cases],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert json.loads(lines[-1]) == {"cases": list(cases)}
    return lines


def test_benchmark_harness_runs_end_to_end_at_tiny_size():
    lines = smoke("parse", "loader", "memory", timeout=600)
    # the transform DAG parsed with its dbt node tasks (the graph from a `dbt parse`)
    assert any("RATIO sto_transform.py" in line for line in lines), lines
    assert any("RATIO loader throughput / bare COPY throughput" in line for line in lines)
    assert any("loader peak RSS, 10x file" in line for line in lines)


def test_portal_benchmark_runs_end_to_end_at_tiny_size():
    """The portal case on 4 regions: a private warehouse, the server as `sto up` runs it, the
    feedback ratio and the concurrent uploads (all answered and kept)."""
    lines = smoke("portal", timeout=900)
    assert any("RATIO portal feedback / in-process" in line for line in lines)
    kept = [line for line in lines if "concurrent uploads answered and kept" in line]
    assert kept and kept[0].rstrip().endswith("met"), kept


def test_audit_benchmark_runs_end_to_end_at_tiny_size():
    """The audit case at N = 0.05 with the regions' submissions: build, completion and the
    gate's audit in one run; the release it leaves passes the disclosure checks."""
    lines = smoke("audit", timeout=1200)
    assert any("RATIO disclosure audit / bare dbt build" in line for line in lines)
    failed = [line for line in lines if "failed disclosure checks" in line]
    assert failed and failed[0].rstrip().endswith("met"), failed
    build = [line for line in lines if "bare dbt build" in line and "regions' submissions" in line]
    assert build and " 0 regions" not in build[0], build


def test_benchmarks_doc_is_what_the_recorded_results_give():
    """docs/benchmarks.md is generated from bench/results: a rename in the harness (a DAG or task
    id) that drops part of an older result from the report shows here as a changed document."""
    from bench import report

    assert (REPO / "docs" / "benchmarks.md").read_text() == report.render(), (
        "run: python -c 'from bench import report; report.write()'"
    )
