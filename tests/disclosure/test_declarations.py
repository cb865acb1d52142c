"""Every artefact derived from an indicator's declaration (YAML meta) agrees with it.

No database: the declarations, the dbt SQL, the candidate suites and the seed are files.
"""

from __future__ import annotations

import csv
import inspect
import re

import pytest

import expectations
from sto_warehouse.config import REPO_ROOT
from sto_warehouse.disclosure import declarations
from tests.conftest import ExpectationArgs

MONITOR = REPO_ROOT / "dbt_project" / "models" / "monitor"
SEED = REPO_ROOT / "dbt_project" / "seeds" / "monitor_settings.csv"
PROTECTED = sorted(declarations.protected())


def test_the_protected_models_are_exactly_those_whose_sql_protects_by_declaration():
    calls = {
        path.stem
        for path in MONITOR.glob("*.sql")
        if "small_cell_protect_declared(" in path.read_text()
    }
    assert calls == set(PROTECTED)
    # No model spells its groups out in SQL any more.
    assert not [p.stem for p in MONITOR.glob("*.sql") if "small_cell_protect(" in p.read_text()]


@pytest.mark.parametrize("model", PROTECTED)
def test_declaration_names_published_columns_and_seed_keys(model):
    declared = declarations.protection(model)
    published = set(declarations.columns(model))
    implicit = {i["name"] for i in declared.get("implicit", [])}
    counts = set(declared["counts"])
    assert set(declared["key"]) <= published
    assert counts <= published
    assert not implicit & published, "an implicit count is never published"
    for derived in declared.get("implicit", []):
        assert {derived["whole"], derived["part"]} <= counts, derived
    for group in declared["row_groups"]:
        assert set(group["partition"]) < set(declared["key"]), group
        assert re.fullmatch(r"\w+ = '\w+'", group["total"]), group
    for group in declared.get("column_groups", []):
        assert set(group["members"]) | {group["total"]} <= counts | implicit, group
    assert set(declared.get("order_by", [])) <= set(declared["key"])
    keys = {row["setting"] for row in csv.DictReader(SEED.open())}
    assert set(declared["thresholds"].values()) <= keys


@pytest.mark.parametrize("model", PROTECTED)
def test_candidate_suite_reads_the_declaration(model):
    source = inspect.getsource(expectations.candidate_suites()[model])
    assert f'_small_cells.checks(gxe, model="{model}")' in source
    for restated in ("row_groups=", "column_groups=", "counts="):
        assert restated not in source, (model, restated)


def test_small_cell_checks_are_built_from_the_declaration():
    """The checks the gate runs name exactly the declared counts and groups."""
    for model in PROTECTED:
        from expectations.candidate import _small_cells

        built = {e["meta"]["check"]: e for e in _small_cells.checks(ExpectationArgs, model=model)}
        declared = declarations.protection(model)
        for count in declared["counts"]:
            assert f"'{count}' as count_column" in built["no_small_cells"]["unexpected_rows_query"]
        for group in declared["row_groups"]:
            cols = ", ".join(group["partition"])
            assert f"group by {cols}" in built["no_recoverable_cell"]["unexpected_rows_query"]
        if declared.get("implicit"):
            query = built["no_recoverable_complement"]["unexpected_rows_query"]
            for part, whole in declarations.complements(model):
                assert f"'{whole} - {part}'" in query
        for key in declared["thresholds"].values():
            assert f"setting = '{key}'" in built["no_small_cells"]["unexpected_rows_query"]


def test_docs_list_the_indicators_as_declared():
    text = (REPO_ROOT / "docs" / "monitor.md").read_text()
    section = text.split("<!-- indicators:start -->\n", 1)[1].split("<!-- indicators:end -->", 1)[0]
    assert section == declarations.indicator_table(), (
        "run: python -m sto_warehouse.disclosure.declarations"
    )


def _keys(value) -> list:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []


@pytest.mark.parametrize("model", sorted(declarations.models()))
def test_every_key_of_a_declaration_is_a_string(model):
    """YAML 1.1 reads `on:`, `yes:` ... as booleans: dbt then cannot serialise the node's meta
    and its build hangs without a message (seen with a link's `on:`)."""
    assert all(isinstance(k, str) for k in _keys(declarations.meta(model)))


def test_the_release_wide_unit_tests_mock_declarations_as_declared():
    """A unit test of the release-wide models has no graph and names its indicators' cells in a
    var (docs/monitor.md); what it names must be the indicator's own declaration."""
    import yaml

    intermediate = REPO_ROOT / "dbt_project" / "models" / "intermediate" / "monitor"
    mocked = [
        (test["name"], model, block)
        for path in intermediate.glob("int_disclosure__*.yml")
        for test in yaml.safe_load(path.read_text()).get("unit_tests", [])
        for model, block in test.get("overrides", {})
        .get("vars", {})
        .get("disclosure_declarations", {})
        .items()
    ]
    assert mocked, "no unit test of the release-wide rule mocks a declaration"
    for name, model, block in mocked:
        declared = declarations.protection(model)
        for field, value in block.items():
            assert value == declared[field], (name, model, field)
