"""Candidate suite for monitor.ind_grant_flow.

| check                    | severity | what                                              |
|--------------------------|----------|---------------------------------------------------|
| non_negative             | error    | granted, paid and spent are not negative          |
| paid_share_in_unit_interval | warning | paid_share lies in [0, 1] (paid within granted) |
| no_future_payment        | error    | nothing paid for a year after the as-of year + 1  |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import (
    ERROR,
    WARNING,
    national_adds_up,
    non_negative,
    share_in_unit_interval,
)


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        non_negative(gxe, ["granted_eur", "paid_eur", "spent_eur"]),
        share_in_unit_interval(gxe, "paid_share", WARNING),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, subsidiejaar, paid_eur from {batch}"
                f" where paid_eur > 0 and subsidiejaar > extract(year from date '{as_of}') + 1"
            ),
            description=f"nothing paid for a year after {as_of[:4]} + 1",
            meta={"severity": ERROR, "check": "no_future_payment"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_grant_flow",
            ["regulation_period", "subsidiejaar"],
            ["granted_eur", "paid_eur"],
        ),
    ]
