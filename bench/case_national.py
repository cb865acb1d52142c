"""The nightly pipeline at national scale (N = 1: ten peiljaren of every registered DUO
publication) against the sum of its unavoidable parts, each measured alone in the same run:
one trivial Airflow DAG run, one bare `dbt build`, one GX import, and a bare COPY of every file.

Also, on the same stack: a rerun with nothing new vs one trivial DAG run, the dbt step through
Airflow vs a bare `dbt build`, and each gate stage vs its checks as plain SQL.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from psycopg import sql

from bench import case_gate
from bench.common import REPO, Measurement, Ratio, timed
from bench.stack import Stack, dbt_step, duration, run_duration, wait_run


def _trivial_run(client, i: int) -> float:
    run_id = f"bench_trivial_{time.time_ns()}_{i}"
    client.trigger("bench_trivial", run_id=run_id)
    return run_duration(wait_run(client, "bench_trivial", run_id))


def _bare_copy_all(settings, files: list[Path]) -> None:
    from sto_warehouse.ingest import files as sniffing
    from sto_warehouse.ingest.identify import identify

    with psycopg.connect(settings.loader_url) as conn:
        for index, path in enumerate(files):
            scan = sniffing.scan(path)
            ident = identify(path.name, scan, sniffing.sniff(path, scan, path.name))
            table = sql.Identifier("raw", f"bench_copy_{index}")
            conn.execute(sql.SQL("drop table if exists {}").format(table))
            conn.execute(
                sql.SQL("create table {} ({})").format(
                    table,
                    sql.SQL(", ").join(
                        sql.SQL("{} text").format(sql.Identifier(c)) for c in ident.columns
                    ),
                )
            )
            with (
                conn.cursor() as cur,
                cur.copy(
                    sql.SQL(
                        "copy {} from stdin with (format csv, header true, delimiter {}, encoding {})"
                    ).format(
                        table, sql.Literal(ident.dialect.delimiter), sql.Literal(scan.encoding)
                    )
                ) as copy,
                path.open("rb") as fh,
            ):
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
            conn.execute(sql.SQL("drop table {}").format(table))
        conn.commit()


def _phases(client) -> dict:
    """Where the nightly run's time went, from Airflow: per DAG run, its wall time and the
    summed duration and count of each task (what the report's breakdown and the N = 100
    estimate are built from)."""
    from sto_warehouse import orchestration

    phases: dict[str, dict] = {}
    for dag_id in orchestration.DAGS:
        for run in sorted(client.runs(dag_id, limit=20), key=lambda r: r["start_date"] or ""):
            if not (run.get("start_date") and run.get("end_date")):
                continue
            tasks: dict[str, list[float]] = {}
            for ti in client.task_instances(dag_id, run["dag_run_id"]):
                # The dbt node tasks only wait beside dbt_build (in the triggerer): their time
                # is dbt_build's, so they are left out of the sums.
                if ti["task_id"].startswith(orchestration.NODE_GROUP + "."):
                    continue
                if ti.get("start_date") and ti.get("end_date"):
                    tasks.setdefault(ti["task_id"], []).append(duration(ti))
            phases[f"{dag_id} {run['dag_run_id']}"] = {
                "seconds": run_duration(run),
                "tasks": {k: {"n": len(v), "sum": sum(v)} for k, v in sorted(tasks.items())},
            }
    return phases


def _gx_import() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import great_expectations"], check=True)
    return time.perf_counter() - start


def run(
    scale: float = 1.0,
    repeats: int = 3,
    peiljaren: range = range(2015, 2025),
    pipeline_only: bool = False,
) -> dict:
    """``pipeline_only``: just the nightly run (N = 10 only needs its time per input row)."""
    from sto_warehouse import dbt_runner, orchestration
    from sto_warehouse.gates import candidate_gate, raw_gate
    from sto_warehouse.synth import duo
    from sto_warehouse.synth.submissions import write_submissions

    measurements: list[Measurement] = []
    ratios: list[Ratio] = []
    stack = Stack()
    stack.env["STO_EXTRA_DAG_FOLDER"] = str(REPO / "bench" / "dags")
    with stack:
        settings = stack.settings()
        landing = settings.landing / "duo"
        started = time.perf_counter()
        files = duo.generate(landing, scale=scale, peiljaren=peiljaren)
        # The regions' submissions of the same synthetic country (78 regions at N=1): the
        # nightly run judges and loads them too (sto_ingest, its submissions group).
        submitted = write_submissions(settings.landing, scale=scale, duo_dir=landing)
        generation = time.perf_counter() - started
        rows = sum(sum(1 for _ in p.open("rb")) - 1 for p in files)
        client = stack.client()
        client.wait_for_dag("bench_trivial")
        client.unpause("bench_trivial")

        pipeline = Measurement(
            "national",
            f"nightly pipeline, N={scale:g}: sto run over {len(files)} DUO"
            f" files, {rows:,} rows, and {len(submitted)} submission files"
            " (ingest + submissions + asset-triggered transform)",
        )
        pipeline.seconds.append(timed(lambda: stack.sto("run", "--no-sample", "--timeout", "7200")))
        pipeline.extra = {
            "rows": rows,
            "files": len(files),
            "submission_files": len(submitted),
            "generation_seconds": generation,
            "phases": _phases(client),
        }

        if pipeline_only:
            return {"measurements": [pipeline], "ratios": [], "per_row": pipeline.median / rows}

        trivial = Measurement("national", "one trivial Airflow DAG run (1 task)")
        bare_dbt = Measurement("national", "bare dbt build of the project (same data)")
        gx = Measurement("national", "one `import great_expectations`")
        copies = Measurement("national", f"bare COPY of all {len(files)} files")
        for i in range(repeats):
            trivial.seconds.append(_trivial_run(client, i))
            bare_dbt.seconds.append(
                timed(
                    lambda i=i: dbt_runner.run(settings, ["build"], f"bench-bare-{i}", capture=True)
                )
            )
            gx.seconds.append(_gx_import())
            copies.seconds.append(timed(lambda: _bare_copy_all(settings, files)))
        floor = trivial.median + bare_dbt.median + gx.median + copies.median
        measurements += [pipeline, trivial, bare_dbt, gx, copies]
        ratio = pipeline.median / floor
        ratios.append(
            Ratio(
                "national",
                f"pipeline N={scale:g} / sum of unavoidable parts",
                ratio,
                "<= 1.5x",
                ratio <= 1.5,
            )
        )

        noop = Measurement("national", "ingest DAG run with nothing new (zero mapped tasks)")
        for _ in range(repeats):
            stack.sto("run", "--no-sample")
            noop.seconds.append(run_duration(client.runs(orchestration.INGEST_DAG, limit=1)[0]))
        measurements.append(noop)
        ratio = noop.median / trivial.median
        ratios.append(
            Ratio("national", "no-change rerun / trivial DAG run", ratio, "<= 1.5x", ratio <= 1.5)
        )

        step = Measurement(
            "national", "dbt step in sto_transform (dbt_build + every dbt_nodes task)"
        )
        for i in range(repeats):
            run_id = f"bench_transform_{i}"
            client.trigger(orchestration.TRANSFORM_DAG, run_id=run_id)
            wait_run(client, orchestration.TRANSFORM_DAG, run_id, timeout=7200)
            step.seconds.append(
                dbt_step(client.task_instances(orchestration.TRANSFORM_DAG, run_id))
            )
        measurements.append(step)
        ratio = step.median / bare_dbt.median
        ratios.append(
            Ratio(
                "national",
                "dbt step through Airflow / bare dbt build",
                ratio,
                "<= 1.3x",
                ratio <= 1.3,
            )
        )

        # Gate stages: the candidate suites on the published build (same tables as *__wap), and
        # the raw suite on the largest raw partition (the shape of a pending table).
        specs = candidate_gate.specs(settings)
        for spec in specs:
            spec.schema = spec.schema.replace("__wap", "")
            spec.ctx = {**spec.ctx, "marts": "marts", "monitor": "monitor"}
        gate = case_gate.run_stage("candidate", settings.transformer_url, specs, repeats)
        measurements += gate["measurements"]
        ratios += gate["ratios"]
        # The candidate gate's disclosure audit (docs/monitor.md) on the same release vs the dbt
        # build of the same run: it may add at most a quarter.
        from sto_warehouse import db
        from sto_warehouse.disclosure import audit

        disclosure = Measurement("national", "disclosure audit of the release (LP per block)")
        for _ in range(repeats):
            with db.transformer(settings) as conn:
                disclosure.seconds.append(timed(lambda c=conn: audit.gate_results(c, "monitor")))
        measurements.append(disclosure)
        share = disclosure.median / bare_dbt.median
        ratios.append(
            Ratio("national", "disclosure audit / bare dbt build", share, "<= 0.25x", share <= 0.25)
        )
        with psycopg.connect(settings.admin_url) as conn:
            dataset, period, load_id = conn.execute(
                "select dataset, period, load_id from audit.partitions order by row_count desc"
                " limit 1"
            ).fetchone()
        from sto_warehouse.ingest.copy_loader import partition_name

        pending = [
            {
                "dataset": dataset,
                "period": period,
                "load_id": load_id,
                "pending_table": partition_name(dataset, period),
                "original_name": "bench",
                "identification": {},
            }
        ]
        raw_specs = raw_gate.specs_for(settings, pending)
        gate = case_gate.run_stage("raw", settings.loader_url, raw_specs, repeats)
        measurements += gate["measurements"]
        ratios += gate["ratios"]
    return {
        "measurements": measurements,
        "ratios": ratios,
        "per_row": pipeline.median / rows if rows else None,
    }


def per_row_ratio(n1: dict, n10: dict) -> Ratio:
    ratio = n10["per_row"] / n1["per_row"]
    return Ratio(
        "national", "time per input row, N=10 / N=1", ratio, "<= 1x (no worse)", ratio <= 1.0
    )


def median(values: list[float]) -> float:
    return statistics.median(values)
