"""Candidate suite for marts.fct_grant.

| check                 | severity | what                                                          |
|-----------------------|----------|---------------------------------------------------------------|
| money_non_negative    | error    | requested, granted, paid, spent, co-financing are not negative |
| year_in_period        | error    | every subsidy year lies in a regulation period                |
| no_future_year        | error    | no subsidy year after the as-of date's year + 4               |
| known_region          | warning  | every grant's region is registered (region_key set)           |
| paid_within_granted   | warning  | paid for a year does not exceed granted by more than 1%       |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, subsidiejaar from {batch} where requested_eur < 0"
                " or granted_eur < 0 or paid_eur < 0 or spent_eur < 0"
                " or cofinancing_planned_eur < 0 or cofinancing_realised_eur < 0"
            ),
            description="money is never negative",
            meta={"severity": ERROR, "check": "money_non_negative"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select region_id, subsidiejaar from {batch} where regulation_period is null",
            description="every subsidy year lies in a regulation period",
            meta={"severity": ERROR, "check": "year_in_period"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, subsidiejaar from {batch}"
                f" where subsidiejaar > extract(year from date '{as_of}') + 4"
            ),
            description=f"no subsidy year after {as_of[:4]} + 4 (a multi-year grant at most)",
            meta={"severity": ERROR, "check": "no_future_year"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select region_id, subsidiejaar from {batch} where region_key is null",
            description="every grant's region is registered",
            meta={"severity": WARNING, "check": "known_region"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, subsidiejaar, granted_eur, paid_eur from {batch}"
                " where paid_eur > coalesce(granted_eur, 0) * 1.01"
            ),
            description="paid does not exceed granted by more than 1%",
            meta={"severity": WARNING, "check": "paid_within_granted"},
        ),
    ]
