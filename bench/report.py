"""docs/benchmarks.md from bench/results/*.json (the latest result of every case)."""

from __future__ import annotations

import json

from bench.common import REPO, RESULTS

HEADER = """# Benchmarks

Measured by `python -m bench` (`make bench`): medians of repeated runs, the two sides of every
ratio alternated in the same run. Targets are ratios to floors measured in the same run, because
absolute seconds vary between machines. This file is generated; the narrative below the tables is
kept in `bench/report.py`.
"""


def write() -> str:
    cases = {}
    for path in sorted(RESULTS.glob("*.json")):
        cases[path.stem] = json.loads(path.read_text())
    lines = [HEADER]
    if cases:
        info = next(iter(cases.values()))["machine"]
        lines.append("## Machine\n")
        lines.append(
            f"- {info['cpus']} CPUs, {info['memory']}, {info['platform']}, Python {info['python']}"
        )
        lines.append("- bytecode compiled in the virtualenv: " + str(info["bytecode_compiled"]))
        lines.append("- " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()))
        lines.append("")
    for name, payload in cases.items():
        lines.append(f"## {name}\n")
        lines.append("| measurement | median (s) | runs (s) |")
        lines.append("|---|---:|---|")
        for m in payload["measurements"]:
            runs = ", ".join(f"{s:.2f}" for s in m["seconds"])
            median = sorted(m["seconds"])[len(m["seconds"]) // 2] if m["seconds"] else float("nan")
            lines.append(f"| {m['name']} | {median:.2f} | {runs} |")
        if payload["ratios"]:
            lines.append("")
            lines.append("| ratio | value | target | |")
            lines.append("|---|---:|---|---|")
            for r in payload["ratios"]:
                lines.append(
                    f"| {r['name']} | {r['value']:.2f}x | {r['target']} | "
                    f"{'met' if r['met'] else '**missed**'} {r['explanation']} |"
                )
        lines.append("")
    lines += narrative(cases)
    out = REPO / "docs" / "benchmarks.md"
    out.write_text("\n".join(lines) + "\n")
    return str(out)


def _estimate_n100(cases: dict) -> list[str]:
    """N = 100 on paper, from the N = 1 run: what grows with the rows and what does not."""
    national = cases.get("national")
    if not national:
        return ["(no national run recorded yet: `python -m bench national`)"]
    by_name = {m["name"]: m for m in national["measurements"]}
    pipeline = next((m for m in national["measurements"] if m.get("extra", {}).get("rows")), None)
    if pipeline is None:
        return ["(the national run recorded no row count)"]

    def median(name_start: str) -> float:
        for name, m in by_name.items():
            if name.startswith(name_start) and m["seconds"]:
                values = sorted(m["seconds"])
                return values[len(values) // 2]
        return 0.0

    rows = pipeline["extra"]["rows"]
    total = sorted(pipeline["seconds"])[len(pipeline["seconds"]) // 2]
    copy = median("bare COPY of all")
    dbt = median("bare dbt build")
    fixed = median("one trivial Airflow DAG run") + median("one `import great_expectations`")
    rest = max(total - copy - dbt - fixed, 0.0)
    # COPY and dbt (set-based SQL over the rows) grow about linearly with the rows; Airflow and
    # the GX import do not; the rest (gates, mapped tasks, submissions) is taken as linear too,
    # which overestimates it.
    n100 = fixed + 100 * (copy + dbt + rest)
    return [
        f"At N = 1 the nightly run took {total:,.0f} s for {rows:,} DUO rows: bare COPY"
        f" {copy:,.0f} s, bare dbt build {dbt:,.0f} s, fixed costs (a trivial DAG run, the GX"
        f" import) {fixed:,.0f} s, the rest (gates, Airflow tasks, submissions) {rest:,.0f} s.",
        f"Scaled linearly except the fixed costs, N = 100 ({rows * 100:,} rows) would take about"
        f" {n100 / 3600:,.1f} h on this 2-core machine - an upper bound: the raw gate's"
        " row-count and key checks and dbt's incremental-free rebuild are the linear parts to"
        " attack first (an incremental staging layer, a raw gate on samples for the largest"
        " partitions), and a larger warehouse server with more dbt threads divides the dbt part.",
        "Not run: N = 100 needs ~100x the disk of N = 1 for raw + archive and hours per run.",
    ]


def narrative(cases: dict) -> list[str]:
    lines = ["## What the figures say\n"]
    missed = [r for payload in cases.values() for r in payload.get("ratios", []) if not r["met"]]
    if missed:
        lines.append("Targets missed in this run, and why:\n")
        for r in missed:
            reason = r["explanation"] or MISSED_WHY.get(r["name"], "see the case module in bench/")
            lines.append(f"- {r['name']}: {r['value']:.2f}x against {r['target']}. {reason}")
        lines.append("")
    else:
        lines.append("Every target was met in this run.\n")
    lines.append("### N = 100, estimated on paper\n")
    lines += _estimate_n100(cases)
    lines.append("")
    return lines


# Why a ratio can miss on this machine (filled in from measured runs; docs/benchmarks.md).
MISSED_WHY = {
    "loader speed / DataFrame.to_sql speed": (
        "Unreachable here for anything that loads with COPY: in the same run a bare"
        " `COPY FROM STDIN` of the file is itself only ~14x faster than pandas 3.1's"
        " `read_csv` + `to_sql` (psycopg 3, SQLAlchemy 2), so 20x would need a loader faster than"
        " the bare COPY floor. The loader stays within 0.8x of that floor, which is the target"
        " that measures our own overhead."
    ),
    "sto_transform.py": (
        "The absolute figure is ~0.2 s, well under a second; nearly all of it is importing"
        " astronomer-cosmos (its package __init__ pulls in its DAG/TaskGroup/converter modules)"
        " to instantiate DbtBuildLocalOperator at parse time. No great_expectations, pandas or"
        " dbt is imported (tests/dags). The other DAG files, without cosmos, are ~1-1.5x."
    ),
    "no-change rerun / trivial DAG run": (
        "A no-change ingest run is discover + two zero-length mapped expansions + a skipped"
        " announce: four task slots of Airflow's ~1 s scheduling latency each, against one for"
        " the one-task trivial DAG; the work itself (hash check of every landed file) is < 1 s."
    ),
}
