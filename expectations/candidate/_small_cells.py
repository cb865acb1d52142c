"""Shared candidate checks of the small-cell protected indicators (docs/monitor.md).

Each protected indicator ``ind_<x>`` is published from its exact, pre-suppression intermediate
``intermediate.int_<x>__unprotected``. These checks run in the candidate gate, before
publication:

| check                          | severity | what                                                          |
|--------------------------------|----------|---------------------------------------------------------------|
| reconciles_before_suppression  | error    | on the exact sums: the members of every row group add up to its total (regions + GEEN = national, leerwegen = ALL) |
| published_equals_exact         | error    | a published count equals its exact sum plus suppressed_cell_estimate per '<5' cell (nothing but NULL is changed by suppression) |
| no_small_cells                 | error    | no published count of people lies in the small-cell range (1-4) |
| no_recoverable_cell            | error    | no row group (a column of the table with its total) has exactly one withheld cell |
| no_recoverable_complement      | error    | no complement a reader can compute within a row (whole - part, both published; exact or as published) lies in the small-cell range |
| count_within_bounds            | error    | no published count lies below its published lower or above its upper bound |

The groups come from the model's declaration (YAML ``meta.protection``, read by
``sto_warehouse.disclosure.declarations``), the same block the dbt macro protects with.
Suites call ``checks(gxe, model=...)`` and list these six in their own docstring too (the catalogue
test reads each suite module's docstring).
"""

from __future__ import annotations

from sto_warehouse.disclosure import declarations

ERROR = "error"
INTERMEDIATE = "intermediate"
SETTINGS = "reference.monitor_settings"
# What a '<5' cell adds to a published count (seed key; the dbt macro duo_point_count reads it too).
ESTIMATE = "suppressed_cell_estimate"


def _setting(key: str) -> str:
    """A threshold of the seed monitor_settings, by the key the declaration names (also used by
    ``_facts.duo_rule``: one reader of the thresholds for every candidate check)."""
    return f"(select cast(value as integer) from {SETTINGS} where setting = '{key}')"


def _union(parts: list[str]) -> str:
    return " union all ".join(f"({p})" for p in parts)


def checks(gxe, *, model: str) -> list:
    """The six protection checks of one indicator, from its declaration (meta.protection).

    counts         published count column -> a column of the same row that is NULL exactly when
                   the count is withheld by the small-cell protection (declarations.sentinel)
    row_groups     (partition columns, SQL predicate of the total row): the other rows of the
                   partition add up to the total
    column_groups  (part, whole): published counts of one row whose difference is a count too
                   (the declaration's implicit counts)
    """
    declared = declarations.protection(model)
    key = declared["key"]
    counts = {c: declarations.sentinel(model, c) for c in declared["counts"]}
    row_groups = [(g["partition"], g["total"]) for g in declared["row_groups"]]
    column_groups = declarations.complements(model)
    lower, upper = (_setting(declared["thresholds"][side]) for side in ("lower", "upper"))
    unprotected = f"{INTERMEDIATE}.int_{model.removeprefix('ind_')}__unprotected"
    on_key = " and ".join(f"e.{c} = p.{c}" for c in key)
    key_list = ", ".join(key)

    reconcile = []
    for partition, total in row_groups:
        cols = ", ".join(partition)
        for count in counts:
            reconcile.append(
                f"select concat_ws('|', {cols}) as row_group, '{count}' as count_column,"
                f" sum({count}_known) filter (where not ({total})) as members,"
                f" sum({count}_known) filter (where {total}) as total"
                f" from {unprotected} group by {cols}"
                f" having sum({count}_known) filter (where not ({total}))"
                f" is distinct from sum({count}_known) filter (where {total})"
            )
    estimate = _setting(ESTIMATE)
    exact = [
        f"select {', '.join('p.' + c for c in key)}, '{count}' as count_column,"
        f" p.{count} as published, e.{count}_known as exact,"
        f" e.{count}_n_suppressed_cells as suppressed_cells"
        f" from {{batch}} as p join {unprotected} as e on {on_key}"
        f" where p.{count} is not null"
        f" and p.{count} <> e.{count}_known + e.{count}_n_suppressed_cells * {estimate}"
        for count in counts
    ]
    small = [
        f"select {key_list}, '{count}' as count_column, {count} as value from {{batch}}"
        f" where {count} between {lower} and {upper}"
        for count in counts
    ]
    recoverable = []
    for partition, _total in row_groups:
        cols = ", ".join(partition)
        for count, sentinel in counts.items():
            recoverable.append(
                f"select concat_ws('|', {cols}) as row_group, '{count}' as count_column"
                f" from {{batch}} group by {cols}"
                f" having count(*) filter (where {sentinel} is null) = 1"
            )
    complements = [
        f"select {', '.join('p.' + c for c in key)}, '{whole} - {part}' as complement,"
        f" e.{whole}_known - e.{part}_known as value, p.{whole} - p.{part} as published_value"
        f" from {{batch}} as p join {unprotected} as e on {on_key}"
        f" where p.{counts[part]} is not null and p.{counts[whole]} is not null"
        f" and (e.{whole}_known - e.{part}_known between {lower} and {upper}"
        f" or p.{whole} - p.{part} between {lower} and {upper})"
        for part, whole in column_groups
    ]
    expectations = [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select * from ({_union(reconcile)}) as unreconciled"
                " where exists (select 1 from {batch})"
            ),
            description=(
                "before suppression (the exact sums): regions + the no-region bucket add up to"
                " the national total, and every other row group to its total"
            ),
            meta={"severity": ERROR, "check": "reconciles_before_suppression"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=_union(exact),
            description=(
                "a published count equals its exact sum plus suppressed_cell_estimate per '<5'"
                " cell (suppression only NULLs)"
            ),
            meta={"severity": ERROR, "check": "published_equals_exact"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=_union(small),
            description="no published count of people lies in the small-cell range (1-4)",
            meta={"severity": ERROR, "check": "no_small_cells"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=_union(recoverable),
            description=(
                "no withheld cell is recoverable from its column total: no group has exactly"
                " one withheld cell"
            ),
            meta={"severity": ERROR, "check": "no_recoverable_cell"},
        ),
    ]
    columns = set(declarations.columns(model))
    bounded = [c for c in counts if {f"{c}_lower", f"{c}_upper"} <= columns]
    if bounded:
        expectations.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=_union(
                    [
                        f"select {key_list}, '{c}' as count_column, {c} as value,"
                        f" {c}_lower as lower_bound, {c}_upper as upper_bound from {{batch}}"
                        f" where {c} < {c}_lower or {c} > {c}_upper"
                        for c in bounded
                    ]
                ),
                description="no published count lies outside its own published bounds",
                meta={"severity": ERROR, "check": "count_within_bounds"},
            )
        )
    if complements:
        expectations.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=_union(complements),
                description=(
                    "no complement computable within a row (whole - part, both published; exact"
                    " or as published) lies in the small-cell range"
                ),
                meta={"severity": ERROR, "check": "no_recoverable_complement"},
            )
        )
    return expectations
