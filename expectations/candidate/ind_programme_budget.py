"""Candidate suite for monitor.ind_programme_budget (issue 12).

| check                 | severity | what                                                                  |
|-----------------------|----------|-----------------------------------------------------------------------|
| national_is_sum       | error    | the totals (ALL) of granted/paid/spent are the sums over the types   |
| budget_of_every_year  | error    | every national year of a regulation period has a budget               |
| within_ranked_budget  | warning  | a ranked budget (techniekarme regio's) is not exceeded                |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, WARNING


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select n.jaar, n.regulation_period from {batch} as n"
                " join (select jaar, regulation_period, sum(granted_eur) as g, sum(paid_eur) as p,"
                " sum(spent_eur) as s, sum(n_regions) as r from {batch}"
                " where region_type <> 'ALL' group by 1, 2) as t using (jaar, regulation_period)"
                " where n.region_type = 'ALL' and (abs(n.granted_eur - t.g) > 0.005"
                " or abs(n.paid_eur - t.p) > 0.005 or abs(n.spent_eur - t.s) > 0.005"
                " or n.n_regions <> t.r)"
            ),
            description="the totals (ALL) of granted/paid/spent are the sums over the types",
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
