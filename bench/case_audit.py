"""The disclosure audit's cost at national scale (issue 11): one bare `dbt build` of the
project over N = 1 (ten peiljaren of every registered DUO publication, and the 78 regions'
synthetic submissions, whose registrations make the regions the protected indicators group by)
against the candidate gate's disclosure audit of the same release, in the same run, on a
warehouse of its own (no Airflow: the files load through the load protocol directly).

The dbt build (the nightly selection) includes the release-wide secondary suppression
(int_disclosure__groups, int_disclosure__withheld); their node times are reported from dbt's
run_results. The audit's completion (the transform's step before the gate: audit, withhold
more, rebuild the protected models) and the gate's audit after it are timed on the same
release, so the whole cost of disclosure control is completion + audit + those two nodes.
"""

from __future__ import annotations

import json
import time

from bench.common import Measurement, Ratio, timed, timed_result
from bench.stack import Stack

DISCLOSURE_NODES = ("int_disclosure__groups", "int_disclosure__withheld")
COMPLETION_COST = (
    "The audit itself is the issue's target. What costs is the completion, on a night the"
    " heuristic leaves narrowed cells: per round the choice (each candidate judged by LP on its"
    " block), one more dbt start that rebuilds int_disclosure__withheld and the protected"
    " indicators with their tests, and an audit; a night with nothing narrowed pays one audit."
    " Cheaper would be completing before the indicators are built (auditing"
    " int_disclosure__withheld itself), at the price of a second dbt start every night, and a"
    " heuristic that leaves fewer narrowed cells."
)


def run(scale: float = 1.0, repeats: int = 1, peiljaren: range = range(2015, 2025)) -> dict:
    from sto_warehouse import db, dbt_runner, incremental
    from sto_warehouse.disclosure import audit, completion
    from sto_warehouse.ingest import pipeline
    from sto_warehouse.submissions import pipeline as submissions
    from sto_warehouse.synth import duo
    from sto_warehouse.synth.submissions import write_submissions

    measurements: list[Measurement] = []
    with Stack(airflow=False) as stack:
        settings = stack.settings()
        landing = settings.landing / "duo"
        files = duo.generate(landing, scale=scale, peiljaren=peiljaren)
        submitted = write_submissions(settings.landing, scale=scale, duo_dir=landing)
        rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in files)
        started = time.perf_counter()
        pipeline.load_paths(settings, "bench-audit")
        judged = submissions.load_all(settings, "bench-audit")
        load = time.perf_counter() - started
        # Regions of one programme period (the two periods register under their own ids).
        periods: dict[str, set[str]] = {}
        for item in judged["loaded"]:
            if item["submission_type"] == "registratie":
                periods.setdefault(item["period"], set()).add(item["region_id"])
        regions = max((len(ids) for ids in periods.values()), default=0)
        build = Measurement(
            "audit",
            f"bare dbt build, N={scale:g} ({rows:,} DUO rows, {regions} regions' submissions)",
        )
        nodes = Measurement("audit", "of which secondary suppression (int_disclosure__*)")
        complete = Measurement(
            "audit", "the audit's completion (audit, withhold, rebuild the protected models)"
        )
        lp = Measurement("audit", "disclosure audit of the release (LP per block)")
        narrowed_left = 0
        for i in range(repeats):
            run_id = f"bench-audit-{i}"
            with db.transformer(settings) as conn:
                completion.clear(conn)
            build.seconds.append(
                timed(
                    lambda r=run_id: dbt_runner.run(
                        settings, incremental.NIGHTLY_BUILD, r, capture=True
                    )
                )
            )
            target, _ = dbt_runner.run_dirs(settings, run_id)
            results = json.loads((target / "run_results.json").read_text())
            nodes.seconds.append(
                sum(
                    r["execution_time"]
                    for r in results["results"]
                    if r["unique_id"].split(".")[-1] in DISCLOSURE_NODES
                )
            )
            seconds, done = timed_result(lambda r=run_id: completion.run(settings, r))
            complete.seconds.append(seconds)
            complete.extra = {
                "rounds": done["rounds"],
                "cells_withheld": len(done["withheld"]),
                "narrowed_left": done["narrowed_left"],
            }
            with db.transformer(settings) as conn:
                seconds, checks = timed_result(lambda c=conn: audit.gate_results(c, "monitor__wap"))
            lp.seconds.append(seconds)
            narrowed_left = max(narrowed_left, sum(not r.success for r in checks))
        build.extra = {
            "rows": rows,
            "files": len(files),
            "submission_files": len(submitted),
            "regions": regions,
            "load_seconds": load,
        }
        measurements += [build, nodes, complete, lp]
    share = lp.median / build.median
    whole = (lp.median + complete.median + nodes.median) / (build.median - nodes.median)
    return {
        "measurements": measurements,
        "ratios": [
            Ratio("audit", "disclosure audit / bare dbt build", share, "<= 0.25x", share <= 0.25),
            Ratio(
                "audit",
                "audit + completion + secondary suppression / dbt build without it",
                whole,
                "<= 0.25x",
                whole <= 0.25,
                "" if whole <= 0.25 else COMPLETION_COST,
            ),
            Ratio(
                "audit",
                "failed disclosure checks of the candidate gate after the completion",
                float(narrowed_left),
                "0",
                narrowed_left == 0,
            ),
        ],
    }
