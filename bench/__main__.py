"""Run benchmark cases and write docs/benchmarks.md.

python -m bench                 # every case
python -m bench parse dbt       # selected cases
python -m bench --smoke         # tiny repeats: checks the harness works (CI)
"""

from __future__ import annotations

import argparse
import json

from bench import case_dbt, case_loader, case_parse, case_pipeline, report
from bench.common import machine, save
from bench.stack import Stack

STACK_CASES = {"pipeline": case_pipeline, "dbt": case_dbt}
PLAIN_CASES = {"parse": case_parse, "loader": case_loader}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument(
        "cases", nargs="*", help=f"cases: {', '.join([*PLAIN_CASES, *STACK_CASES])}"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="one repeat, no report")
    args = parser.parse_args()
    cases = args.cases or [*PLAIN_CASES, *STACK_CASES]
    repeats = 1 if args.smoke else args.repeats
    results = {}
    for name in cases:
        if name in PLAIN_CASES:
            results[name] = PLAIN_CASES[name].run(max(repeats, 3) if not args.smoke else 1)
    stack_cases = [c for c in cases if c in STACK_CASES]
    if stack_cases:
        with Stack() as stack:
            for name in ("pipeline", "dbt"):
                if name in stack_cases:
                    results[name] = STACK_CASES[name].run(stack, repeats)
    info = machine()
    for name, payload in results.items():
        save(name, {"machine": info, **{k: [vars(x) for x in v] for k, v in payload.items()}})
        for m in payload["measurements"]:
            print(f"{name:<9} {m.name:<70} median {m.median:8.2f}s  {m.seconds}")
        for r in payload["ratios"]:
            print(
                f"{name:<9} RATIO {r.name:<64} {r.value:6.2f}x  target {r.target}  "
                f"{'met' if r.met else 'MISSED'}"
            )
    if not args.smoke:
        path = report.write()
        print(f"wrote {path}")
    print(json.dumps({"cases": list(results)}))


if __name__ == "__main__":
    main()
