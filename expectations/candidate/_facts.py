"""Shared candidate checks of the DUO facts (marts), one function per check.

| check               | severity | what                                                               |
|---------------------|----------|--------------------------------------------------------------------|
| keys_not_null       | error    | every foreign key is set (the unknown member, never NULL)          |
| bounds_ordered      | error    | lower bound <= upper bound, and a published count lies within them |
| no_future_peiljaar  | error    | no 1 October after the as-of date                                  |
| duo_rule_counts     | error    | no published count of people lies in DUO's '<5' range (1-4)        |
| duo_rule_complements| error    | no complement within a row (whole - part, both published) does     |

The last two read the fact's declaration (YAML ``meta.duo_rule``) and the range from the seed
``monitor_settings`` by the keys it names, read by ``_small_cells._setting`` (one owner of that
lookup for every candidate check).
"""

from __future__ import annotations

from expectations.candidate import _small_cells
from sto_warehouse.disclosure import declarations

ERROR = "error"


def keys_not_null(gxe, keys: list[str]):
    condition = " or ".join(f"{key} is null" for key in keys)
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"select {', '.join(keys)} from {{batch}} where {condition}",
        description="fact foreign keys are never NULL (unknown member instead)",
        meta={"severity": ERROR, "check": "keys_not_null"},
    )


def bounds_ordered(gxe, counts: list[str], *, known_sum: bool = False):
    """known_sum: the count is the sum of the published cells (it lies at or below the lower
    bound); otherwise it is one DUO cell, NULL when suppressed, else equal to both bounds."""
    if known_sum:
        conditions = " or ".join(f"{c} > {c}_lower or {c}_lower > {c}_upper" for c in counts)
    else:
        conditions = " or ".join(
            f"{c}_lower > {c}_upper or {c} < {c}_lower or {c} > {c}_upper" for c in counts
        )
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"select * from {{batch}} where {conditions}",
        description="lower bound <= upper bound, and a published count lies between them",
        meta={"severity": ERROR, "check": "bounds_ordered"},
    )


def no_future_peiljaar(gxe, as_of: str, column: str = "peiljaar"):
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=(
            f"select distinct {column} from {{batch}}"
            f" where make_date({column}, 10, 1) > date '{as_of}'"
        ),
        description=f"no {column} whose 1 October lies after the as-of date {as_of}",
        meta={"severity": ERROR, "check": "no_future_peiljaar"},
    )


def duo_rule_queries(model: str) -> dict[str, str]:
    """check name -> the SQL of its unexpected rows over ``{batch}`` (the fact), from the fact's
    declaration (meta.duo_rule): counts of people in DUO's '<5' range, and complements within a
    row in it, among the rows a reader sees."""
    declared = declarations.duo_rule_facts()[model]
    lower, upper = (
        _small_cells._setting(declared["thresholds"][side]) for side in ("lower", "upper")
    )
    key = ", ".join(declared["key"])
    # Only the rows the readers see (the row-level policy's column), when the fact declares one.
    shown = f"{declared['published_rows']} and " if declared.get("published_rows") else ""
    queries = {
        "duo_rule_counts": " union all ".join(
            f"(select {key}, '{c}' as count_column, {c} as value from {{batch}}"
            f" where {shown}{c} between {lower} and {upper})"
            for c in declared["counts"]
        )
    }
    if declared.get("complements"):
        queries["duo_rule_complements"] = " union all ".join(
            f"(select {key}, '{c['whole']} - {c['part']}' as complement,"
            f" {c['whole']} - {c['part']} as value from {{batch}}"
            f" where {shown}{c['whole']} - {c['part']} between {lower} and {upper})"
            for c in declared["complements"]
        )
    return queries


def duo_rule(gxe, model: str) -> list:
    """DUO's current rule on a published fact: its declared counts of people are 0, at least 5 or
    NULL in every row a reader sees, and so is every complement a reader can take within a row."""
    descriptions = {
        "duo_rule_counts": "no published count of people lies in DUO's '<5' range",
        "duo_rule_complements": "no complement within a row (whole - part) lies in DUO's '<5' range",
    }
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=query,
            description=descriptions[check],
            meta={"severity": ERROR, "check": check},
        )
        for check, query in duo_rule_queries(model).items()
    ]
