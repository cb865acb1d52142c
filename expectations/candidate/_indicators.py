"""Shared candidate checks of the monitor indicators.

| check                   | severity | what                                                       |
|-------------------------|----------|------------------------------------------------------------|
| ratios_in_unit_interval | error    | every share / rate lies in [0, 1]                          |
| part_le_whole           | error    | a published part never exceeds its published whole        |
| no_future_peiljaar      | error    | no 1 October after the as-of date                          |
"""

from __future__ import annotations

ERROR = "error"


def ratios_in_unit_interval(gxe, ratios: list[str]):
    condition = " or ".join(f"{r} < 0 or {r} > 1" for r in ratios)
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"select * from {{batch}} where {condition}",
        description=f"{', '.join(ratios)} lie in [0, 1]",
        meta={"severity": ERROR, "check": "ratios_in_unit_interval"},
    )


def part_le_whole(gxe, pairs: list[tuple[str, str]]):
    condition = " or ".join(f"{part} > {whole}" for part, whole in pairs)
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"select * from {{batch}} where {condition}",
        description="; ".join(f"{part} <= {whole}" for part, whole in pairs),
        meta={"severity": ERROR, "check": "part_le_whole"},
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
