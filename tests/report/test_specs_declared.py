"""The report's charts are the indicators' declarations: each is parsed from its model's
``meta.report``, names only that model's declared columns (one each, no alternatives), reads a
table with national rows computed in SQL, and the monitor_report exposure lists exactly the
tables they read. A malformed declaration fails with the model, chart and key named. No
database."""

from __future__ import annotations

import copy

import pytest
import yaml

from sto_warehouse.config import REPO_ROOT
from sto_warehouse.disclosure import declarations
from sto_warehouse.report import ALL_CHARTS, CHARTS, programme, specs

EXPOSURES = REPO_ROOT / "dbt_project" / "models" / "monitor" / "_monitor__exposures.yml"
# What the report reads besides the indicators (region names and the time dimension).
DIMENSIONS = {"dim_region", "dim_time"}


@pytest.mark.parametrize("spec", ALL_CHARTS, ids=lambda s: s.key)
def test_every_chart_reads_its_own_model_and_names_declared_columns(spec):
    schema, table = spec.table.split(".")
    assert schema == "monitor" and table in declarations.models(), spec.table
    declared = declarations.meta(table)["report"]
    assert spec.key in [chart["key"] for chart in declared]
    columns = set(declarations.columns(table))
    for role, column in spec.columns():
        assert column in columns, (spec.key, role, column, table)


@pytest.mark.parametrize("spec", ALL_CHARTS, ids=lambda s: s.key)
def test_every_charted_table_has_national_rows_computed_in_sql(spec):
    """The report never adds regions up: a table it charts has a scope column (national rows
    from SQL), and a grant table says how many regions its national rows lack."""
    columns = declarations.columns(spec.model)
    assert "scope" in columns, spec.model
    if spec.grant:
        assert "n_regions_missing" in columns, spec.model


def test_the_report_exposure_lists_exactly_the_tables_the_declarations_chart():
    exposures = {e["name"]: e for e in yaml.safe_load(EXPOSURES.read_text())["exposures"]}
    listed = {
        ref.removeprefix("ref('").removesuffix("')")
        for ref in exposures["monitor_report"]["depends_on"]
    }
    charted = {name for name in declarations.models() if declarations.meta(name).get("report")}
    assert charted == {spec.model for spec in ALL_CHARTS}
    assert listed == charted | DIMENSIONS


def test_pages_split_the_declared_charts():
    assert {c.key for c in ALL_CHARTS} == {c.key for c in (*CHARTS, *programme.CHARTS)}
    assert all(specs.PROGRAMME in c.pages for c in programme.CHARTS)
    assert [c.order for c in ALL_CHARTS] == sorted(c.order for c in ALL_CHARTS)
    assert len({c.order for c in ALL_CHARTS}) == len(ALL_CHARTS), "one position per chart"


CHART = {
    "key": "new_chart",
    "order": 5,
    "kind": "line",
    "unit": "pct",
    "x": "jaar",
    "title": "Een nieuwe grafiek",
    "description": "Uitleg.",
    "measures": [{"column": "share_x", "label": "aandeel x"}],
}


def _models(chart) -> dict:
    return {"ind_new": {"name": "ind_new", "config": {"meta": {"report": [chart]}}}}


def test_a_new_indicator_is_charted_from_its_yaml_alone():
    chart = {**CHART, "pages": ["national"], "filters": {"definition": "sto_2020"}}
    chart["table_extra"] = [{"column": "n_x", "label": "x"}]
    (spec,) = specs.declared(_models(chart))
    assert spec.table == "monitor.ind_new" and spec.pages == {"national"}
    assert spec.measures == (specs.Measure("share_x", "aandeel x"),)
    assert spec.table_extra == (specs.Measure("n_x", "x", "count"),)
    assert spec.filters == {"definition": "sto_2020"}


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"kind": "pie"}, "kind 'pie'"),
        ({"unit": "kg"}, "unit 'kg'"),
        ({"pages": ["home"]}, "pages"),
        ({"measures": []}, "measures"),
        ({"measures": [{"column": "a"}]}, "measures[0] label"),
        ({"measures": [{"columns": ["a", "b"], "label": "x"}]}, "measures[0]"),
        ({"filters": {"definition": ["sto_2020", "hard_techniek"]}}, "filters"),
        ({"tables": ["monitor.ind_x"]}, "unknown keys ['tables']"),
        ({"order": "first"}, "order"),
        ({"kind": "bars_norm"}, "norm"),
        ({"grant": "yes"}, "grant"),
    ],
)
def test_a_malformed_declaration_names_the_model_chart_and_key(change, named):
    chart = {**copy.deepcopy(CHART), **change}
    with pytest.raises(specs.DeclarationError) as raised:
        specs.declared(_models(chart))
    message = str(raised.value)
    assert message.startswith("ind_new: meta.report[0] (new_chart)"), message
    assert named in message, message


def test_a_missing_key_and_a_key_declared_twice_fail():
    chart = {k: v for k, v in CHART.items() if k != "x"}
    with pytest.raises(specs.DeclarationError, match=r"missing keys \['x'\]"):
        specs.declared(_models(chart))
    twice = {**_models(CHART), "ind_other": _models(CHART)["ind_new"]}
    with pytest.raises(specs.DeclarationError, match="declared twice: \\['new_chart'\\]"):
        specs.declared(twice)
