"""Candidate suite for monitor.ind_programme_budget (issue 12).

| check                 | severity | what                                                                  |
|-----------------------|----------|-----------------------------------------------------------------------|
| national_is_sum       | error    | the totals (ALL) of granted and paid are the sums over the types      |
| budget_of_every_year  | error    | every national year of a regulation period has a budget               |
| within_ranked_budget  | warning  | a ranked budget (techniekarme regio's) is not exceeded                |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, WARNING


# GX puts the batch in as "(select ...) AS subselect": {batch} is never given an alias here.
def build(gxe, ctx: dict) -> list:
    monitor = ctx["monitor"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select n.jaar, n.regulation_period"
                f" from {monitor}.ind_programme_budget as n left join"
                " (select jaar, regulation_period, sum(granted_eur) as g, sum(paid_eur) as p,"
                " sum(n_regions) as r from {batch} where region_type <> 'ALL'"
                " group by jaar, regulation_period) as t"
                " on n.jaar = t.jaar and n.regulation_period = t.regulation_period"
                " where n.region_type = 'ALL' and (abs(coalesce(t.g, 0) - n.granted_eur) > 0.005"
                " or abs(coalesce(t.p, 0) - n.paid_eur) > 0.005 or coalesce(t.r, 0) <> n.n_regions)"
            ),
            description="the totals (ALL) of granted and paid are the sums over the types",
            meta={"severity": ERROR, "check": "national_is_sum"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select jaar, regulation_period from {batch}"
                " where region_type = 'ALL' and budget_eur is null"
            ),
            description="every national year of a regulation period has a budget",
            meta={"severity": ERROR, "check": "budget_of_every_year"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select jaar, region_type, granted_eur, budget_eur from {batch}"
                " where is_over_ranked_budget"
            ),
            description="a ranked budget (techniekarme regio's) is not exceeded",
            meta={"severity": WARNING, "check": "within_ranked_budget"},
        ),
    ]
