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
    out = REPO / "docs" / "benchmarks.md"
    out.write_text("\n".join(lines) + "\n")
    return str(out)
