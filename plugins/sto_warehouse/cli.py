"""`sto`: set up, run and inspect the STO monitor warehouse.

\b
sto up        start the warehouse (embedded PostgreSQL unless WAREHOUSE_URL), Airflow, the portal
sto run       trigger the nightly pipeline, follow it, print what it did
sto status    last runs, loads, rejections, gate results, the current release
sto url       connection URLs (warehouse per role, Airflow UI, the regions' portal)
sto docs      build (and serve) the dbt docs site
sto portal    the regions' portal: accounts, access log
sto down      stop the portal, Airflow and the embedded warehouse
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import click

from sto_warehouse import config


def _settings() -> config.Settings:
    return config.load_settings()


@click.group(help=__doc__)
def main() -> None:
    pass


# -- services ------------------------------------------------------------------------------------


@main.command()
@click.option("--no-airflow", is_flag=True, help="Start only the warehouse.")
@click.option("--no-portal", is_flag=True, help="Do not start the regions' portal.")
def up(no_airflow: bool, no_portal: bool) -> None:
    """Start the warehouse, Airflow and the regions' portal (idempotent: running services are
    reused)."""
    from sto_warehouse import airflow_service, embedded, migrate, summary

    settings = config.ensure_generated(_settings())
    click.echo(f"STO_HOME: {settings.home}")
    if settings.external_warehouse:
        click.echo(f"using the existing PostgreSQL at {config.redact(settings.admin_url)}")
    else:
        if not embedded.is_initialised(settings):
            click.echo("initialising the embedded PostgreSQL …")
            embedded.initialise(settings)
        already = embedded.is_running(settings)
        embedded.start(settings)
        state = "already running" if already else "started"
        click.echo(f"embedded PostgreSQL {state} on 127.0.0.1:{settings.target.port}")
    applied = migrate.upgrade(settings)
    for migration in applied:
        click.echo(f"applied migration {migration.version:04d} {migration.name}")
    migrate.ensure_airflow_database(settings)
    from sto_warehouse import db as warehouse_db
    from sto_warehouse.ingest.pipeline import ensure_raw_tables

    with warehouse_db.loader(settings) as conn:
        ensure_raw_tables(conn)
    if not no_airflow:
        from sto_warehouse import dbt_runner

        # Before Airflow parses the transform DAG: its dbt node tasks come from this graph.
        if dbt_runner.refresh_node_graph(settings):
            click.echo("parsed the dbt project: its nodes are the transform DAG's tasks")
        running = airflow_service.running_components(settings)
        if len(running) == len(airflow_service.COMPONENTS):
            click.echo("Airflow already running")
        airflow_service.start(settings, echo=click.echo)
        click.echo(f"Airflow healthy at {settings.airflow_base_url}")
    if not (no_airflow or no_portal):
        from sto_warehouse.portal import service as portal_service

        if not portal_service.start(settings, echo=click.echo):
            click.echo("the portal already running")
        click.echo(f"portal answering at {settings.portal_url}")
    summary.print_connection_help(settings, echo=click.echo)


@main.command()
def down() -> None:
    """Stop the portal, Airflow and the embedded warehouse (data stays in $STO_HOME)."""
    from sto_warehouse import airflow_service, embedded
    from sto_warehouse.portal import service as portal_service

    settings = _settings()
    if portal_service.stop(settings):
        click.echo("stopped the portal")
    stopped = airflow_service.stop(settings)
    click.echo(f"stopped airflow: {', '.join(stopped) or 'nothing was running'}")
    if not settings.external_warehouse and embedded.is_running(settings):
        embedded.stop(settings)
        click.echo("stopped the embedded PostgreSQL")


@main.command()
@click.option(
    "--role",
    default="bi_reader",
    type=click.Choice(["bi_reader", "researcher", "loader", "transformer", "portal", "admin"]),
)
@click.option("--airflow", "show_airflow", is_flag=True, help="Print the Airflow UI and login.")
@click.option("--portal", "show_portal", is_flag=True, help="Print the regions' portal address.")
def url(role: str, show_airflow: bool, show_portal: bool) -> None:
    """Print a connection URL (with its generated password: keep it to yourself)."""
    settings = _settings()
    if show_portal:
        click.echo(settings.portal_url)
        return
    if show_airflow:
        click.echo(settings.airflow_base_url)
        click.echo(
            f"user {settings.airflow_user} password "
            f"{settings.require('STO_AIRFLOW_ADMIN_PASSWORD')}"
        )
        return
    click.echo(settings.admin_url if role == "admin" else settings.url_for(role))


# -- the pipeline --------------------------------------------------------------------------------


FINISHED = ("success", "failed")


def _echo_task_changes(client, dag_id: str, run_id: str, label: str, seen: dict) -> list[dict]:
    from sto_warehouse.orchestration import NODE_GROUP

    tis = client.task_instances(dag_id, run_id)
    for ti in tis:
        key = (run_id, ti["task_id"], ti.get("map_index", -1))
        state = ti.get("state") or "none"
        quiet = ("none", "scheduled", "queued")
        if ti["task_id"].startswith(NODE_GROUP + "."):
            # Hundreds of dbt node tasks: only the ones that did not pass, then a count.
            quiet += ("deferred", "success")
        if seen.get(key) != state and state not in quiet:
            seen[key] = state
            index = f"[{key[2]}]" if key[2] >= 0 else ""
            click.echo(f"  [{label}] {key[1]}{index}: {state}")
    return tis


def _echo_node_count(tis: list[dict], label: str) -> None:
    from collections import Counter

    from sto_warehouse.orchestration import NODE_GROUP

    states = Counter(
        ti.get("state") or "none" for ti in tis if ti["task_id"].startswith(NODE_GROUP)
    )
    if states:
        counts = ", ".join(f"{n} {state}" for state, n in states.most_common())
        click.echo(f"  [{label}] {NODE_GROUP}: {sum(states.values())} dbt node tasks: {counts}")


def _follow_run(client, dag_id: str, run_id: str, label: str, deadline: float) -> str:
    """Echo a run's task states as they change until it finishes; its final state."""
    seen: dict = {}
    while True:
        state = client.run(dag_id, run_id)["state"]
        tis = _echo_task_changes(client, dag_id, run_id, label, seen)
        if state in FINISHED:
            _echo_node_count(tis, label)
            return state
        if time.monotonic() > deadline:
            raise click.ClickException(f"{dag_id} run {run_id} did not finish in time ({state})")
        time.sleep(2)


def _transform_of(client, ingest_dag: str, run_id: str, deadline: float) -> str | None:
    """The transform run Airflow started on the Asset event of ingest run ``run_id`` (None when
    the run emitted none: nothing changed). Several events may share one transform run."""
    while True:
        events = client.asset_events(ingest_dag, run_id)
        if not events:
            return None
        created = [r["run_id"] for e in events for r in e.get("created_dagruns", [])]
        if created:
            return created[0]
        if time.monotonic() > deadline:
            raise click.ClickException("the transform did not start after the ingest announced")
        time.sleep(2)


def _trigger_the_night(client, dag_id: str, run_id: str, conf: dict, slot: str | None) -> None:
    """Trigger ``run_id``. While the latest night has no run yet (a DAG never unpaused), the run
    takes that night's logical date: the scheduler, unpaused next, finds the night's run there
    and starts none of its own (a fresh `make run` shows one ingest run, not two)."""
    from sto_warehouse.airflow_client import AirflowError

    past = slot is not None and datetime.fromisoformat(slot) <= datetime.now(UTC)
    try:
        client.trigger(dag_id, run_id=run_id, conf=conf, logical_date=slot if past else None)
    except AirflowError as exc:
        if not past or "HTTP 409" not in str(exc):
            raise
        client.trigger(dag_id, run_id=run_id, conf=conf)  # the night ran already


def _trigger_and_follow(settings: config.Settings, conf: dict, sample: bool, timeout: int) -> None:
    """Trigger one ingest run with ``conf``, follow it and the transform run Airflow starts on its
    Asset event, print the summary; exit 1 when either failed. The order of the night (DUO,
    then the submissions, then one build) is the DAGs' own: nothing is decided here."""
    from sto_warehouse import airflow_service, orchestration, summary
    from sto_warehouse.airflow_client import AirflowClient

    ingest_dag, transform_dag = orchestration.INGEST_DAG, orchestration.TRANSFORM_DAG
    if len(airflow_service.running_components(settings)) < len(airflow_service.COMPONENTS):
        raise click.ClickException("Airflow is not running: start it with `sto up`")
    if sample:
        from sto_warehouse import provenance

        written = provenance.write_sample(settings)
        click.echo(f"sample data (SYNTHETIC): {len(written)} file(s) in {settings.landing}")
    client = AirflowClient.for_settings(settings)
    client.wait_for_dag(transform_dag)
    client.unpause(transform_dag)  # before the ingest runs, so it takes the Asset event
    ingest = client.wait_for_dag(ingest_dag)
    label = "sto_reload" if "reload" in conf else "sto_run"
    run_id = f"{label}__{datetime.now(UTC):%Y%m%dT%H%M%S}"
    started = time.monotonic()
    deadline = started + timeout
    _trigger_the_night(client, ingest_dag, run_id, conf, ingest.get("next_dagrun_logical_date"))
    client.unpause(ingest_dag)  # the nightly schedule (from the next night on)
    click.echo(f"triggered {ingest_dag} run {run_id}")
    states = {run_id: _follow_run(client, ingest_dag, run_id, "ingest", deadline)}
    transform_run = _transform_of(client, ingest_dag, run_id, deadline)
    if transform_run is None:
        if states[run_id] == "success":
            click.echo("nothing changed in raw: no rebuild, the published release stays as it is")
    else:
        click.echo(f"{transform_dag} run {transform_run} (asset_triggered) by {run_id}")
        states[transform_run] = _follow_run(
            client, transform_dag, transform_run, "transform", deadline
        )
    summary.print_run_summary(settings, list(states), echo=click.echo)
    summary.print_dbt_nodes(settings, list(states), echo=click.echo)
    summary.print_links(settings, echo=click.echo)
    summary.print_connection_help(settings, echo=click.echo)
    described = ", ".join(f"{k} {v}" for k, v in states.items())
    click.echo(f"\nPipeline finished in {time.monotonic() - started:.0f}s: {described}")
    if any(state != "success" for state in states.values()):
        sys.exit(1)


@main.command()
@click.option(
    "--sample/--no-sample",
    default=True,
    help="Write the bundled sample data into the landing folder first (default).",
)
@click.option("--timeout", default=1800, show_default=True, help="Seconds to wait for the runs.")
def run(sample: bool, timeout: int) -> None:
    """Trigger the ingest DAG (DUO, then the submissions), follow it and the transform run its
    Asset event starts, print the summary."""
    _trigger_and_follow(_settings(), {"triggered_by": "sto run"}, sample, timeout)


@main.command()
@click.option("--dataset", help="Registry dataset, e.g. duo_vo_leerlingen_onderwijstype.")
@click.option("--period", help="Only this period (needs --dataset).")
@click.option("--all", "everything", is_flag=True, help="Every partition of every dataset.")
@click.option("--local", is_flag=True, help="Load in this process instead of through Airflow.")
@click.option("--timeout", default=1800, show_default=True)
def reload(
    dataset: str | None, period: str | None, everything: bool, local: bool, timeout: int
) -> None:
    """Reload partitions from the archive (forced past the skip key); the transform follows."""
    if not (dataset or everything) or (period and not dataset):
        raise click.UsageError("give --dataset [--period], or --all")
    from sto_warehouse.registry import get

    if dataset:
        try:
            get(dataset)
        except KeyError as exc:
            raise click.UsageError(str(exc)) from exc
    settings = _settings()
    if local:
        from sto_warehouse.ingest import pipeline

        tasks = pipeline.reload_tasks(settings, dataset, period)
        result = pipeline.load_paths(
            settings, f"sto_reload_local__{datetime.now(UTC):%Y%m%dT%H%M%S}", tasks=tasks
        )
        for item in result["loaded"]:
            click.echo(f"reloaded {item['dataset']} {item['period']}: {item['row_count']:,} rows")
        for item in result["rejected"]:
            click.echo(f"REJECTED {item['original_name']}: {item.get('reason')}")
        click.echo("raw changed; the next transform run publishes it (`sto run --no-sample`)")
        if result["rejected"]:
            sys.exit(1)
        return
    _trigger_and_follow(
        settings, {"reload": {"dataset": dataset, "period": period}}, False, timeout
    )


@main.command()
@click.option("--full", is_flag=True, help="Build every fact afresh, not only changed periods.")
@click.option("--local", is_flag=True, help="Build in this process instead of through Airflow.")
@click.option("--timeout", default=3600, show_default=True)
def rebuild(full: bool, local: bool, timeout: int) -> None:
    """Rebuild the marts from raw and publish them (the transform alone, no ingest).

    Without --full the large facts rebuild only the periods whose raw partitions changed since
    the published release; --full rebuilds everything (after a fix that the project's
    fingerprint does not see, or to compare)."""
    from sto_warehouse import incremental, orchestration

    settings = _settings()
    run_id = f"sto_rebuild{'_full' if full else ''}__{datetime.now(UTC):%Y%m%dT%H%M%S}"
    if local:
        try:
            reasons, release = incremental.rebuild_local(settings, run_id, full=full)
        except Exception as exc:  # dbt, gate or publication: the release is unchanged
            raise click.ClickException(str(exc)) from exc
        for fact, why in reasons.items():
            click.echo(f"  {fact}: {why}")
        click.echo(f"published release {release}")
        return
    from sto_warehouse import airflow_service
    from sto_warehouse.airflow_client import AirflowClient

    if len(airflow_service.running_components(settings)) < len(airflow_service.COMPONENTS):
        raise click.ClickException("Airflow is not running: start it with `sto up` (or --local)")
    client = AirflowClient.for_settings(settings)
    dag_id = orchestration.TRANSFORM_DAG
    client.wait_for_dag(dag_id)
    client.trigger(dag_id, run_id=run_id, conf={"full_refresh": full})
    client.unpause(dag_id)
    click.echo(f"triggered {dag_id} run {run_id}")
    started, seen, state = time.monotonic(), {}, "queued"
    while state not in ("success", "failed"):
        if time.monotonic() - started > timeout:
            raise click.ClickException(f"{dag_id} run {run_id} did not finish within {timeout}s")
        time.sleep(3)
        _echo_task_changes(client, dag_id, run_id, "transform", seen)
        state = client.run(dag_id, run_id).get("state") or state
    if state != "success":
        raise click.ClickException(f"{dag_id} run {run_id} failed; the release is unchanged")
    from sto_warehouse import db, publish

    with db.transformer(settings) as conn:
        current = publish.current_release(conn)
    click.echo(f"published release {current['release_id'] if current else '?'}")


@main.group()
def duo() -> None:
    """DUO files: check one before loading it."""


@duo.command("check")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--period", help="Use this period instead of reading it from the file.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def duo_check(file: Path, period: str | None, as_json: bool) -> None:
    """Which publication, vintage and period FILE is, and what would be loaded, warned or
    rejected. Exits 1 when the file would be rejected."""
    import json as json_module

    from sto_warehouse.ingest.check import check

    settings = _settings() if _settings().env_file.exists() else None
    verdict = check(settings, file, period)
    if as_json:
        click.echo(json_module.dumps(verdict.__dict__, indent=2, default=str))
    else:
        ident = verdict.identification or {}
        click.echo(f"file: {verdict.file}")
        if ident:
            click.echo(f"publication: {ident['dataset']} ({ident['title']})")
            click.echo(f"vintage: {ident['vintage']}")
            click.echo(f"period: {ident['period']} (from {ident['period_source']})")
            click.echo(
                f"format: {ident['encoding']}{' with BOM' if ident['bom'] else ''},"
                f" delimiter {ident['delimiter']!r}, {'quoted' if ident['quoted'] else 'unquoted'},"
                f" {ident['newline']}, {ident['columns']} columns"
            )
        if verdict.rows is not None:
            click.echo(f"rows: {verdict.rows:,} ({verdict.method})")
        if verdict.gate is not None:
            click.echo(f"raw gate: {verdict.gate['checks']} checks run, as the night runs them")
        for warning in ident.get("warnings", []):
            click.echo(f"WARNING [{warning['code']}] {warning['message']}")
        for warning in (verdict.gate or {}).get("warnings", []):
            click.echo(
                f"WARNING [{warning['code']}] {warning['check']}: observed {warning['observed']}"
            )
        if not verdict.rejected:
            click.echo("verdict: would load" + ("" if verdict.gate else " (raw gate not run)"))
        for problem in verdict.problems:
            where = ", ".join(
                f"{k} {problem[k]}" for k in ("line", "column") if problem.get(k) is not None
            )
            click.echo(
                f"REJECTED [{problem['code']}] {problem['message']}"
                + (f" ({where})" if where else "")
            )
            if problem.get("expected"):
                click.echo(f"  expected: {problem['expected']}")
            if problem.get("found"):
                click.echo(f"  found: {problem['found']}")
            if problem.get("fix"):
                click.echo(f"  fix: {problem['fix']}")
    if verdict.rejected:
        sys.exit(1)


@main.command()
def status() -> None:
    """Last runs, loads, rejections, gate results and the current release."""
    from sto_warehouse import airflow_service, db, orchestration, summary
    from sto_warehouse.airflow_client import AirflowClient

    settings = _settings()
    running = airflow_service.running_components(settings)
    click.echo(f"Airflow components running: {', '.join(running) or 'none'}")
    run_ids: list[str] = []
    if running:
        client = AirflowClient.for_settings(settings)
        click.echo("\nLast runs:")
        for dag_id in orchestration.DAGS:
            try:
                runs = client.runs(dag_id, limit=3)
            except Exception as exc:  # noqa: BLE001 - status must print what it can
                click.echo(f"  {dag_id}: unavailable ({exc})")
                continue
            if runs:
                run_ids.append(runs[0]["dag_run_id"])
            for number, item in enumerate(runs):
                click.echo(
                    f"  {dag_id:<14} {item['dag_run_id']:<48} {item['run_type']:<16}"
                    f" {item['state']}"
                )
                if number == 0 and item["state"] == "failed":
                    # What the engineer paged at night opens first: the failed tasks' logs.
                    failed = [
                        ti["task_id"]
                        + (f"[{ti['map_index']}]" if ti.get("map_index", -1) >= 0 else "")
                        for ti in client.task_instances(dag_id, item["dag_run_id"])
                        if ti.get("state") in ("failed", "upstream_failed")
                    ]
                    click.echo(f"      failed tasks: {', '.join(failed) or 'none recorded'}")
    with db.admin(settings) as conn:
        click.echo("\nRaw partitions:")
        for dataset, period, rows, when in conn.execute(
            "select dataset, period, row_count, swapped_at from audit.partitions"
            " order by dataset, period"
        ).fetchall():
            click.echo(
                f"  {dataset:<36} {period:<10} {rows:>10,} rows  loaded {when:%Y-%m-%d %H:%M}"
            )
        rejected = summary.rejections(conn, None, limit=10)
        click.echo(
            f"\nRejected files ({len(rejected)} most recent):"
            if rejected
            else "\nRejected files: none"
        )
        for name, code, message, _fix, folder, when in rejected:
            click.echo(f"  {when:%Y-%m-%d %H:%M} {name}: [{code}] {message}")
            click.echo(f"      {folder}")
    if run_ids:  # the latest run of each DAG
        summary.print_run_summary(settings, run_ids, echo=click.echo)
        summary.print_dbt_nodes(settings, run_ids, echo=click.echo)
    summary.print_freshness(settings, echo=click.echo)
    summary.print_links(settings, echo=click.echo)


# -- releases ------------------------------------------------------------------------------------


@main.command()
@click.option("--force", is_flag=True, help="Publish although an error-level check failed.")
@click.option("--reason", help="Why (required with --force; recorded in the release).")
def publish(force: bool, reason: str | None) -> None:
    """Publish the current candidate (marts__wap, monitor__wap) as a new release.

    Normally the transform DAG publishes after a passed gate; this is the operator's override,
    recorded as forced with its reason and the gate results it overrode.
    """
    from sto_warehouse import db as warehouse_db
    from sto_warehouse import publish as publisher

    if force and not reason:
        raise click.UsageError("--force needs --reason")
    settings = _settings()
    with warehouse_db.admin(settings) as conn:
        row = conn.execute(
            "select run_id from audit.gate_results where stage = 'candidate'"
            " order by gate_result_id desc limit 1"
        ).fetchone()
        if not row:
            raise click.ClickException("no candidate gate has run yet")
        run_id = row[0]
        failed = conn.execute(
            "select table_name, expectation, severity, observed::text from audit.gate_results"
            " where run_id = %s and stage = 'candidate' and not success",
            (run_id,),
        ).fetchall()
    errors = [f for f in failed if f[2] == "error"]
    summary = {
        "passed": not errors,
        "run_id": run_id,
        "failed_errors": len(errors),
        "errors": [{"table": t, "check": c, "observed": o} for t, c, sev, o in errors],
        "warnings": [
            {"table": t, "check": c, "observed": o} for t, c, sev, o in failed if sev == "warning"
        ],
    }
    if errors and not force:
        for table, check, _, observed in errors:
            click.echo(f"  failed: {table} {check} (observed {observed})")
        raise click.ClickException(
            "the candidate failed error-level checks; use --force --reason '…' to publish anyway"
        )
    try:
        release = publisher.publish(
            settings, f"{run_id}+manual", summary, forced=force, reason=reason
        )
    except publisher.PublishRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"published release {release}" + (f" (forced: {reason})" if force else ""))


@main.group()
def release() -> None:
    """Numbered releases: list, freeze, export."""


@release.command("list")
def release_list() -> None:
    """Every release with its run, gate result and what changed."""
    from sto_warehouse import db as warehouse_db

    with warehouse_db.admin(_settings()) as conn:
        rows = conn.execute(
            "select release_id, published_at, run_id, forced, reason, frozen_schema,"
            " (gate_summary ->> 'passed'), jsonb_array_length(inputs),"
            " (select count(*) from jsonb_object_keys(changes -> 'tables')),"
            " jsonb_array_length(coalesce(changes -> 'partitions', '[]')), source_quality"
            " from audit.releases order by release_id"
        ).fetchall()
    for rid, when, run_id, forced, reason, frozen, passed, n_inputs, n_tables, n_parts, q in rows:
        flags = (" FORCED: " + reason) if forced else ""
        flags += f" frozen as {frozen}" if frozen else ""
        # Made-up inputs must never pass for real ones (audit.synthetic_files; migration 0005).
        flags += {"synthetic": "  SYNTHETIC DATA", "mixed": "  PARTLY SYNTHETIC DATA"}.get(q, "")
        click.echo(
            f"{rid:>4}  {when:%Y-%m-%d %H:%M}  {run_id}  gate passed={passed}"
            f"  inputs={n_inputs}  changed tables={n_tables} partitions={n_parts}{flags}"
        )


@release.command("freeze")
@click.argument("release_id", type=int)
def release_freeze(release_id: int) -> None:
    """Keep release N as a read-only schema release_NNNN (researchers can query it)."""
    from sto_warehouse import releases

    try:
        schema = releases.freeze(_settings(), release_id)
    except releases.ReleaseUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"release {release_id} frozen as schema {schema}")


@release.command("export")
@click.argument("release_id", type=int)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["parquet", "csv"]),
    default=("parquet", "csv"),
    show_default=True,
)
def release_export(release_id: int, out: Path, formats: tuple[str, ...]) -> None:
    """Write release N as Parquet/CSV files plus manifest.json."""
    from sto_warehouse import releases

    try:
        folder = releases.export(_settings(), release_id, out, tuple(formats))
    except releases.ReleaseUnavailable as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"release {release_id} exported to {folder}")


@main.command()
@click.argument("table")
@click.option("--where", "condition", help="SQL condition on the published table's rows.")
@click.option("--json", "as_json", is_flag=True)
def lineage(table: str, condition: str | None, as_json: bool) -> None:
    """From rows of a published table back to the load ids and files behind them."""
    import json as json_module

    from sto_warehouse import lineage as tracer

    try:
        result = tracer.trace(_settings(), table, condition)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    if as_json:
        click.echo(json_module.dumps(result, indent=2, default=str))
        return
    rel = result["release"] or {}
    click.echo(
        f"{result['table']}: {result['rows_matched']} row(s) matched"
        f" in release {rel.get('release_id')} (run {rel.get('run_id')})"
    )
    click.echo(f"upstream raw datasets: {', '.join(result['upstream_datasets']) or '-'}")
    for p in result["partitions"]:
        click.echo(
            f"  {p['dataset']} {p['period']}: load {p['load_id']} ({p['row_count']} rows)"
            f" file {p['original_name']} sha256 {p['file_sha256']}"
        )
        click.echo(f"      archive {p.get('archive_path')}  loaded by run {p.get('load_run_id')}")


@main.command("report")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the site (default: $STO_HOME/reports/monitor, served at /sto/monitor/).",
)
def report_command(out: Path | None) -> None:
    """Write the monitor report: a static HTML site (national page, one page per region) over
    the published release, readable offline (docs/monitor-report.md)."""
    import psycopg

    from sto_warehouse import report

    settings = _settings()
    try:
        index = report.build(settings, out)
    except FileExistsError as exc:
        raise click.ClickException(str(exc)) from exc
    except psycopg.OperationalError as exc:
        message = f"cannot read the warehouse (is it up? `sto up`): {exc}"
        raise click.ClickException(message) from exc
    click.echo(f"monitor report: {index} ({len(list(index.parent.glob('region-*.html')))} regions)")
    if out is None and settings.get("STO_AIRFLOW_PORT"):
        click.echo(f"in the Airflow UI: {settings.airflow_base_url}/sto/monitor/index.html")


# -- maintenance ---------------------------------------------------------------------------------


@main.group()
def db() -> None:
    """Warehouse schema management."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations of raw/audit (versioned DDL)."""
    from sto_warehouse import migrate

    settings = _settings()
    applied = migrate.upgrade(settings)
    for migration in applied:
        click.echo(f"applied {migration.version:04d} {migration.name}")
    if not applied:
        click.echo("schema is up to date")


@main.command("backup")
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."), show_default=True
)
def backup_command(out: Path) -> None:
    """Back up the warehouse database (pg_dump) and the archive of input files."""
    from sto_warehouse import backup

    folder = backup.backup(_settings(), out)
    click.echo(f"backup written to {folder}")


@main.command("restore")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask: the current warehouse is replaced.")
def restore_command(folder: Path, yes: bool) -> None:
    """Restore a `sto backup` folder into this $STO_HOME's warehouse (replacing it)."""
    from sto_warehouse import backup

    settings = _settings()
    if not yes:
        click.confirm(
            f"replace the warehouse database {settings.database} and the archive?", abort=True
        )
    manifest = backup.restore(settings, folder)
    click.echo(f"restored {manifest['counts']} from {folder}")


@main.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be removed.")
def prune(dry_run: bool) -> None:
    """Apply the retention policy (docs/quality.md, "Retention"); the archive and the trail are kept."""
    from sto_warehouse import prune as pruner

    result = pruner.prune(_settings(), dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    click.echo(f"{verb} {result.gate_results} gate result row(s)")
    click.echo(f"{verb} {result.portal_log} portal access log row(s)")
    for label, items in (
        ("quarantined file(s)", result.quarantine),
        ("dbt run folder(s)", result.dbt_runs),
        ("failed candidate schema(s)", result.candidates),
        ("portal upload folder(s) in the landing folder", result.portal_landing),
    ):
        click.echo(f"{verb} {len(items)} {label}")
        for item in items:
            click.echo(f"  {item}")


@main.command()
@click.argument(
    "submission_type",
    type=click.Choice(["registratie", "deelnemers", "aanvraag", "voortgang", "eindverslag"]),
)
@click.option("--region", required=True, help="The region's id (DUS-I registration number).")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--period", default=None, help="Pre-fill the period (e.g. 2020-2023-VR1).")
def template(submission_type: str, region: str, out: Path, period: str | None) -> None:
    """Write the fillable xlsx template of a submission type for a region (docs/submissions.md)."""
    from sto_warehouse.submissions import spec
    from sto_warehouse.submissions import template as templates
    from sto_warehouse.submissions.values import REGION_ID

    if not REGION_ID.match(region):
        raise click.UsageError(f"--region {region!r} is not a region id (A-Z, 0-9, -)")
    if period and period not in spec.periods_for(submission_type):
        allowed = ", ".join(spec.periods_for(submission_type))
        raise click.UsageError(f"--period must be one of: {allowed}")
    if out.suffix.lower() != ".xlsx":
        raise click.UsageError("--out must end in .xlsx")
    templates.write(submission_type, region, out, period)
    click.echo(f"template {submission_type} {spec.TEMPLATE_VERSION} for {region}: {out}")


@main.command()
@click.option("--serve/--no-serve", default=True, help="Serve the site, or only print its path.")
@click.option("--port", default=8081, show_default=True, help="Port on 127.0.0.1 to serve on.")
@click.option(
    "--offline",
    is_flag=True,
    help="Without a running warehouse: no compilation, no catalog (columns from the YAML only).",
)
def docs(serve: bool, port: int, offline: bool) -> None:
    """Build the dbt docs site (models, columns, tests, lineage, exposures) into
    $STO_HOME/dbt/docs - also served by the Airflow UI at /sto/dbt-docs/ - and serve it."""
    import functools
    import http.server

    from sto_warehouse import dbt_runner

    settings = _settings()
    target = settings.dbt_runs / "docs"
    args = ["docs", "generate"] + (["--no-compile", "--empty-catalog"] if offline else [])
    result = dbt_runner.run(
        settings, args, "docs", target, settings.dbt_runs / "docs-logs", capture=True
    )
    if result.returncode != 0 or not (target / "index.html").exists():
        click.echo(result.stdout[-3000:] + result.stderr[-2000:], err=True)
        raise SystemExit("dbt docs generate failed (is the warehouse up? `sto up`, or --offline)")
    click.echo(f"dbt docs: {target / 'index.html'}")
    if not serve:
        return
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(target))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"serving http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped")


@main.command()
@click.option("--scale", default=0.1, show_default=True, help="1 = national size.")
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Folder (default: the landing folder).",
)
def sample(scale: float, out: str | None) -> None:
    """Write the bundled synthetic sample data (DUO-shaped files)."""
    from pathlib import Path

    import psycopg

    from sto_warehouse import provenance

    settings = _settings()
    target = Path(out) if out else settings.landing
    try:
        written = provenance.write_sample(settings, target, scale=scale)
    except psycopg.OperationalError as exc:
        raise click.ClickException(
            f"the files are written, but not recorded as synthetic ({exc.__class__.__name__}):"
            " start the warehouse (`sto up`) and run `sto sample` again"
        ) from exc
    click.echo(f"{len(written)} file(s) in {target}")


# -- regional submissions and the regions' portal --------------------------------------------------


class CheckFailed(click.ClickException):
    exit_code = 2  # 1 means "would be rejected"


@main.group()
def submission() -> None:
    """Regional submissions: check one before it is delivered."""


@submission.command("check")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--region", help="The region (landing folder or portal account) it comes from.")
@click.option("--json", "as_json", is_flag=True, help="The feedback document as JSON.")
def submission_check(files: tuple[Path, ...], region: str | None, as_json: bool) -> None:
    """The night's verdict on FILE (an xlsx or JSON file, or the CSV files of one set) from
    region ID: the same reader, rules and Dutch feedback as the nightly load and the portal,
    against the warehouse as it is now; nothing is stored. Exits 1 when it would be rejected."""
    import json as json_module

    import psycopg

    from sto_warehouse.submissions import verdict
    from sto_warehouse.submissions.values import REGION_ID

    if region and not REGION_ID.match(region):
        raise click.UsageError(f"--region {region!r} is not a region id (A-Z, 0-9, -)")
    contents = [(path.name, path.read_bytes()) for path in files]
    try:
        found = verdict.check(_settings(), contents, sender=region)
    except (psycopg.OperationalError, RuntimeError) as exc:
        raise CheckFailed(f"cannot read the warehouse (is it up? `sto up`): {exc}") from exc
    status = "goedgekeurd" if found.ok else "afgewezen"
    doc = found.document(status)
    if as_json:
        click.echo(json_module.dumps(doc, indent=2, ensure_ascii=False))
    else:
        click.echo(f"bestand: {doc['bestand']} (sha256 {found.sha256[:16]}…)")
        click.echo(
            f"soort {doc['soort'] or '?'}, regio {doc['regio_id'] or '?'}, periode"
            f" {doc['periode'] or '?'}, sjabloonversie {doc['sjabloonversie'] or '?'}"
            + ("" if region else " (zonder --region: geen controle op de afzender)")
        )
        click.echo(
            f"uitslag: {status.upper()} - {doc['aantal_fouten']} fout(en),"
            f" {doc['aantal_waarschuwingen']} waarschuwing(en)"
        )
        for f in doc["bevindingen"]:
            where = " ".join(str(x) for x in (f["tabblad"], f["cel"]) if x)
            click.echo(f"  {f['ernst']} [{f['regel']}] {where}: {f['melding']}")
            click.echo(f"      oplossing: {f['oplossing']}")
    if not found.ok:
        sys.exit(1)


@main.group()
def portal() -> None:
    """The regions' portal: accounts and the access log (docs/portal.md)."""


@portal.command("serve")
def portal_serve() -> None:
    """Run the portal in the foreground (`sto up` runs it in the background)."""
    from sto_warehouse.portal import service

    service.serve(_settings())


@portal.group("user")
def portal_user() -> None:
    """Accounts: add, list, disable, enable, password."""


def _account_call(fn, *args, **kwargs):
    from sto_warehouse.portal.accounts import AccountError

    try:
        return fn(_settings(), *args, **kwargs)
    except AccountError as exc:
        raise click.UsageError(str(exc)) from exc


@portal_user.command("add")
@click.argument("username")
@click.option(
    "--role",
    type=click.Choice(["regio", "programma", "subsidieverstrekker"]),
    default="regio",
    show_default=True,
    help="regio: one region; programma: programme staff (every region, read only);"
    " subsidieverstrekker: the grant administrator (its exports; every region, read only).",
)
@click.option("--region", help="The region id (role regio).")
@click.option("--name", "display_name", default="", help="The person's name, as shown.")
@click.option(
    "--password-stdin", is_flag=True, help="Read the initial password from stdin (else generated)."
)
def portal_user_add(
    username: str, role: str, region: str | None, display_name: str, password_stdin: bool
) -> None:
    """Create an account. Its initial password is printed once: hand it over out of band; it
    must be changed at the first login."""
    from sto_warehouse.portal import accounts

    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    initial = _account_call(accounts.add, username, role, region_id=region,
                            display_name=display_name, password=password, created_by="sto")  # fmt: skip
    where = f" for region {region}" if region else ""
    click.echo(f"added {username.lower()} ({role}{where})")
    if not password_stdin:
        click.echo(f"initial password (shown once, to be changed at the first login): {initial}")


@portal_user.command("list")
def portal_user_list() -> None:
    """Every account: role, region, whether it is disabled, its last login."""
    from sto_warehouse.portal import accounts

    for a in _account_call(accounts.accounts):
        state = f"DISABLED {a.disabled_at:%Y-%m-%d}" if a.disabled_at else "active"
        last = f"{a.last_login:%Y-%m-%d %H:%M}" if a.last_login else "never"
        click.echo(
            f"{a.username:<32} {a.role:<19} {a.region_id or '-':<12} {state:<20}"
            f" last login {last}  {a.display_name}"
        )


@portal_user.command("disable")
@click.argument("username")
@click.option("--reason", help="Why (kept with the account).")
def portal_user_disable(username: str, reason: str | None) -> None:
    """Refuse the account from now on: its sessions end at once."""
    from sto_warehouse.portal import accounts

    _account_call(accounts.disable, username, reason)
    click.echo(f"disabled {username.lower()}; its sessions have ended")


@portal_user.command("enable")
@click.argument("username")
def portal_user_enable(username: str) -> None:
    """Allow a disabled account again."""
    from sto_warehouse.portal import accounts

    _account_call(accounts.enable, username)
    click.echo(f"enabled {username.lower()}")


@portal_user.command("password")
@click.argument("username")
def portal_user_password(username: str) -> None:
    """A new generated password (printed once) that must be changed at the next login."""
    from sto_warehouse.portal import accounts

    password = _account_call(accounts.reset_password, username)
    click.echo(f"new password for {username.lower()} (shown once): {password}")


@portal.command("log")
@click.option("--limit", default=50, show_default=True)
@click.option("--user", "username", help="Only this account.")
@click.option("--region", help="Only this region.")
def portal_log(limit: int, username: str | None, region: str | None) -> None:
    """The latest logins, uploads, downloads and refusals, newest first."""
    from sto_warehouse.portal import accounts

    for at, user, role, region_id, action, outcome, obj, ip in _account_call(
        accounts.access_log, limit=limit, username=username, region_id=region
    ):
        click.echo(
            f"{at:%Y-%m-%d %H:%M:%S} {user or '-':<24} {role or '-':<12} {region_id or '-':<10}"
            f" {action:<9} {outcome:<8} {ip or '-':<15} {obj or ''}"
        )


if __name__ == "__main__":
    main()
