"""Candidate suite for monitor.ind_fte_funded.

| check                          | severity | what                                        |
|--------------------------------|----------|---------------------------------------------|
| share_permanent_in_unit_interval | error  | share_permanent lies in [0, 1]              |
| parts_add_up                   | error    | internal + external = total                 |
| non_negative                   | error    | fte are not negative                        |
| no_future_year                 | error    | no year after the as-of date's year         |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import (
    ERROR,
    national_adds_up,
    non_negative,
    share_in_unit_interval,
)


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        share_in_unit_interval(gxe, "share_permanent"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, jaar from {batch}"
                " where abs(fte_internal + fte_external - fte_total) > 0.001"
            ),
            description="internal + external = total",
            meta={"severity": ERROR, "check": "parts_add_up"},
        ),
        non_negative(gxe, ["fte_total", "fte_internal", "fte_external", "fte_permanent"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select region_id, jaar from {{batch}} where jaar > extract(year from date '{as_of}')"
            ),
            description=f"no year after {as_of[:4]}",
            meta={"severity": ERROR, "check": "no_future_year"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_fte_funded",
            ["regulation_period", "jaar"],
            ["fte_total", "fte_internal", "fte_external", "fte_permanent", "fte_temporary"],
        ),
    ]
