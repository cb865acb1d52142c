"""The report's charts name only declared tables and columns, one each (no alternatives), and
the monitor_report exposure lists exactly what the report reads. No database."""

from __future__ import annotations

import pytest
import yaml

from sto_warehouse.config import REPO_ROOT
from sto_warehouse.disclosure import declarations
from sto_warehouse.report import ALL_CHARTS

EXPOSURES = REPO_ROOT / "dbt_project" / "models" / "monitor" / "_monitor__exposures.yml"
# What the report reads besides the indicators (region names and the time dimension).
DIMENSIONS = {"dim_region", "dim_time"}


def _names(spec) -> list[tuple[str, tuple[str, ...]]]:
    """(what, names) of every column a chart names."""
    named = [("x", spec.x)]
    if spec.series:
        named.append(("series", spec.series))
    measures = [*spec.measures, *spec.table_extra, *([spec.norm] if spec.norm else [])]
    for measure in measures:
        named.append((measure.label, measure.columns))
        if measure.ratio:
            named += [(f"{measure.label} numerator", measure.ratio[0])]
            named += [(f"{measure.label} denominator", measure.ratio[1])]
    named += [(f"filter {c}", (c,)) for c in [*spec.filters, *spec.exclude]]
    return named


@pytest.mark.parametrize("spec", ALL_CHARTS, ids=lambda s: s.key)
def test_every_chart_names_one_declared_table_and_declared_columns(spec):
    assert len(spec.tables) == 1, spec.tables
    schema, table = spec.tables[0].split(".")
    assert schema == "monitor" and table in declarations.models(), spec.tables
    columns = set(declarations.columns(table))
    for what, names in _names(spec):
        assert len(names) == 1, (spec.key, what, names)
        assert names[0] in columns, (spec.key, what, names[0], table)


def test_the_report_exposure_lists_exactly_the_tables_the_report_reads():
    exposures = {e["name"]: e for e in yaml.safe_load(EXPOSURES.read_text())["exposures"]}
    listed = {
        ref.removeprefix("ref('").removesuffix("')")
        for ref in exposures["monitor_report"]["depends_on"]
    }
    read = {spec.tables[0].split(".")[1] for spec in ALL_CHARTS}
    assert listed == read | DIMENSIONS
