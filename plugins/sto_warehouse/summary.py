"""What `sto run` and `sto status` print: loads, rejections, gates, the release, the headline."""

from __future__ import annotations

import psycopg

from sto_warehouse import db
from sto_warehouse.config import Settings, redact


def loads_for_runs(conn: psycopg.Connection, run_ids: list[str]) -> list[tuple]:
    return conn.execute(
        "select dataset, count(*) filter (where status = 'loaded'),"
        " coalesce(sum(row_count) filter (where status = 'loaded'), 0),"
        " string_agg(distinct period, ', ' order by period) filter (where status = 'loaded')"
        " from audit.loads where run_id = any(%s) and dataset is not null"
        " group by dataset order by dataset",
        (run_ids,),
    ).fetchall()


def rejections(
    conn: psycopg.Connection, run_ids: list[str] | None = None, limit: int = 20
) -> list[tuple]:
    where = "where run_id = any(%s)" if run_ids is not None else ""
    params = (run_ids,) if run_ids is not None else ()
    return conn.execute(
        "select distinct on (file_sha256) source_file, code, message, fix, quarantine_path,"
        f" created_at from audit.rejections {where} order by file_sha256, rejection_id"
        f" limit {int(limit)}",
        params,
    ).fetchall()


def gate_results(conn: psycopg.Connection, run_ids: list[str]) -> list[tuple]:
    return conn.execute(
        "select stage, count(*), count(*) filter (where not success and severity = 'error'),"
        " count(*) filter (where not success and severity = 'warning')"
        " from audit.gate_results where run_id = any(%s) group by stage order by stage",
        (run_ids,),
    ).fetchall()


def failed_checks(conn: psycopg.Connection, run_ids: list[str]) -> list[tuple]:
    return conn.execute(
        "select stage, severity, table_name, expectation, observed::text"
        " from audit.gate_results where run_id = any(%s) and not success"
        " order by severity, stage, table_name limit 20",
        (run_ids,),
    ).fetchall()


def headline(conn: psycopg.Connection) -> list[tuple]:
    """The technical share (sto_2020) per region for the latest published peiljaar."""
    exists = conn.execute("select to_regclass('monitor.ind_tech_share_upper')").fetchone()
    if not exists or not exists[0]:
        return []
    # The latest peiljaar whose national share is published (not withheld for suppression).
    return conn.execute(
        "select peiljaar, region_id, region_name, n_tech_pupils_upper, n_pupils_upper,"
        " share_tech_pupils, pct_suppressed from monitor.ind_tech_share_upper"
        " where definition = 'sto_2020' and peiljaar = coalesce(("
        "  select max(peiljaar) from monitor.ind_tech_share_upper where scope = 'national'"
        "  and share_tech_pupils is not null), ("
        "  select max(peiljaar) from monitor.ind_tech_share_upper))"
        " order by scope = 'national' desc, region_id = 'GEEN', region_id"
    ).fetchall()


def release(conn: psycopg.Connection) -> tuple | None:
    return conn.execute(
        "select release_id, run_id, published_at, forced from audit.releases"
        " order by release_id desc limit 1"
    ).fetchone()


def _pct(value) -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def print_run_summary(settings: Settings, run_ids: list[str], echo=print) -> None:
    with db.admin(settings) as conn:
        echo("\nRows loaded this run (per dataset):")
        rows = loads_for_runs(conn, run_ids)
        if not rows:
            echo("  nothing new: every file in the landing folder was loaded before")
        for dataset, files, total, periods in rows:
            if files:
                listed = (periods or "").split(", ")
                if len(listed) > 6:  # submissions: one period per region and reporting period
                    periods = f"{', '.join(listed[:3])}, … ({len(listed)} periods)"
                echo(f"  {dataset:<36} {total:>10,} rows from {files} file(s), periods {periods}")
        rejected = rejections(conn, run_ids)
        echo(f"\nRejected files ({len(rejected)}):" if rejected else "\nRejected files: none")
        for name, code, message, fix, folder, _ in rejected:
            echo(f"  {name}: [{code}] {message}")
            if fix:
                echo(f"      fix: {fix}")
            echo(f"      quarantined in {folder}")
        gates = gate_results(conn, run_ids)
        echo("\nQuality gates:" if gates else "\nQuality gates: not run (nothing to check)")
        for stage, checks, errors, warnings in gates:
            state = "PASSED" if not errors else "FAILED"
            echo(f"  {stage:<10} {state}: {checks} checks, {errors} errors, {warnings} warnings")
        for stage, severity, table, check, observed in failed_checks(conn, run_ids):
            echo(f"    {severity:<7} {stage}/{table}: {check} (observed {observed[:80]})")
        current = release(conn)
        if current:
            echo(
                f"\nPublished release: {current[0]} (run {current[1]}, {current[2]:%Y-%m-%d %H:%M})"
            )
        lines = headline(conn)
    if lines:
        echo(f"\nTechnical share, leerjaar 3-4 BB/KB/GL, sto_2020, peiljaar {lines[0][0]}:")
        width = max(len(line[1]) for line in lines)
        for _, region_id, name, tech, total, share, suppressed in lines:
            if share is not None:
                note = ""
            elif not total:
                note = "  (no pupils)"
            elif tech is None or total is None:
                note = "  (withheld: small-cell protection or DUO suppression)"
            else:
                note = f"  (withheld: {_pct(suppressed)} of cells '<5')"
            echo(
                f"  {region_id:<{width}} {name:<40} {_count(tech):>8} / {_count(total):>8}"
                f" = {_pct(share)}{note}"
            )


def _count(value) -> str:
    return "-" if value is None else f"{value:,}"


def print_connection_help(settings: Settings, echo=print) -> None:
    target = settings.target
    echo("\nWarehouse (PostgreSQL):")
    echo(f"  host 127.0.0.1 port {target.port} database {target.dbname}")
    echo(f"  read-only BI/researcher login: {redact(settings.bi_reader_url)}")
    echo("  full URLs with passwords: `sto url --role bi_reader` (or researcher)")
    echo(
        f"\nAirflow UI: {settings.airflow_base_url}  (user {settings.airflow_user},"
        f" password in {settings.env_file}: STO_AIRFLOW_ADMIN_PASSWORD; `sto url --airflow`)"
    )
    if settings.get("STO_PORTAL_PORT"):
        echo(
            f"\nRegions' portal: {settings.portal_url}  (accounts: `sto portal user add`;"
            " `sto url --portal`; docs/portal.md)"
        )


def dbt_nodes(path, slowest: int = 5) -> list[str]:
    """What one dbt build did, node by node, from its run_results.json: counts per status, every
    failed or erroring model/seed/test with dbt's message, and the slowest nodes."""
    import json

    results = json.loads(path.read_text()).get("results", [])
    if not results:
        return []
    states: dict[str, int] = {}
    for item in results:
        states[item["status"]] = states.get(item["status"], 0) + 1
    lines = [
        f"dbt: {len(results)} nodes ("
        + ", ".join(f"{n} {s}" for s, n in sorted(states.items()))
        + ")"
    ]
    for item in results:
        if item["status"] in ("error", "fail", "runtime error"):
            # dbt's first line names the node, the next ones say why (permission, SQL, rows).
            message = " ".join(p.strip() for p in (item.get("message") or "").splitlines())
            lines.append(
                f"  {item['status'].upper():<5} {item['unique_id']}"
                f" ({item.get('execution_time', 0):.1f}s): {message[:300]}"
            )
    ranked = sorted(results, key=lambda r: r.get("execution_time") or 0, reverse=True)
    lines.append(
        "  slowest: "
        + ", ".join(
            f"{r['unique_id'].split('.')[-1]} {r.get('execution_time', 0):.1f}s"
            for r in ranked[:slowest]
        )
    )
    return lines


def print_dbt_nodes(settings: Settings, run_ids: list[str], echo=print) -> None:
    """The dbt nodes of the runs' builds (kept in $STO_HOME/dbt/runs/<run_id>/target)."""
    from sto_warehouse.dbt_runner import run_dirs

    for run_id in run_ids:
        path = run_dirs(settings, run_id)[0] / "run_results.json"
        if path.exists():
            echo("")
            for line in dbt_nodes(path):
                echo(line)


def print_freshness(settings: Settings, echo=print) -> None:
    """The latest `dbt source freshness` result (written by the transform DAG)."""
    import json

    path = settings.dbt_runs / "freshness.json"
    if not path.exists():
        echo("\nSource freshness: not measured yet (runs after each transform)")
        return
    data = json.loads(path.read_text())
    results = data.get("results", [])
    stale = [r for r in results if r.get("status") != "pass"]
    echo(
        f"\nSource freshness ({data.get('metadata', {}).get('generated_at', '?')[:16]}):"
        f" {len(results) - len(stale)} fresh, {len(stale)} stale"
    )
    for item in stale:
        source = item["unique_id"].split(".")[-1]
        echo(f"  {item['status']:<5} {source}: newest data {str(item.get('max_loaded_at'))[:10]}")


def print_links(settings: Settings, echo=print) -> None:
    base = settings.airflow_base_url
    echo("\nReports:")
    for stage in ("raw", "candidate"):
        local = settings.datadocs / stage / "index.html"
        if local.exists():
            echo(f"  GX Data Docs ({stage}): {base}/sto/datadocs/{stage}/index.html  ({local})")
    report = settings.reports / "monitor" / "index.html"
    if report.exists():
        echo(f"  Monitor report: {base}/sto/monitor/index.html  ({report})")
