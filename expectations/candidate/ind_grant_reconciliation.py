"""Candidate suite for monitor.ind_grant_reconciliation.

| check              | severity | what                                                             |
|--------------------|----------|------------------------------------------------------------------|
| max_known          | error    | every region with grants has a maximum (unless ranked_budget, or withheld for a cell) |
| cap_is_quarter     | error    | the 2024 top-up cap is 25% of the 2020-2023 total (sub_topup_caps) |
| differences_hold   | error    | the differences are what their names say                         |
| within_max         | warning  | grants stay within the maximum and the top-up within its cap     |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
| national_max_or_null | error | the national maximum is NULL exactly when a region has none |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, WARNING, national_adds_up


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            # A per-pupil maximum withheld because ind_tech_pupils withholds a cell it needs
            # (ind_max_subsidy_2020_2023.n_cells_not_published) is not a missing maximum.
            unexpected_rows_query=(
                "select region_id, regulation_period from {batch}"
                " where scope = 'region' and granted_eur > 0 and max_subsidy_eur is null"
                " and cap_rule is distinct from 'ranked_budget'"
                " and not (cap_rule = 'per_pupil' and region_id in (select m.region_id from"
                f" {ctx['monitor']}.ind_max_subsidy_2020_2023 as m where m.scope = 'region'"
                " and m.n_cells_not_published > 0))"
            ),
            description="every region with grants has a maximum for the period",
            meta={"severity": ERROR, "check": "max_known"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, topup_cap_2024_eur from {batch}"
                " where regulation_period = 'sto_2020_2023' and (topup_cap_share <> 0.25"
                " or abs(topup_cap_2024_eur - round(granted_before_topup_eur * 0.25, 2)) > 0.005)"
            ),
            description="the 2024 top-up cap is 25% of what the region was granted for 2020-2023",
            meta={"severity": ERROR, "check": "cap_is_quarter"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, regulation_period from {batch} where"
                " abs(paid_minus_granted_eur - (paid_eur - granted_eur)) > 0.005"
                " or abs(spent_minus_paid_eur - (spent_eur - paid_eur)) > 0.005"
                " or abs(granted_minus_max_eur - (granted_eur - granted_topup_eur - max_subsidy_eur)) > 0.005"
            ),
            description="the differences are what their names say",
            meta={"severity": ERROR, "check": "differences_hold"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select region_id, regulation_period from {batch} where not is_within_max",
            description="grants stay within the maximum and the top-up within its cap",
            meta={"severity": WARNING, "check": "within_max"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_grant_reconciliation",
            ["regulation_period"],
            ["granted_eur", "granted_topup_eur", "paid_eur", "spent_eur"],
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, regulation_period from {batch} where scope = 'national'"
                " and (max_subsidy_eur is null) <> (n_regions_missing > 0)"
            ),
            description="the national maximum is NULL exactly when a region has none",
            meta={"severity": ERROR, "check": "national_max_or_null"},
        ),
    ]
