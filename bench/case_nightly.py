"""Issue 14's nightly targets with incremental facts, both sides of every ratio in this run.

On one stack at scale N: a history (peiljaren 2015-2023 of every DUO publication) is loaded with
`sto run` (timed for the record, not a target). Then three nights, each a `sto run --no-sample`:

- night A: one new DUO year (2024) plus the regions' submissions (the whole national set, first
  delivered this night): new registrations move vestigingen between regions, so the vo facts are
  rebuilt in full; the mbo facts only for 2024;
- night B: the next DUO year (2025) alone: every large fact rebuilds one year;
- a night with nothing new.

The sum of a night's unavoidable parts, measured alone in the same run: one trivial Airflow DAG
run, one `import great_expectations`, a bare COPY of the night's new DUO files, and a bare
`dbt build` doing the night's dbt work (the same plan: the same facts copied, the same periods
rebuilt; models, seeds and data tests as the night). Publication's share is the publish task's
time over the night's `sto run`.
"""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg import sql

from bench.case_national import _bare_copy_all, _gx_import, _phases, _trivial_run
from bench.common import REPO, Measurement, Ratio, timed
from bench.stack import Stack, dbt_step, duration, run_duration

HISTORY = range(2015, 2024)
# One new DUO year: what DUO publishes per year (address lists and 5-year windows aside).
YEARLY = {
    "duo_vo_leerlingen_onderwijstype",
    "duo_vo_examencijfers",
    "duo_mbo_instroom",
    "duo_vo_bestemming",
    "duo_crebo_sectorkamer",
}


def _new_year(landing: Path, scale: float, year: int) -> list[Path]:
    from sto_warehouse.synth import duo

    return duo.generate(
        landing, scale=scale, peiljaren=range(year, year + 1), snapshots=[], datasets=YEARLY
    )


def _last_release(settings) -> int:
    with psycopg.connect(settings.admin_url) as conn:
        return conn.execute("select coalesce(max(release_id), 0) from audit.releases").fetchone()[0]


def _night_plan(settings, after: int) -> dict:
    """The night's dbt work as one plan: the plans of every release it published merged (a
    fact built in full by any of them is full; else the union of the rebuilt periods)."""
    with psycopg.connect(settings.admin_url) as conn:
        plans = [
            r[0] or {}
            for r in conn.execute(
                "select versions -> 'build' from audit.releases where release_id > %s"
                " order by release_id",
                (after,),
            ).fetchall()
        ]
    merged: dict = {"models": {}, "reasons": {}, "releases": len(plans)}
    for plan in plans:
        for fact, periods in plan.get("models", {}).items():
            known = merged["models"].get(fact, [])
            merged["models"][fact] = (
                None if periods is None or known is None else sorted({*known, *periods})
            )
            merged["reasons"].setdefault(fact, []).append(plan["reasons"][fact])
    return merged


def _bare_dbt_like(settings, plan: dict, run_id: str) -> float:
    """A bare `dbt build` with the night's plan: the facts it copied are copied, the others left
    to build in full, and the same periods rebuilt (the plan put back on the candidate)."""
    from sto_warehouse import dbt_runner, incremental

    incremental.start_candidate(settings, run_id)  # copies every fact (nothing changed since)
    with psycopg.connect(settings.transformer_url) as conn:
        for fact, periods in plan.get("models", {}).items():
            if periods is None:
                conn.execute(
                    sql.SQL("drop table {}").format(sql.Identifier(incremental.CANDIDATE, fact))
                )
        conn.execute(
            sql.SQL("comment on schema {} is {}").format(
                sql.Identifier(incremental.CANDIDATE), sql.Literal(json.dumps(plan))
            )
        )
        conn.commit()
    started = time.perf_counter()
    result = dbt_runner.run(settings, incremental.NIGHTLY_BUILD, run_id, capture=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(result.stdout[-3000:])
    return seconds


DBT_STEP = "dbt step (dbt_build + dbt_nodes)"


def dbt_step_ratio(label: str, scale: float, tasks: dict[str, float], bare: float) -> Ratio:
    """The night's dbt step through Airflow (the one build and every node task) against a bare
    `dbt build` with the same plan, both in this run (issue 14 item 3: <= 1.3x)."""
    ratio = tasks[DBT_STEP] / bare
    return Ratio(
        "nightly",
        f"night {label} N={scale:g}: dbt step through Airflow / bare dbt build, same plan",
        ratio,
        "<= 1.3x",
        ratio <= 1.3,
    )


def _transform_tasks(client, since: datetime) -> dict[str, float]:
    """Summed task durations of every transform run the night started (two before issue 14's
    single transform per night: one after each ingest)."""
    from sto_warehouse import orchestration

    tasks: dict[str, float] = {}
    for run in client.runs(orchestration.TRANSFORM_DAG, limit=20):
        if not run.get("start_date") or datetime.fromisoformat(run["start_date"]) < since:
            continue
        tis = client.task_instances(orchestration.TRANSFORM_DAG, run["dag_run_id"])
        for ti in tis:  # the node tasks count once, as the dbt step
            if ti.get("start_date") and ti.get("end_date") and "." not in ti["task_id"]:
                tasks[ti["task_id"]] = tasks.get(ti["task_id"], 0.0) + duration(ti)
        tasks[DBT_STEP] = tasks.get(DBT_STEP, 0.0) + dbt_step(tis)
    return tasks


def run(scale: float = 1.0, repeats: int = 3) -> dict:
    from sto_warehouse import orchestration
    from sto_warehouse.synth import duo
    from sto_warehouse.synth.submissions import write_submissions

    measurements: list[Measurement] = []
    ratios: list[Ratio] = []
    stack = Stack()
    stack.env["STO_EXTRA_DAG_FOLDER"] = str(REPO / "bench" / "dags")
    with stack:
        settings = stack.settings()
        landing = settings.landing / "duo"
        history_files = duo.generate(landing, scale=scale, peiljaren=HISTORY)
        rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in history_files)
        history = Measurement(
            "nightly",
            f"history N={scale:g}: sto run over {len(history_files)} DUO files, {rows:,} rows"
            f" (peiljaren {HISTORY.start}-{HISTORY.stop - 1}; every fact built in full)",
        )
        history.seconds.append(timed(lambda: stack.sto("run", "--no-sample")))
        measurements.append(history)
        client = stack.client()
        client.wait_for_dag("bench_trivial")
        client.unpause("bench_trivial")

        nights = []
        for label, year, submissions in (("A", 2024, True), ("B", 2025, False)):
            files = _new_year(landing, scale, year)
            if submissions:
                submitted = write_submissions(settings.landing, scale=scale, duo_dir=landing)
            new_rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in files)
            what = f"{len(files)} new DUO files of {year}, {new_rows:,} rows" + (
                f", plus {len(submitted)} submission files" if submissions else ""
            )
            night = Measurement("nightly", f"night {label} N={scale:g}: sto run, {what}")
            before = _last_release(settings)
            since = datetime.now(UTC)
            night.seconds.append(timed(lambda: stack.sto("run", "--no-sample")))
            plan = _night_plan(settings, before)
            tasks = _transform_tasks(client, since)
            night.extra = {
                "plan": plan["reasons"],
                "releases": plan["releases"],
                "transform_tasks": tasks,
                "phases": _phases(client) if label == "A" else {},
            }
            measurements.append(night)
            nights.append((label, files, night, plan, tasks))

        trivial = Measurement("nightly", "one trivial Airflow DAG run (1 task)")
        gx = Measurement("nightly", "one `import great_expectations`")
        for i in range(repeats):
            trivial.seconds.append(_trivial_run(client, i))
            gx.seconds.append(_gx_import())
        measurements += [trivial, gx]
        for label, files, night, plan, tasks in nights:
            copies = Measurement("nightly", f"night {label}: bare COPY of its {len(files)} files")
            bare = Measurement("nightly", f"night {label}: bare dbt build with the night's plan")
            for i in range(repeats):
                copies.seconds.append(timed(lambda files=files: _bare_copy_all(settings, files)))
                bare.seconds.append(_bare_dbt_like(settings, plan, f"bench-bare-{label}-{i}"))
            measurements += [copies, bare]
            floor = trivial.median + gx.median + copies.median + bare.median
            ratios.append(dbt_step_ratio(label, scale, tasks, bare.median))
            ratio = night.median / floor
            ratios.append(
                Ratio(
                    "nightly",
                    f"night {label} N={scale:g} / sum of unavoidable parts",
                    ratio,
                    "<= 1.5x",
                    ratio <= 1.5,
                )
            )
            ratios.append(
                Ratio(
                    "nightly",
                    f"night {label} N={scale:g} / 2 minutes (at N=1)",
                    night.median / 120,
                    "< 1x",
                    night.median < 120,
                )
            )
            share = tasks.get("publish", 0.0) / night.median
            ratios.append(
                Ratio(
                    "nightly",
                    f"night {label} N={scale:g}: publication share of the night",
                    share,
                    "<= 0.10 (at N=10)",
                    share <= 0.10,
                )
            )

        noop = Measurement("nightly", "night with nothing new: ingest DAG run (zero mapped tasks)")
        noop_wall = Measurement("nightly", "night with nothing new: the whole sto run")
        for _ in range(repeats):
            noop_wall.seconds.append(timed(lambda: stack.sto("run", "--no-sample")))
            noop.seconds.append(run_duration(client.runs(orchestration.INGEST_DAG, limit=1)[0]))
        measurements += [noop, noop_wall]
        ratio = noop.median / trivial.median
        ratios.append(
            Ratio("nightly", "nothing-new night / trivial DAG run", ratio, "<= 1.5x", ratio <= 1.5)
        )
    return {"measurements": measurements, "ratios": ratios}


def scale_ratios(n1: dict, n10: dict) -> list[Ratio]:
    """Each night at N=10 over the same night at N=1 (target: at most twice as long)."""

    def nights(result: dict) -> dict[str, float]:
        return {
            m.name.split(" N=")[0]: m.median
            for m in result["measurements"]
            if m.name.startswith("night ") and " N=" in m.name
        }

    small, large = nights(n1), nights(n10)
    out = []
    for label in sorted(set(small) & set(large)):
        ratio = large[label] / small[label]
        out.append(Ratio("nightly", f"{label}: N=10 / N=1", ratio, "<= 2x", ratio <= 2.0))
    return out
