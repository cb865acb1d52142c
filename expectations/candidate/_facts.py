"""Shared candidate checks of the DUO facts (marts), one function per check.

| check               | severity | what                                                               |
|---------------------|----------|--------------------------------------------------------------------|
| keys_not_null       | error    | every foreign key is set (the unknown member, never NULL)          |
| bounds_ordered      | error    | lower bound <= upper bound, and a published count lies within them |
| no_future_peiljaar  | error    | no 1 October after the as-of date                                  |
"""

from __future__ import annotations

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
