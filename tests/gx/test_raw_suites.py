"""Every raw suite passes on a good fixture and fails on a crafted bad one, check by check.

Fixtures are built from the registry (every column, pattern-named examples for wide files) in a
scratch schema; each error-level check of a suite gets a mutation that must make exactly that
check fail. A suite check without a mutation here fails the test, so new checks get one.
"""

from __future__ import annotations

import copy

import psycopg
import pytest
from psycopg import sql

import expectations
from sto_warehouse.gates import runner
from sto_warehouse.registry import registry

SCHEMA = "gx_fixtures"
ROWS = 5
WIDE_EXAMPLES = {
    "duo_vo_examenkandidaten": {
        "examenkandidaten_2014_2015_man": "count",
        "geslaagden_2014_2015_man": "count",
        "slaagperc_2014_2015_man": "percentage",
    }
}
PERIOD = {"duo_mbo_studenten": "2021", "duo_vo_bestemming": "2022"}


def good_value(entry, column: str, i: int, wide: dict) -> str:
    if column == entry.brin_column or column in ("instellingscode",):
        return f"{10 + i:02d}AB"
    if column == "vestigingscode":
        return f"{10 + i:02d}AB00"
    if column in ("examenkandidaten", "geslaagden", "gezakten"):
        return {"examenkandidaten": "10", "geslaagden": "9", "gezakten": "1"}[column]
    if column in entry.counts or wide.get(column) == "count":
        return str(i + 3)
    if column in entry.percentages or wide.get(column) == "percentage":
        return "92,5%" if i % 2 else ",0%"
    if column in entry.decimals or wide.get(column) == "grade":
        return "6,4" if i % 2 else "7.1"
    if column in ("jaar", "diplomajaar"):
        return PERIOD[entry.dataset]
    if column == "bevoegd_gezag_nummer":
        return f"{41000 + i}"
    if column == "kvk_nummer":
        return f"{12345670 + i}"
    if column == "gemeentenummer":
        return ["0599", "599", " 637", "14", "0014"][i % 5]
    if column in ("erkende_opleidingscode", "beroepsopleiding_code"):
        return f"{25000 + i}"
    if column == "niveau":
        return str(1 + i % 4)
    if column == "instellingscode_bestemming":
        return ["XXXX", "25LP", "", "31AB", "XXXX"][i % 5]
    return f"{column[:6]}-{i}"


def good_rows(entry, columns: list[str], wide: dict) -> list[dict]:
    return [{c: good_value(entry, c, i, wide) for c in columns} for i in range(ROWS)]


def _set(rows, column, value, index=1):
    rows[index][column] = value


def mutations(entry, wide: dict) -> dict:
    """check -> function(columns, rows) that breaks exactly that check."""
    counts = [*entry.counts, *[c for c, k in wide.items() if k == "count"]]
    numbers = [
        *entry.percentages,
        *entry.decimals,
        *[c for c, k in wide.items() if k in ("percentage", "grade")],
    ]

    def drop_required(columns, rows):
        victim = entry.required[0]
        columns.remove(victim)
        for row in rows:
            del row[victim]

    return {
        "required_columns": drop_required,
        "not_empty": lambda columns, rows: rows.clear(),
        "brin_shape": lambda c, r: _set(r, entry.brin_column, "ABCD"),
        "counts_integer": lambda c, r: _set(r, counts[0], "veel") if counts else None,
        "numbers_parse": lambda c, r: _set(r, numbers[0], "1,2,3") if numbers else None,
        "counts_plausible": lambda c, r: _set(r, counts[0], "99999999999") if counts else None,
        "key_unique": lambda c, r: r.__setitem__(1, dict(r[0])),
        "one_period": lambda c, r: _set(r, entry.period.column, "1999"),
        "vestiging_shape": lambda c, r: _set(r, "vestigingscode", "X"),
        "suffix_shape": lambda c, r: _set(r, "vestigingscode", "ABC"),
        "bevoegd_gezag_shape": lambda c, r: _set(r, "bevoegd_gezag_nummer", "123"),
        "crebo_shape": lambda c, r: _set(
            r,
            "beroepsopleiding_code" if "beroepsopleiding_code" in c else "erkende_opleidingscode",
            "12A",
        ),
        "niveau_range": lambda c, r: _set(r, "niveau", "7"),
        "jaar_shape": lambda c, r: _set(r, "jaar", "twee"),
        "diplomajaar_shape": lambda c, r: _set(r, "diplomajaar", "twee"),
        "destination_shape": lambda c, r: _set(r, "instellingscode_bestemming", "ZZZZZ"),
        "sectorkamer_present": lambda c, r: _set(r, "sectorkamer_naam", " "),
        # warnings
        "gemeente_shape": lambda c, r: _set(r, "gemeentenummer", "12345"),
        "kvk_shape": lambda c, r: _set(r, "kvk_nummer", "12"),
        "passed_plus_failed": lambda c, r: _set(r, "gezakten", "5"),
        "row_count_vs_previous": None,  # needs a previous period; covered in test_loader
    }


def _create(conn, table: str, columns: list[str], rows: list[dict], period: str) -> None:
    conn.execute(sql.SQL("drop table if exists {}").format(sql.Identifier(SCHEMA, table)))
    conn.execute(
        sql.SQL("create table {} ({}, _row_number bigint, _period text)").format(
            sql.Identifier(SCHEMA, table),
            sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns),
        )
    )
    with conn.cursor() as cur:
        cur.executemany(
            sql.SQL("insert into {} values ({})").format(
                sql.Identifier(SCHEMA, table),
                sql.SQL(", ").join(sql.Placeholder() * (len(columns) + 2)),
            ),
            [[row[c] for c in columns] + [n + 1, period] for n, row in enumerate(rows)],
        )


def _checks_of(entry, wide) -> set[tuple[str, str]]:
    import great_expectations.expectations as gxe

    module = expectations.raw_suite(entry.dataset)
    ctx = {
        "entry": entry,
        "columns": [*entry.all_columns, *wide],
        "wide": wide,
        "period": PERIOD.get(entry.dataset, "2020"),
        "period_source": "column" if entry.period.column else "filename",
        "previous_rows": None,
    }
    return {(e.meta["check"], e.meta["severity"]) for e in module.build(gxe, ctx)}


@pytest.fixture(scope="module")
def outcomes(fresh_settings):
    """One GX session over every good fixture and every crafted bad one."""
    specs, expected = [], {}
    with psycopg.connect(fresh_settings.admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("create schema if not exists {}").format(sql.Identifier(SCHEMA)))
        conn.execute(
            sql.SQL("grant usage on schema {} to {}").format(
                sql.Identifier(SCHEMA), sql.Identifier(fresh_settings.role("transformer"))
            )
        )
        conn.execute(
            sql.SQL("alter default privileges in schema {} grant select on tables to {}").format(
                sql.Identifier(SCHEMA), sql.Identifier(fresh_settings.role("transformer"))
            )
        )
        for entry in registry().values():
            wide = WIDE_EXAMPLES.get(entry.dataset, {})
            columns = [*entry.all_columns, *wide]
            period = PERIOD.get(entry.dataset, "2020")
            module = expectations.raw_suite(entry.dataset)
            cases = {"good": (columns, good_rows(entry, columns, wide))}
            breakers = mutations(entry, wide)
            for check, _severity in sorted(_checks_of(entry, wide)):
                breaker = breakers.get(check, "missing")
                assert breaker != "missing", f"no bad fixture for {entry.dataset} check {check}"
                if breaker is None:
                    continue
                bad_columns, bad_rows = list(columns), copy.deepcopy(cases["good"][1])
                breaker(bad_columns, bad_rows)
                cases[check] = (bad_columns, bad_rows)
            for case, (case_columns, rows) in cases.items():
                table = f"{entry.dataset}__{case}"[:63]
                _create(conn, table, case_columns, rows, period)
                ctx = {
                    "entry": entry,
                    "columns": case_columns,
                    "wide": wide,
                    "period": period,
                    "period_source": "column" if entry.period.column else "filename",
                    "previous_rows": None,
                }
                specs.append(
                    runner.SuiteSpec(
                        name=f"raw.{entry.dataset}",
                        schema=SCHEMA,
                        table=table,
                        build=module.build,
                        ctx=ctx,
                    )
                )
                expected[f"{SCHEMA}.{table}"] = (entry.dataset, case)
    results = runner.validate(fresh_settings.transformer_url, specs)
    by_table: dict[tuple[str, str], list] = {}
    for result in results:
        by_table.setdefault(expected[result.table], []).append(result)
    return by_table


def test_every_registered_dataset_has_its_own_raw_suite():
    for dataset in registry():
        assert expectations.raw_suite(dataset).__name__ == f"expectations.raw.{dataset}"


@pytest.mark.parametrize("dataset", sorted(registry()))
def test_suite_passes_on_a_good_fixture(outcomes, dataset):
    results = outcomes[(dataset, "good")]
    assert results
    assert not [r for r in results if r.error], [r.error for r in results if r.error]
    failed = [(r.check, r.observed, r.sample) for r in results if not r.success]
    assert failed == []


@pytest.mark.parametrize("dataset", sorted(registry()))
def test_each_check_fails_on_its_crafted_bad_fixture(outcomes, dataset):
    cases = {case for (name, case) in outcomes if name == dataset and case != "good"}
    assert cases, "every suite has at least one crafted failure"
    for case in cases:
        results = {r.check: r for r in outcomes[(dataset, case)]}
        assert not [r for r in results.values() if r.error], (
            case,
            [r.error for r in results.values()],
        )
        if case == "required_columns":
            assert not results[case].success
            continue
        assert case in results, (dataset, case)
        assert not results[case].success, (dataset, case, results[case].observed)
        # A year that is not a year also leaves its period (one_period) - expected overlap.
        overlap = {
            "jaar_shape": {"one_period"},
            "diplomajaar_shape": {"one_period"},
            "counts_plausible": {"passed_plus_failed"},
        }
        others = [
            c
            for c, r in results.items()
            if not r.success and c != case and c not in overlap.get(case, set())
        ]
        if case not in ("not_empty", "key_unique"):  # an empty table or a copied row may trip more
            assert others == [], (dataset, case, others)
