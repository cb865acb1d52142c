"""What the monitor report reads, and how rows become the series of a chart.

Published data is read as the read-only ``bi_reader`` role, in one read-only REPEATABLE READ
transaction; what exists is discovered through ``information_schema`` as that role, so a table
or column bi_reader cannot read counts as absent. Release, gate and freshness information comes
from ``audit`` (read-only, as the transformer role, which may SELECT it) and from
``$STO_HOME/dbt/freshness.json`` (written by the transform DAG).

``resolve`` (spec + catalogue -> columns or a reason it is unavailable) and ``Dataset`` (rows ->
national and per-region frames) are pure, so they are unit-tested without a database.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import psycopg
from psycopg import sql

from sto_warehouse.config import Settings
from sto_warehouse.report.specs import ChartSpec, Measure

SCHEMAS = ("monitor", "marts")
NATIONAL_ID = "NL"
# The regions a national row has no value for (docs/monitor.md): shown under a national chart.
MISSING_COLUMN = "n_regions_missing"
NO_REGION_ID = "GEEN"
MAX_ROWS = 500_000


@dataclass(frozen=True)
class Unavailable:
    reason: str


@dataclass
class Resolved:
    spec: ChartSpec
    table: str
    x: str
    measures: list[Measure]
    series: str | None = None
    norm: Measure | None = None
    extra: list[Measure] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)
    exclude: dict[str, tuple] = field(default_factory=dict)
    scope: str | None = None
    region: str | None = None
    region_name: str | None = None
    missing: str | None = None  # MISSING_COLUMN when the table has it and no measure shows it
    notes: list[str] = field(default_factory=list)

    def columns(self) -> list[str]:
        wanted = [self.x, self.series, self.scope, self.region, self.region_name, self.missing]
        wanted += [*self.filters, *self.exclude]
        wanted += [
            m.column for m in (*self.measures, *self.extra, *([self.norm] if self.norm else []))
        ]
        return list(dict.fromkeys(c for c in wanted if c))


def resolve(spec: ChartSpec, catalogue: dict[str, list[str]]) -> Resolved | Unavailable:
    """The columns a chart reads, or why it cannot be drawn yet. Its table and columns are
    exactly the declared ones (no alternatives): a table not published yet (a fresh warehouse)
    or a column it lacks is said on the page, and tests/report fails on a name that is not
    declared."""
    table = spec.table
    if table not in catalogue:
        return Unavailable(f"nog niet gepubliceerd ({table})")
    columns = catalogue[table]
    if spec.x not in columns:
        return Unavailable(f"{table} heeft geen tijdkolom {spec.x}")
    measures = [m for m in spec.measures if m.column in columns]
    missing = [m.column for m in spec.measures if m.column not in columns]
    if not measures:
        return Unavailable(f"{table} heeft nog geen van de kolommen {', '.join(missing)}")
    if spec.series and spec.series not in columns:
        return Unavailable(f"{table} heeft geen reekskolom {spec.series}")
    shown = {m.column for m in (*spec.measures, *spec.table_extra)}
    resolved = Resolved(
        spec=spec,
        table=table,
        x=spec.x,
        measures=measures,
        series=spec.series,
        norm=spec.norm if spec.norm and spec.norm.column in columns else None,
        extra=[m for m in spec.table_extra if m.column in columns],
        filters={c: v for c, v in spec.filters.items() if c in columns},
        exclude={c: v for c, v in spec.exclude.items() if c in columns},
        scope="scope" if "scope" in columns else None,
        region="region_id" if "region_id" in columns else None,
        region_name="region_name" if "region_name" in columns else None,
        missing=(
            MISSING_COLUMN if MISSING_COLUMN in columns and MISSING_COLUMN not in shown else None
        ),
    )
    absent = missing + [m.column for m in spec.table_extra if m.column not in columns]
    absent += [c for c in [*spec.filters, *spec.exclude] if c not in columns]
    if absent:
        resolved.notes.append(f"nog niet beschikbaar: {', '.join(absent)}")
    if spec.norm and resolved.norm is None:
        resolved.notes.append(f"nog geen normkolom ({spec.norm.column})")
    return resolved


# -- values --------------------------------------------------------------------------------------


def number(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, Decimal | int | float):
        result = float(value)
        return result if math.isfinite(result) else None
    return None


def sort_key(value: object) -> tuple:
    if isinstance(value, bool):
        return (0, float(value), "")
    if isinstance(value, int | float | Decimal):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def label(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def combine(rows: list[dict], column: str):
    """The one value of the rows of a group: (value, ambiguous). The tables publish one row per
    page, x and series (national rows computed in SQL), so several rows with different values
    mean a grain the declaration does not filter: empty, with a note, never a sum."""
    values = [number(r[column]) for r in rows]
    present = [v for v in values if v is not None]
    distinct = set(present)
    if len(distinct) == 1 and len(present) == len(values):
        return present[0], False
    return None, len(distinct) > 1


@dataclass
class Frame:
    """One page's data for one chart: categories (x) and series of values."""

    categories: list
    series: list[tuple[str, list[float | None]]]
    norm: list[float | None] | None = None
    extra: list[tuple[str, list[float | None]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return [label(c) for c in self.categories]

    @property
    def has_values(self) -> bool:
        return any(v is not None for _, values in self.series for v in values)

    def reindex(self, categories: list) -> Frame:
        def pick(values):
            lookup = dict(zip(self.categories, values, strict=True))
            return [lookup.get(c) for c in categories]

        return Frame(
            categories,
            [(n, pick(v)) for n, v in self.series],
            pick(self.norm) if self.norm is not None else None,
            [(n, pick(v)) for n, v in self.extra],
            list(self.notes),
        )


class Dataset:
    """The rows of one resolved chart, split into the national rows (``scope = 'national'``,
    else region_id ``NL``; a table without regions is national) and per-region groups. A table
    without national rows has no national value: nothing is derived from the regions."""

    def __init__(self, resolved: Resolved, rows: list[dict]):
        self.resolved = resolved
        self.notes = list(resolved.notes)
        rows = self._filter(rows)
        order = {value: i for i, value in enumerate(resolved.spec.series_order)}
        self.series_values = (
            sorted(
                {r[resolved.series] for r in rows},
                key=lambda v: (order.get(v, len(order)), sort_key(v)),
            )
            if resolved.series
            else [None]
        )
        national, regional = [], []
        for row in rows:
            if resolved.scope:
                scope = row[resolved.scope]
                if scope == "national":
                    national.append(row)
                elif scope == "region":
                    regional.append(row)
            elif resolved.region:
                (national if row[resolved.region] == NATIONAL_ID else regional).append(row)
            else:
                national.append(row)
        self.groups: dict[str, list[dict]] = defaultdict(list)
        for row in national:
            self.groups[NATIONAL_ID].append(row)
        self.names: dict[str, str] = {}
        for row in regional:
            region_id = str(row[resolved.region]) if resolved.region else None
            if region_id is None:
                continue
            self.groups[region_id].append(row)
            name = row.get(resolved.region_name) if resolved.region_name else None
            if name and region_id not in self.names:
                self.names[region_id] = str(name)
        self.rows = rows

    def _filter(self, rows: list[dict]) -> list[dict]:
        for column, values in self.resolved.exclude.items():
            rows = [r for r in rows if r[column] not in values]
        for column, wanted in self.resolved.filters.items():
            present = {r[column] for r in rows}
            if not present:
                break
            chosen = wanted
            if wanted not in present:
                chosen = sorted(present, key=sort_key)[0]
                self.notes.append(f"{column} = {chosen} ({wanted} niet in {self.resolved.table})")
            rows = [r for r in rows if r[column] == chosen]
        return rows

    def region_ids(self) -> list[str]:
        return [k for k in self.groups if k != NATIONAL_ID]

    def frame(self, key: str) -> Frame:
        """The frame of the national page (``NATIONAL_ID``) or of one region."""
        resolved = self.resolved
        rows = self.groups.get(key, [])
        by_x: dict[object, dict[object, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for row in rows:
            by_x[row[resolved.x]][row[resolved.series] if resolved.series else None].append(row)
        categories = sorted(by_x, key=sort_key)
        notes = list(self.notes)
        ambiguous = False

        def values_of(column, series_value=None):
            nonlocal ambiguous
            out = []
            for category in categories:
                group = by_x[category].get(series_value, []) if resolved.series else []
                if not resolved.series:
                    group = [r for g in by_x[category].values() for r in g]
                value, unclear = combine(group, column) if group else (None, False)
                ambiguous |= unclear
                out.append(value)
            return out

        series: list[tuple[str, list[float | None]]] = []
        if resolved.series:
            column = resolved.measures[0].column
            for series_value in self.series_values:
                series.append((label(series_value), values_of(column, series_value)))
        else:
            for measure in resolved.measures:
                series.append((measure.label, values_of(measure.column)))
        norm = values_of(resolved.norm.column) if resolved.norm else None
        extra = [(m.label, values_of(m.column)) for m in resolved.extra if not resolved.series]
        if key == NATIONAL_ID and resolved.missing:
            counts = [
                (category, max((number(r[resolved.missing]) or 0 for r in rows_of), default=0))
                for category, groups in by_x.items()
                for rows_of in [[r for g in groups.values() for r in g]]
            ]
            short = [
                f"{label(c)}: {int(n)}"
                for c, n in sorted(counts, key=lambda x: sort_key(x[0]))
                if n
            ]
            if short:
                notes.append(
                    "landelijk zonder de regio's zonder waarde (aantal, kolom"
                    f" {resolved.missing}): {', '.join(short)}"
                )
        if ambiguous:
            notes.append(
                f"meerdere verschillende waarden per {resolved.x} in {resolved.table}: leeg gelaten"
                " (voeg een filter toe aan de declaratie van de grafiek, meta.report)"
            )
        return Frame(categories, series, norm, extra, notes)


# -- reading -------------------------------------------------------------------------------------


def catalogue(conn: psycopg.Connection) -> dict[str, list[str]]:
    """Published tables and the columns this connection's role may read."""
    found: dict[str, list[str]] = {}
    for schema, table, column in conn.execute(
        "select table_schema, table_name, column_name from information_schema.columns"
        " where table_schema = any(%s) order by table_schema, table_name, ordinal_position",
        (list(SCHEMAS),),
    ).fetchall():
        found.setdefault(f"{schema}.{table}", []).append(column)
    return found


def fetch(conn: psycopg.Connection, resolved: Resolved) -> list[dict]:
    schema, _, table = resolved.table.partition(".")
    columns = resolved.columns()
    query = sql.SQL("select {} from {} limit {}").format(
        sql.SQL(", ").join(sql.Identifier(c) for c in columns),
        sql.Identifier(schema, table),
        sql.Literal(MAX_ROWS + 1),
    )
    rows = conn.execute(query).fetchall()
    if len(rows) > MAX_ROWS:
        raise RuntimeError(f"{resolved.table} heeft meer dan {MAX_ROWS:,} rijen")
    return [dict(zip(columns, row, strict=True)) for row in rows]


@dataclass
class Published:
    """Everything the pages show from the published schemas."""

    charts: dict[str, Dataset | Unavailable]
    regions: dict[str, str]  # region_id -> name, in page order (GEEN last)


def assemble(
    specs: tuple[ChartSpec, ...],
    tables: dict[str, list[str]],
    rows_of: Callable[[Resolved], list[dict]],
    names: dict[str, str] | None = None,
) -> Published:
    """Resolve every spec against the catalogue, read its rows with ``rows_of`` (once per table
    and column set) and collect the regions; ``names`` fills in region names no table has."""
    charts: dict[str, Dataset | Unavailable] = {}
    cache: dict[tuple[str, tuple[str, ...]], list[dict]] = {}
    for spec in specs:
        resolved = resolve(spec, tables)
        if isinstance(resolved, Unavailable):
            charts[spec.key] = resolved
            continue
        key = (resolved.table, tuple(resolved.columns()))
        try:
            if key not in cache:
                cache[key] = rows_of(resolved)
        except (psycopg.Error, RuntimeError) as exc:
            charts[spec.key] = Unavailable(f"{resolved.table} kon niet worden gelezen: {exc}")
            continue
        if not cache[key]:
            charts[spec.key] = Unavailable(f"{resolved.table} is gepubliceerd maar leeg")
            continue
        charts[spec.key] = Dataset(resolved, cache[key])
    found: dict[str, str] = {}
    for dataset in charts.values():
        if isinstance(dataset, Dataset):
            for region_id in dataset.region_ids():
                if not found.get(region_id):
                    found[region_id] = dataset.names.get(region_id, "")
    order = sorted(found, key=lambda r: (r == NO_REGION_ID, sort_key(r)))
    return Published(charts, {r: found[r] or (names or {}).get(r) or r for r in order})


def read_published(conn: psycopg.Connection, specs: tuple[ChartSpec, ...]) -> Published:
    tables = catalogue(conn)

    def rows_of(resolved: Resolved) -> list[dict]:
        with conn.transaction():  # a savepoint: one unreadable table spoils nothing else
            return fetch(conn, resolved)

    names: dict[str, str] = {}
    if {"region_id", "region_name"} <= set(tables.get("marts.dim_region", [])):
        try:
            with conn.transaction():
                names = dict(
                    conn.execute(
                        "select region_id, max(region_name) from marts.dim_region"
                        " group by region_id"
                    ).fetchall()
                )
        except psycopg.Error:
            names = {}
    return assemble(specs, tables, rows_of, names)


# -- status: release, gate, freshness ------------------------------------------------------------


@dataclass
class Status:
    release: dict | None = None
    inputs: list[dict] = field(default_factory=list)  # dataset, latest period, periods
    gate: dict | None = None
    freshness: dict | None = None
    problems: list[str] = field(default_factory=list)


def release_id(conn: psycopg.Connection) -> int | None:
    return conn.execute("select max(release_id) from audit.releases").fetchone()[0]


def read_status(conn: psycopg.Connection) -> Status:
    status = Status()
    row = conn.execute(
        "select release_id, run_id, published_at, forced, reason, inputs, gate_summary"
        " from audit.releases order by release_id desc limit 1"
    ).fetchone()
    if row:
        rid, run_id, published_at, forced, reason, inputs, gate_summary = row
        status.release = {
            "release_id": rid,
            "run_id": run_id,
            "published_at": published_at,
            "forced": forced,
            "reason": reason,
            "gate_summary": gate_summary or {},
        }
        latest: dict[str, list[str]] = defaultdict(list)
        for item in inputs or []:
            if item.get("dataset"):
                latest[item["dataset"]].append(str(item.get("period")))
        status.inputs = [
            {"dataset": d, "latest": max(p), "periods": len(p), "first": min(p)}
            for d, p in sorted(latest.items())
        ]
    gate = conn.execute(
        "select run_id, max(created_at) from audit.gate_results where stage = 'candidate'"
        " and run_id = (select run_id from audit.gate_results where stage = 'candidate'"
        " order by gate_result_id desc limit 1) group by run_id"
    ).fetchone()
    if gate:
        run_id, checked_at = gate
        checks, errors, warnings = conn.execute(
            "select count(*), count(*) filter (where not success and severity = 'error'),"
            " count(*) filter (where not success and severity = 'warning')"
            " from audit.gate_results where stage = 'candidate' and run_id = %s",
            (run_id,),
        ).fetchone()
        failed = conn.execute(
            "select severity, table_name, expectation from audit.gate_results"
            " where stage = 'candidate' and run_id = %s and not success"
            " order by severity, table_name, expectation limit 12",
            (run_id,),
        ).fetchall()
        state = "failed" if errors else ("passed with warnings" if warnings else "passed")
        status.gate = {
            "run_id": run_id,
            "checked_at": checked_at,
            "checks": checks,
            "errors": errors,
            "warnings": warnings,
            "state": state,
            "failed": [{"severity": s, "table": t, "check": c} for s, t, c in failed],
        }
    return status


def read_freshness(settings: Settings) -> dict | None:
    """The latest `dbt source freshness` result: when, and the state of every source."""
    path = settings.dbt_runs / "freshness.json"
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"generated_at": None, "sources": {}, "error": f"{path} is not readable JSON"}
    sources = {}
    for item in data.get("results", []):
        name = str(item.get("unique_id", "?")).split(".")[-1]
        sources[name] = {
            "status": item.get("status"),
            "max_loaded_at": item.get("max_loaded_at"),
        }
    return {"generated_at": data.get("metadata", {}).get("generated_at"), "sources": sources}
