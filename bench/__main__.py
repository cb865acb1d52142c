"""Run benchmark cases and write docs/benchmarks.md.

    python -m bench                     # parse, loader, memory, national (N=1)
    python -m bench national10          # N=10 pipeline only, per row vs the recorded N=1
    python -m bench parse loader        # selected cases
    python -m bench portal              # the regions' portal: web feedback, 78 at once
    python -m bench nightly             # issue 14: incremental nights at N=1 vs their parts
    python -m bench nightly10           # the same at N=10 and N=1 in one run (~1 h or more)
    python -m bench --smoke             # tiny sizes, one repeat, no report: checks the harness

Cases: parse (DAG parse vs a bare 10-task DAG), loader (vs bare COPY and DataFrame.to_sql on
>= 1M rows), memory (peak RSS, 1x vs 10x file), national (the nightly pipeline at N=1 vs its
unavoidable parts, no-change rerun vs a trivial DAG run, dbt step through Airflow vs bare dbt,
gate stages vs plain SQL), national10 (time per input row at N=10 vs N=1), pipeline and dbt
(the same on the small bundled sample), portal (feedback through the regions' portal vs the same
verdict in-process; 78 regions uploading at once), nightly (a new DUO year with the regions'
submissions, the next year alone and a night with nothing new, each vs its unavoidable parts),
nightly10 (the nights at N=10 vs N=1; publication's share at N=10).
"""

from __future__ import annotations

import argparse
import json

from bench import (
    case_audit,
    case_loader,
    case_memory,
    case_national,
    case_nightly,
    case_parse,
    case_portal,
    report,
)
from bench.common import Ratio, machine, save

DEFAULT = ["parse", "loader", "memory", "national"]


def _sample_cases(names: list[str], repeats: int) -> dict:
    from bench import case_dbt, case_pipeline
    from bench.stack import Stack

    results = {}
    with Stack() as stack:
        if "pipeline" in names:
            results["pipeline"] = case_pipeline.run(stack, repeats)
        if "dbt" in names:
            results["dbt"] = case_dbt.run(stack, repeats)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "cases",
        nargs="*",
        help="parse loader memory national national10 audit "
        "pipeline dbt portal (default: parse loader memory national)",
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repeat, no report")
    args = parser.parse_args()
    cases = args.cases or (["parse", "loader", "memory"] if args.smoke else DEFAULT)
    repeats = 1 if args.smoke else max(args.repeats, 3)
    results: dict[str, dict] = {}
    if "parse" in cases:
        results["parse"] = case_parse.run(repeats)
    if "loader" in cases:
        results["loader"] = case_loader.run(repeats, min_rows=20_000 if args.smoke else None)
    if "memory" in cases:
        results["memory"] = case_memory.run(repeats, base_scale=0.2 if args.smoke else 3.0)
    if "national" in cases:
        results["national"] = case_national.run(scale=0.05 if args.smoke else 1.0, repeats=repeats)
    if "audit" in cases:
        results["audit"] = case_audit.run(scale=0.05 if args.smoke else 1.0, repeats=1)
    if "national10" in cases:
        # Both sides in this run, on the same server settings: N = 1's nightly run (from the
        # national case when it ran too, else once more, pipeline only) and N = 10's.
        n1 = results.get("national") or case_national.run(
            scale=0.05 if args.smoke else 1.0, repeats=1, pipeline_only=True
        )
        n10 = case_national.run(scale=0.5 if args.smoke else 10.0, repeats=1, pipeline_only=True)
        results["national10"] = {
            "measurements": [
                *(m for m in n1["measurements"] if m.extra.get("rows")),
                *n10["measurements"],
            ],
            "ratios": [case_national.per_row_ratio(n1, n10)],
        }
    if "nightly" in cases:
        results["nightly"] = case_nightly.run(scale=0.05 if args.smoke else 1.0, repeats=repeats)
    if "nightly10" in cases:
        # Both scales in this run: the work of a night should grow with what changed.
        n1 = results.get("nightly") or case_nightly.run(
            scale=0.05 if args.smoke else 1.0, repeats=1
        )
        n10 = case_nightly.run(scale=0.5 if args.smoke else 10.0, repeats=1)
        results["nightly10"] = {
            "measurements": [m for m in n10["measurements"]],
            "ratios": [*case_nightly.scale_ratios(n1, n10), *n10["ratios"]],
        }
    if "portal" in cases:
        results["portal"] = case_portal.run(repeats, regions=4 if args.smoke else 78)
    if {"pipeline", "dbt"} & set(cases):
        results.update(_sample_cases(cases, repeats))
    info = machine()
    for name, payload in results.items():
        if not args.smoke:
            save(
                name,
                {
                    "machine": info,
                    "measurements": [vars(m) for m in payload["measurements"]],
                    "ratios": [vars(r) for r in payload["ratios"]],
                },
            )
        for m in payload["measurements"]:
            print(f"{name:<10} {m.name[:78]:<78} median {m.median:9.2f}  {m.seconds}")
        for r in payload["ratios"]:
            assert isinstance(r, Ratio)
            print(
                f"{name:<10} RATIO {r.name:<64} {r.value:7.2f}x  target {r.target}  "
                f"{'met' if r.met else 'MISSED'}"
            )
    if not args.smoke:
        print(f"wrote {report.write()}")
    print(json.dumps({"cases": list(results)}))


if __name__ == "__main__":
    main()
