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
    """Write docs/benchmarks.md from the recorded results; returns its path."""
    out = REPO / "docs" / "benchmarks.md"
    out.write_text(render())
    return str(out)


def render() -> str:
    """docs/benchmarks.md as the recorded results (bench/results/*.json) give it."""
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
        when = payload["machine"].get("measured_at")
        if when:
            lines.append(f"Measured {when} at commit {payload['machine'].get('commit')}.\n")
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
        lines += _phase_table(payload)
        lines.append("")
    lines += narrative(cases)
    return "\n".join(lines) + "\n"


def _phase_table(payload: dict) -> list[str]:
    """Where each nightly run's time went: every DAG run it caused, with its tasks."""
    lines: list[str] = []
    for pipeline in payload["measurements"]:
        phases = pipeline.get("extra", {}).get("phases")
        if not phases:
            continue
        label = pipeline["name"].split(":")[0]
        lines += [
            "",
            f"Where the time of the {label} went (Airflow's own run and task durations; mapped"
            " tasks summed, up to four run at once):",
            "",
            "| DAG run | wall (s) | tasks: count x summed seconds |",
            "|---|---:|---|",
        ]
        for name, phase in phases.items():
            tasks = ", ".join(
                f"{task} {t['n']}x {t['sum']:.0f}s" if t["n"] > 1 else f"{task} {t['sum']:.0f}s"
                for task, t in phase["tasks"].items()
            )
            lines.append(f"| {name} | {phase['seconds']:.0f} | {tasks} |")
    return lines


def _ratio(cases: dict, case: str, name: str) -> float | None:
    for r in cases.get(case, {}).get("ratios", []):
        if r["name"] == name:
            return r["value"]
    return None


# The raw gate's task id: `duo.raw_gate` in the one ingest DAG, `raw_gate` in results recorded
# before (sto_ingest_duo), so older measurements still count it.
RAW_GATE = ("duo.raw_gate", "raw_gate")


def _task_sum(phases: dict, dag_prefix: str, *tasks: str) -> float:
    return sum(
        p["tasks"].get(task, {}).get("sum", 0.0)
        for name, p in phases.items()
        if name.startswith(dag_prefix)
        for task in tasks
    )


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
    phases = pipeline["extra"].get("phases")
    if phases:
        # What grows with the DUO rows: the COPY itself, the raw gate, every dbt build (two a
        # night: after the DUO ingest and after the submissions) and the candidate gates. What
        # does not: Airflow's per-task cost (the number of files stays the same), the regions'
        # submissions (78 regions at any N), freshness, publication and the report.
        builds = _task_sum(phases, "sto_transform", "dbt_build", "disclosure_completion")
        gates = _task_sum(phases, "sto_transform", "candidate_gate") + _task_sum(
            phases, "sto_ingest", *RAW_GATE
        )
        linear = copy + builds + gates
        n100 = total + 99 * linear
        loader = _ratio(cases, "loader", "loader throughput / bare COPY throughput")
        loader_text = f"{loader:.2f}x the throughput of a bare COPY, " if loader else ""
        per_row = _ratio(cases, "national10", "time per input row, N=10 / N=1")
        measured_n10 = [_n10_text(cases["national10"], per_row)] if per_row else []
        return [
            f"At N = 1 the nightly run took {total:,.0f} s for {rows:,} DUO rows. Of that,"
            f" {linear:,.0f} s grows with the rows: the dbt builds {builds:,.0f} s (two a night),"
            f" the raw and candidate gates {gates:,.0f} s, the COPY {copy:,.0f} s; the other"
            f" {total - linear:,.0f} s (Airflow scheduling and task start-up"
            " per file, the submissions, freshness, publication, report) does not.",
            f"Linearly, N = 100 ({rows * 100:,} rows) would take about {n100 / 3600:,.1f} h on"
            " this 2-core machine, nearly all of it dbt. That is too long for a night, and the"
            " levers are known: one transform a night instead of two (the submissions DAG then"
            " has to run before the DUO build, not after it), incremental fact models per"
            " peiljaar (a new DUO year touches a tenth of the rows, not all of them), and a"
            " warehouse server with more cores for dbt's threads; the loader itself (COPY,"
            f" streaming, {loader_text}flat memory) and the gates are not the bottleneck.",
            *measured_n10,
            "Not run: N = 100 needs about 100x the disk of N = 1 for raw, archive and marts, and"
            " hours per run.",
        ]
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


def _n10_text(payload: dict, per_row: float) -> str:
    runs = [m for m in payload["measurements"] if m.get("extra", {}).get("phases")]
    if len(runs) != 2:
        return f"Measured at N = 10, the time per input row was {per_row:.2f}x that of N = 1."
    (n1, n10) = runs
    dbt = [_task_sum(m["extra"]["phases"], "sto_transform", "dbt_build") for m in (n1, n10)]
    publish = [_task_sum(m["extra"]["phases"], "sto_transform", "publish") for m in (n1, n10)]
    gate = [_task_sum(m["extra"]["phases"], "sto_ingest", *RAW_GATE) for m in (n1, n10)]
    return (
        f"Measured at N = 10 ({n10['extra']['rows']:,} DUO rows), the time per input row was"
        f" {per_row:.2f}x that of N = 1 in the same run: the fixed costs spread over more rows,"
        " so the linear estimate above is on the safe side. What grew with the rows: the dbt"
        f" builds {dbt[0]:,.0f} s -> {dbt[1]:,.0f} s, the raw gate {gate[0]:,.0f} s ->"
        f" {gate[1]:,.0f} s, and publication {publish[0]:,.0f} s -> {publish[1]:,.0f} s. The"
        " last was the release's change report diffing every published table against the"
        " previous release with EXCEPT ALL, the unchanged DUO facts too; since this run a"
        " row-hash fingerprint (one scan, no sort) skips the tables a build did not change."
    )


def narrative(cases: dict) -> list[str]:
    lines = ["## What the figures say\n"]
    missed = [r for payload in cases.values() for r in payload.get("ratios", []) if not r["met"]]
    if missed:
        lines.append("Targets missed in this run, and why:\n")
        for r in missed:
            reason = r["explanation"] or next(
                (why for name, why in MISSED_WHY.items() if r["name"].startswith(name)),
                "see the case module in bench/",
            )
            lines.append(f"- {r['name']}: {r['value']:.2f}x against {r['target']}. {reason}")
        lines.append("")
    else:
        lines.append("Every target was met in this run.\n")
    lines.append("### N = 100, estimated on paper\n")
    lines += _estimate_n100(cases)
    lines.append("")
    lines += _portal(cases)
    lines += _nightly(cases)
    return lines


def _nightly(cases: dict) -> list[str]:
    """What the nightly case says (bench/case_nightly.py): which facts each night rebuilt."""
    payload = cases.get("nightly")
    if not payload:
        return []
    lines = [
        "### Incremental nights (issue 14)\n",
        "Each night's plan, per large fact, as `prepare_candidate` decided it (one line per"
        " transform run of the night):\n",
    ]
    for m in payload["measurements"]:
        plan = m.get("extra", {}).get("plan")
        if not plan:
            continue
        lines.append(f"- {m['name'].split(':')[0]}:")
        for fact, reasons in sorted(plan.items()):
            lines.append(f"  - `{fact}`: " + "; then ".join(reasons))
    if "nightly10" not in cases:
        lines.append(
            "\nNot measured yet: the nights at `--scale 10` (`python -m bench nightly10`; loading"
            " the N = 10 history alone took ~40 min here) and so neither N=10 / N=1 (target <= 2x)"
            " nor publication's share at N = 10 (target <= 10%); the share above is at N = 1."
        )
    lines.append("")
    return lines


def _portal(cases: dict) -> list[str]:
    """What the portal case says (bench/case_portal.py)."""
    payload = cases.get("portal")
    if not payload:
        return []
    burst = next((m for m in payload["measurements"] if m.get("extra", {}).get("regions")), None)
    web, check = (sorted(m["seconds"])[len(m["seconds"]) // 2] for m in payload["measurements"][:2])
    lines = [
        "### The regions' portal\n",
        f"A region's progress report (the filled template, ~12 kB) gets its verdict through the"
        f" portal in {web * 1000:.0f} ms, against {check * 1000:.0f} ms for the same verdict"
        " in-process (`sto submission check`: read the workbook, run every rule against the"
        " warehouse, one login to PostgreSQL included). The difference is the web's own work:"
        " the upload, the session, archiving and registering the bytes, the hand-over into the"
        " landing folder (written and fsynced, then renamed), the trail, and the page. Two"
        " choices keep it small: a connection pool per server process (a new PostgreSQL backend"
        " with a scram-sha-256 login costs ~10 ms here, of the order of judging a small"
        " workbook), and the verdict on the upload's own answer instead of a redirect and a"
        " second request.",
    ]
    if burst:
        x = burst["extra"]
        load = x.get("load_average")
        lines.append(
            f"\n{x['regions']} regions uploading at the same moment (one thread each, a barrier"
            f" before the upload; two server processes on 2 cores): {x['answered']} answered, all"
            f" with their verdict ({', '.join(f'{n} {v.lower()}' for v, n in x['verdicts'].items())}),"
            f" p50 {x['p50']} s, p95 {x['p95']} s, the slowest {x['max']} s, all within"
            f" {x['wall_seconds']:.1f} s. None lost: {x['recorded']} uploads recorded, every"
            f" approved one ({x['approved']}) was in the landing folder and the night after loaded"
            f" {x['loaded_by_the_night']} of them; lost: {x['lost']}."
            + (
                f" The machine was shared with other work and loaded while this ran (load average"
                f" {load[0]} over the last minute on 2 cores), so these seconds are on the slow"
                " side; the ratio above alternates both sides and is less affected."
                if load
                else ""
            )
        )
    lines.append("")
    return lines


# Why a ratio can miss on this machine (filled in from measured runs; docs/benchmarks.md).
MISSED_WHY = {
    "night A": (
        "One transform a night, and its dbt step is close to the floor: 142 s through Airflow"
        " (dbt_build 141.6 s; the 204 dbt node tasks, waiting in the triggerer, end 0.4 s"
        " after it) against 121 s for the bare build with the same plan, 1.17x (the regions'"
        " first registrations move vestigingen between regions, so the vo facts are rebuilt in"
        " full on both sides). What the floor leaves out is the release's disclosure control"
        " and the gates: the audit's completion took 155 s (with the 78 regions' submissions the"
        " heuristic leaves cells the LP audit can narrow; each round chooses cells by LP,"
        " rebuilds the protected models with a dbt start of their own and audits again), the"
        " candidate gate 22 s, source freshness 9 s, publication 9 s, and the two ingest runs"
        " 109 s and 52 s (89 DUO stage tasks and the raw gate for the history's last year, then"
        " 31 submission tasks). Without the completion the night would be ~2x its floor;"
        ' docs/monitor.md ("The audit\'s completion") says what it costs and why (2026-12-08).'
    ),
    "night B": (
        "The same split as night A: the dbt step took 146 s against the bare build's 125 s"
        " (1.17x; only the new year's periods of four large facts rebuilt on both sides), and"
        " the completion 166 s, the candidate gate 24 s, source freshness 10 s on top."
    ),
    "nothing-new night": (
        "The ingest run is one task now: `anything_new` finds nothing and skips every other"
        " task (13.6 s and ten tasks before, 2026-12-07). What is left over the trivial DAG's"
        " task is that task's work: it lists and hashes every landed file against the archive"
        " and the skip keys, DUO and submissions (the history's 112 DUO files and both nights'"
        " 1,245 submission files, 226 MB of DUO alone), with a database round trip per file."
        " 2.8 s against 1.1 s here; on the bundled sample the same run takes 1.13 s"
        " (bench case pipeline, 2026-12-08)."
    ),
    "loader speed / DataFrame.to_sql speed": (
        "The same per-row work that keeps the loader under bare COPY (next item: the byte scan,"
        " FORCE_NOT_NULL, lineage columns, the period CHECK) divides this ratio too: in the runs"
        " on this machine a bare COPY was 14-24x faster than pandas 3.1's `read_csv` + `to_sql`"
        " (psycopg 3, SQLAlchemy 2), and the loader reaches 10-15x. The target that measures"
        " our own overhead is the one against bare COPY."
    ),
    "loader throughput / bare COPY throughput": (
        "The floor copies the file's columns into a bare table created in the same transaction"
        " (so, like the loader's pending table, it writes no WAL for the rows). The loader does"
        " on top, by design: one Python pass over the bytes for sha256, encoding and NUL bytes"
        " (~0.2 s for 162 MB; in the nightly run it is discover's pass, which the skip key needs"
        " anyway); per row FORCE_NOT_NULL on every column (an empty field stays '' byte for"
        " byte), six lineage columns filled from defaults including the row-number sequence, and"
        " a CHECK on the period so the ATTACH needs no validation scan (together ~0.4 s on"
        " 1,075,333 rows, measured by leaving each out); then the audit rows and the swap. That"
        " is ~0.8 s on a ~1.3 s floor. Against the earlier floor (table created in its own"
        " transaction, WAL written) the ratio moved between 0.54x and 0.81x from run to run with"
        " checkpoints and disk flushes; the session-cached row-number sequence and"
        " wal_level=minimal took the loader itself from ~3 s to ~2 s."
    ),
    "time per input row, N=10 / N=1": (
        "The two phase tables (N = 1 and N = 10 of the same run) show which steps grew faster"
        " than the rows."
    ),
    "sto_transform.py": (
        "The absolute figure is ~0.2 s, well under a second; nearly all of it is importing"
        " astronomer-cosmos (its package __init__ pulls in its DAG/TaskGroup/converter modules)"
        " to instantiate DbtBuildLocalOperator at parse time; the 204 dbt node tasks, built from"
        " $STO_HOME/dbt/nodes.json (JSON, no dbt), add well under 0.1 s. No great_expectations,"
        " pandas or dbt is imported (tests/dags). The other DAG files, without cosmos, are"
        " ~1-1.5x."
    ),
    "pipeline N=": (
        "The floor is one dbt build, one trivial DAG run, the GX import and the COPY; the"
        " nightly run does more by design (the breakdown under the national table): it"
        " transforms twice - after the DUO ingest, and again after the submissions, which are"
        " checked against the address lists that ingest loaded and must never be read"
        " half-loaded by a build - each a full dbt build; every DUO file is a mapped task"
        " (~1 s of Airflow start-up each, four at a time on two cores); and it runs what the"
        " floor leaves out: the raw gate, the candidate gates, source freshness, publication,"
        " the report and the regions' submissions. One transform a night would take about a"
        " third off; the rest is Airflow's per-task cost and work the floor does not contain."
    ),
    "candidate gate: GX / plain SQL": (
        "Great Expectations' UnexpectedRowsExpectation (88 of the candidate checks) runs each"
        " query twice, also with BOOLEAN_ONLY: once as COUNT(*) for the verdict and once for up"
        " to 200 sample rows (great_expectations/expectations/metrics/query_metric_provider.py),"
        " so 2x is its own floor; the rest is GX's set-up per suite (31 suites: datasource,"
        " asset, batch and validation definition). In absolute terms the gate takes ~5 s at"
        " N = 1. Before the exact sums behind the protected indicators were materialised as"
        " tables it took 234 s, and over 16 min once the regions' data was in."
    ),
    "raw gate: GX / plain SQL": (
        "As for the candidate gate: each UnexpectedRowsExpectation query runs twice (count and"
        " sample), plus GX's per-suite set-up; under a second in absolute terms for the largest"
        " partition, and the raw gate's 810 checks over 96 new partitions took 37 s of the"
        " nightly run."
    ),
    "dbt step through Airflow / bare dbt build": (
        "On the sample the build is short (28 s bare), so the step's fixed part weighs: the"
        " dbt_build task's own start (a task process that parses the DAG file, cosmos and the"
        " 204 node operators included), cosmos' copy of the project and its profile, the"
        " artifacts callback, and the node tasks' last poll of dbt's log (at most a second):"
        " 11 s on 28 s, 1.39x. The node tasks take no worker and no dbt of their own (they"
        " wait in the triggerer); at N = 1 the same step is 1.17x the bare build with the same"
        " plan (case nightly, both nights), where the fixed part is small against the build."
    ),
    "no-change rerun / trivial DAG run": (
        "A no-change ingest run is discover (hashing every landed file against the archive:"
        " 124 files, 226 MB at N = 1), a zero-length mapped expansion and three skipped tasks,"
        " each a step of Airflow's scheduling loop, against one task for the trivial DAG; about"
        " 5 s against 1 s. It starts no mapped task and no rebuild."
    ),
}
