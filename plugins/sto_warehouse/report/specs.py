"""Every chart of the monitor report, parsed from the indicators' declarations.

A chart is declared in the ``report:`` list of its indicator's ``config.meta``
(``dbt_project/models/monitor/ind_<name>.yml``; docs/monitor.md "The declaration"), read through
``sto_warehouse.disclosure.declarations`` like every other part of a declaration. It reads the
table of the model that declares it (``monitor.<model>``), so it names no table; every column it
names is one column of that model (``tests/report/test_specs_declared.py``), with no
alternatives. The dataclasses below are the typed shape a declaration is parsed into; a
malformed one raises ``DeclarationError`` naming the model, the chart and the key.

National values are the table's own national rows (``scope = 'national'``, region_id ``NL``),
computed in SQL; the report never adds regions up (data.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sto_warehouse.disclosure import declarations
from sto_warehouse.report import charts

NATIONAL = "national"
REGION = "region"
PROGRAMME = "programme"
BOTH = frozenset({NATIONAL, REGION})
PAGES = frozenset({NATIONAL, REGION, PROGRAMME})
KINDS = frozenset({"line", "bars", "stacked", "bars_norm", "hbar_latest"})
UNITS = frozenset(charts.UNITS)  # what charts.format_value writes
SCHEMA = "monitor"


class DeclarationError(ValueError):
    """A chart declaration that cannot be parsed: the message names the model, chart and key."""


@dataclass(frozen=True)
class Measure:
    """A value column of the chart's table, its Dutch label and, in the data table, its unit
    (the chart's unit when not given for a charted measure; ``count`` for a table column)."""

    column: str
    label: str
    unit: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str  # Dutch, shown as it is
    description: str  # Dutch
    kind: str  # line | bars | stacked | bars_norm | hbar_latest
    table: str  # "monitor.<model>": the model that declares the chart
    measures: tuple[Measure, ...]
    unit: str  # pct | pp | count | eur | fte | num | year (charts.format_value)
    x: str = "peiljaar"
    order: int = 0  # position on its pages
    series: str | None = None  # long format: one series per value of this column
    series_order: tuple[str, ...] = ()  # these series values first, in this order; others after
    filters: dict[str, str] = field(default_factory=dict)  # column -> the one value charted
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> values left out
    norm: Measure | None = None  # bars_norm: the norm per x (e.g. 0.075, 0.10)
    table_extra: tuple[Measure, ...] = ()  # more columns in the data table beneath the chart
    pages: frozenset[str] = BOTH
    national_reference: bool = True  # region pages: draw the national value as a dashed line
    grant: bool = False  # subsidy data: not applicable to the no-region bucket (GEEN)

    @property
    def model(self) -> str:
        return self.table.partition(".")[2]

    def columns(self) -> list[tuple[str, str]]:
        """(role, column) of every column the chart names."""
        named = [("x", self.x)]
        if self.series:
            named.append(("series", self.series))
        for measure in (*self.measures, *self.table_extra, *([self.norm] if self.norm else [])):
            named.append((measure.label, measure.column))
        named += [(f"filter {c}", c) for c in [*self.filters, *self.exclude]]
        return named


REQUIRED = ("key", "order", "kind", "unit", "x", "title", "description", "measures")
OPTIONAL = (
    "pages",
    "series",
    "series_order",
    "filters",
    "exclude",
    "norm",
    "table_extra",
    "national_reference",
    "grant",
)


def _text(where: str, key: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DeclarationError(f"{where}: {key} must be a non-empty text, not {value!r}")
    return " ".join(value.split())


def _measure(where: str, key: str, value, default_unit: str | None) -> Measure:
    if not isinstance(value, dict) or set(value) - {"column", "label", "unit"}:
        raise DeclarationError(f"{where}: {key} must be {{column, label, unit?}}, not {value!r}")
    unit = value.get("unit", default_unit)
    if unit is not None and unit not in UNITS:
        raise DeclarationError(f"{where}: {key} unit {unit!r} is not one of {sorted(UNITS)}")
    return Measure(
        _text(where, f"{key} column", value.get("column")),
        _text(where, f"{key} label", value.get("label")),
        unit,
    )


def _measures(where: str, key: str, value, default_unit: str | None) -> tuple[Measure, ...]:
    if not isinstance(value, list) or (key == "measures" and not value):
        raise DeclarationError(f"{where}: {key} must be a list of measures, not {value!r}")
    return tuple(_measure(where, f"{key}[{i}]", m, default_unit) for i, m in enumerate(value))


def _values(where: str, key: str, value) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DeclarationError(f"{where}: {key} must be a list of texts, not {value!r}")
    return tuple(value)


def parse(model: str, index: int, entry) -> ChartSpec:
    """One entry of ``meta.report`` of ``model``, checked and typed."""
    where = f"{model}: meta.report[{index}]"
    if not isinstance(entry, dict):
        raise DeclarationError(f"{where} must be a mapping, not {entry!r}")
    where = f"{where} ({entry.get('key', '?')})"
    missing = [k for k in REQUIRED if k not in entry]
    unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
    if missing or unknown:
        raise DeclarationError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    kind, unit = entry["kind"], entry["unit"]
    if kind not in KINDS:
        raise DeclarationError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
    if unit not in UNITS:
        raise DeclarationError(f"{where}: unit {unit!r} is not one of {sorted(UNITS)}")
    if not isinstance(entry["order"], int) or isinstance(entry["order"], bool):
        raise DeclarationError(f"{where}: order must be a whole number")
    pages = frozenset(_values(where, "pages", entry.get("pages", sorted(BOTH))))
    if not pages or not pages <= PAGES:
        raise DeclarationError(f"{where}: pages {sorted(pages)} must be some of {sorted(PAGES)}")
    filters = entry.get("filters", {})
    if not isinstance(filters, dict) or not all(isinstance(v, str) for v in filters.values()):
        raise DeclarationError(f"{where}: filters must map a column to one value: {filters!r}")
    exclude = entry.get("exclude", {})
    if not isinstance(exclude, dict):
        raise DeclarationError(f"{where}: exclude must map a column to values: {exclude!r}")
    flags = {}
    for key, default in (("national_reference", True), ("grant", False)):
        flags[key] = entry.get(key, default)
        if not isinstance(flags[key], bool):
            raise DeclarationError(f"{where}: {key} must be true or false")
    series = entry.get("series")
    if series is not None:
        series = _text(where, "series", series)
    if kind == "bars_norm" and "norm" not in entry:
        raise DeclarationError(f"{where}: a bars_norm chart needs a norm")
    return ChartSpec(
        key=_text(where, "key", entry["key"]),
        title=_text(where, "title", entry["title"]),
        description=_text(where, "description", entry["description"]),
        kind=kind,
        table=f"{SCHEMA}.{model}",
        measures=_measures(where, "measures", entry["measures"], None),
        unit=unit,
        x=_text(where, "x", entry["x"]),
        order=entry["order"],
        series=series,
        series_order=_values(where, "series_order", entry.get("series_order", [])),
        filters={str(c): v for c, v in filters.items()},
        exclude={str(c): _values(where, f"exclude {c}", v) for c, v in exclude.items()},
        norm=_measure(where, "norm", entry["norm"], None) if "norm" in entry else None,
        table_extra=_measures(where, "table_extra", entry.get("table_extra", []), "count"),
        pages=pages,
        **flags,
    )


def declared(models: dict[str, dict] | None = None) -> tuple[ChartSpec, ...]:
    """Every chart of every declaration, in page order (``order``, then key)."""
    found: list[ChartSpec] = []
    for model, entry in (declarations.models() if models is None else models).items():
        charts = (entry.get("config") or {}).get("meta", {}).get("report", [])
        if not isinstance(charts, list):
            raise DeclarationError(f"{model}: meta.report must be a list of charts")
        found += [parse(model, i, chart) for i, chart in enumerate(charts)]
    keys = [c.key for c in found]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise DeclarationError(f"chart keys declared twice: {twice}")
    return tuple(sorted(found, key=lambda c: (c.order, c.key)))


@cache
def _all() -> tuple[ChartSpec, ...]:
    return declared()


def on(pages: frozenset[str]) -> tuple[ChartSpec, ...]:
    return tuple(c for c in _all() if c.pages & pages)


# The national and region pages' charts, and every chart the report reads.
CHARTS: tuple[ChartSpec, ...] = on(BOTH)
ALL_CHARTS: tuple[ChartSpec, ...] = _all()
