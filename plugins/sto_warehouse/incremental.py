"""Which periods of the large facts a candidate build must rebuild (issue 14, item 5).

The candidate (``marts__wap``) of an incremental fact starts as a copy of the PUBLISHED table;
dbt then deletes and re-inserts only the fact's periods (``peiljaar``) whose raw partitions
changed since the build of the published release (``delete+insert`` on ``peiljaar``). A fact is
built in full (not copied, so dbt creates it afresh) whenever the incremental answer could differ
from a full one:

- no published release, no published table, or ``sto rebuild --full``;
- the dbt project (models, macros, seeds, dbt_project.yml) or the as-of date differs from the
  build of the published release: any rule may have changed;
- a raw partition changed that reaches the fact other than through its period path (an address
  list reaches every vo fact through dim_vestiging and the region membership; a submission
  through the regions; read from the dbt manifest of the last build), or a partition of its own
  was removed; or no manifest is there to say which inputs reach it.

The plan is written as JSON on the candidate schema (``comment on schema marts__wap``), where
the dbt macro ``incremental_period_filter`` reads it, and publication keeps it in the release
(``audit.releases.versions -> 'build'``) so the next night compares against what was built, not
against what arrived meanwhile. Without a plan (a bare ``dbt build``) a fact rebuilds every period.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg
from psycopg import sql

from sto_warehouse import lineage, orchestration
from sto_warehouse.config import Settings

log = logging.getLogger(__name__)

CANDIDATE = "marts__wap"
PUBLISHED = "marts"
PERIOD_COLUMN = "peiljaar"


def _year(period: str) -> list[int]:
    return [int(period)]


def _year_before(period: str) -> list[int]:
    # vo_bestemming: the diploma year's peiljaar is the 1 October that opened it.
    return [int(period) - 1]


def _exam_year(period: str) -> list[int]:
    # examencijfers 'Y1-Y2': examenjaar Y2, peiljaar Y2 - 1 (stg_duo__vo_examencijfers).
    return [int(period.split("-")[-1]) - 1]


def _window(period: str) -> list[int]:
    # mbo students 'Y1-Y2': every jaar of the window (each jaar comes from the newest window).
    start, _, end = period.partition("-")
    return list(range(int(start), int(end or start) + 1))


@dataclass(frozen=True)
class Fact:
    """An incremental fact: the raw dataset whose periods it follows and how a partition's
    period maps to the fact's peiljaren, the model that carries it there, and the parents the
    fact reads only a surrogate key from (a key of the fact's own natural key, so new periods of
    the own dataset cannot change the rows of other periods through them)."""

    dataset: str
    periods: Callable[[str], list[int]]
    via: str
    key_only: tuple[str, ...] = field(default=())


FACTS: dict[str, Fact] = {
    "fct_vo_enrollment": Fact(
        "duo_vo_leerlingen_onderwijstype", _year, "int_vo_enrollment__classified"
    ),
    "fct_vo_exam": Fact("duo_vo_examencijfers", _exam_year, "stg_duo__vo_examencijfers"),
    "fct_mbo_enrollment": Fact(
        "duo_mbo_studenten", _window, "stg_duo__mbo_studenten", key_only=("dim_mbo_opleiding",)
    ),
    "fct_mbo_inflow": Fact(
        "duo_mbo_instroom", _year, "stg_duo__mbo_instroom", key_only=("dim_mbo_opleiding",)
    ),
    "fct_vo_mbo_flow": Fact("duo_vo_bestemming", _year_before, "stg_duo__vo_bestemming"),
}


def context_sources(manifest: dict, fact: str) -> set[str]:
    """The datasets that reach ``fact`` other than through its period path, from the dbt manifest
    (dbt resolves every ref/source, also those inside macros; lineage.upstream_sources walks it)."""
    spec = FACTS[fact]
    nodes = {**manifest.get("nodes", {}), **manifest.get("sources", {})}
    (node,) = (
        n for n in nodes.values() if n.get("resource_type") == "model" and n.get("name") == fact
    )
    sources: set[str] = set()
    for key in (node.get("depends_on") or {}).get("nodes", []):
        parent = nodes.get(key) or {}
        if parent.get("resource_type") == "source":
            sources.add(parent["name"])
        elif parent.get("resource_type") == "model" and parent["name"] not in {
            spec.via,
            *spec.key_only,
        }:
            sources |= set(lineage.upstream_sources(manifest, parent["name"]))
    return sources


def project_fingerprint(settings: Settings) -> str:
    """sha256 over everything dbt builds from besides raw: models, macros, seeds, the project
    file and the as-of date. A different value means the rules may have changed."""
    digest = hashlib.sha256()
    root = settings.dbt_project
    files = [root / "dbt_project.yml"]
    for folder in ("models", "macros", "seeds"):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"as_of={settings.as_of or ''}".encode())
    return digest.hexdigest()


def snapshot(conn: psycopg.Connection) -> dict:
    """What raw holds now: each partition's load id, and the loaded submissions."""
    partitions = {
        f"{dataset}/{period}": load_id
        for dataset, period, load_id in conn.execute(
            "select dataset, period, load_id from audit.partitions"
        ).fetchall()
    }
    submissions = sorted(
        r[0]
        for r in conn.execute(
            "select submission_id from audit.submissions where status = 'loaded'"
        ).fetchall()
    )
    return {"partitions": partitions, "submissions": submissions}


def _published_build(conn: psycopg.Connection) -> dict | None:
    row = conn.execute(
        "select versions -> 'build' from audit.releases order by release_id desc limit 1"
    ).fetchone()
    return row[0] if row and row[0] else None


def _submission_tables(conn: psycopg.Connection, ids: list[int]) -> set[str]:
    """The raw tables a set of new submissions can change: every sheet table of their types.

    By type, not by the sheets that had rows: a resubmission with an empty sheet still
    supersedes the earlier version's rows (``sub_current_submissions``, which ranks the
    versions of one region, type and period in ``sub_header``: a submission of another type
    cannot change which rows of this type are current)."""
    from sto_warehouse.submissions import spec

    tables: set[str] = set()
    if not ids:
        return tables
    rows = conn.execute(
        "select distinct submission_type from audit.submissions where submission_id = any(%s)",
        (ids,),
    ).fetchall()
    for (submission_type,) in rows:
        kind = spec.TYPES.get(submission_type or "")
        # A type the spec no longer knows: assume every submissions table changed.
        tables |= {sheet.table for sheet in kind.sheets} if kind else {"sub_*"}
    return tables


def plan(
    conn: psycopg.Connection, settings: Settings, *, full: bool = False, reason: str = ""
) -> dict:
    """Per incremental fact: ``null`` (build in full) or the sorted peiljaren to rebuild."""
    now = snapshot(conn)
    fingerprint = project_fingerprint(settings)
    result: dict = {"project": fingerprint, "snapshot": now, "models": {}, "reasons": {}}
    previous = _published_build(conn)
    why_all = None
    if full:
        why_all = reason or "full rebuild requested"
    elif previous is None:
        why_all = "no published release built incrementally yet"
    elif previous.get("project") != fingerprint:
        why_all = "dbt project or as-of date changed since the published release"
    # The graph of the last build: when the project is unchanged (else why_all), it is this one's.
    manifest = None if why_all else lineage.latest_manifest(settings)
    if not why_all and manifest is None:
        why_all = "no dbt manifest of an earlier build to trace the facts' inputs"
    before = (previous or {}).get("snapshot", {})
    old_parts: dict[str, int] = before.get("partitions", {})
    changed = {key for key, load_id in now["partitions"].items() if old_parts.get(key) != load_id}
    removed = set(old_parts) - set(now["partitions"])
    new_submissions = sorted(set(now["submissions"]) - set(before.get("submissions", [])))
    gone_submissions = set(before.get("submissions", [])) - set(now["submissions"])
    sub_tables = _submission_tables(conn, new_submissions)
    if gone_submissions:
        sub_tables = {"sub_*"}
    changed_datasets = {key.split("/", 1)[0] for key in changed | removed}
    for fact, spec in FACTS.items():
        if why_all:
            result["models"][fact] = None
            result["reasons"][fact] = why_all
            continue
        context = context_sources(manifest, fact)
        hit = sorted(changed_datasets & context)
        hit += sorted(t for t in context if t.startswith("sub_") and ({t, "sub_*"} & sub_tables))
        own_removed = sorted(k for k in removed if k.split("/", 1)[0] == spec.dataset)
        if hit:
            result["models"][fact] = None
            result["reasons"][fact] = "changed upstream of every period: " + ", ".join(hit)
        elif own_removed:
            result["models"][fact] = None
            result["reasons"][fact] = "partition removed: " + ", ".join(own_removed)
        else:
            periods = sorted(
                {
                    year
                    for key in changed
                    if key.split("/", 1)[0] == spec.dataset
                    for year in spec.periods(key.split("/", 1)[1])
                }
            )
            result["models"][fact] = periods
            result["reasons"][fact] = (
                f"{spec.dataset} changed: {PERIOD_COLUMN} {periods}" if periods else "unchanged"
            )
    return result


def _table_exists(conn: psycopg.Connection, schema: str, table: str) -> bool:
    row = conn.execute(
        "select 1 from information_schema.tables where table_schema = %s and table_name = %s",
        (schema, table),
    ).fetchone()
    return row is not None


def prepare(conn: psycopg.Connection, settings: Settings, *, full: bool = False) -> dict:
    """Start the candidate: fresh ``marts__wap`` with a copy of each published fact that can be
    built incrementally, and the plan on the schema. Call after the old candidate was dropped."""
    result = plan(conn, settings, full=full)
    conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(CANDIDATE)))
    for fact, periods in result["models"].items():
        if periods is None:
            continue
        if not _table_exists(conn, PUBLISHED, fact):
            result["models"][fact] = None
            result["reasons"][fact] = "no published table"
            continue
        source, target = sql.Identifier(PUBLISHED, fact), sql.Identifier(CANDIDATE, fact)
        # LIKE ... INCLUDING ALL keeps the contract's constraints and the column comments.
        conn.execute(sql.SQL("create table {} (like {} including all)").format(target, source))
        conn.execute(sql.SQL("insert into {} select * from {}").format(target, source))
        conn.execute(sql.SQL("analyze {}").format(target))
    conn.execute(
        sql.SQL("comment on schema {} is {}").format(
            sql.Identifier(CANDIDATE), sql.Literal(json.dumps(result, sort_keys=True))
        )
    )
    for fact in FACTS:
        log.info("%s: %s", fact, result["reasons"][fact])
    return result


def candidate_plan(conn: psycopg.Connection) -> dict | None:
    """The plan on the candidate schema (None when the candidate was built without one)."""
    row = conn.execute(
        "select obj_description(oid, 'pg_namespace') from pg_namespace where nspname = %s",
        (CANDIDATE,),
    ).fetchone()
    if not row or not row[0]:
        return None
    try:
        value = json.loads(row[0])
    except ValueError:
        return None
    return value if isinstance(value, dict) and "models" in value else None


def start_candidate(settings: Settings, run_id: str | None, *, full: bool = False) -> dict:
    """Drop the previous candidate (a failed one was kept until now) and start the new one in
    one transaction; returns the plan's reason per fact (shown in the task's XCom and log)."""
    from sto_warehouse import db
    from sto_warehouse.disclosure import completion

    with db.transformer(settings) as conn:
        with conn.transaction():
            for schema in (CANDIDATE, "monitor__wap"):
                conn.execute(
                    sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(schema))
                )
            result = prepare(conn, settings, full=full)
            completion.clear(conn)
    log.info("candidate started for run %s", run_id)
    return result["reasons"]


# The nightly selection: models, seeds and data tests (unit tests run in `make test`).
NIGHTLY_BUILD = ["build", "--exclude", orchestration.NIGHTLY_EXCLUDE]


def rebuild_local(settings: Settings, run_id: str, *, full: bool = False) -> tuple[dict, int]:
    """The transform in this process: start the candidate, dbt build, the disclosure audit's
    completion, candidate gate, publish. Returns the plan's reasons and the new release; raises
    when a step fails."""
    from sto_warehouse import dbt_runner, publish
    from sto_warehouse.disclosure import completion
    from sto_warehouse.gates import candidate_gate

    reasons = start_candidate(settings, run_id, full=full)
    result = dbt_runner.run(settings, NIGHTLY_BUILD, run_id, capture=True)
    if result.returncode != 0:
        raise RuntimeError(f"dbt build failed; the release is unchanged:\n{result.stdout[-4000:]}")
    completion.run(settings, run_id)
    summary = candidate_gate.run(settings, run_id)
    return reasons, publish.publish(settings, run_id, summary)
