"""Candidate suite for monitor.ind_cofinancing.

| check                | severity | what                                                          |
|----------------------|----------|---------------------------------------------------------------|
| norm_known           | error    | every regulation period has a co-financing norm (seed)        |
| norm_of_period       | error    | 7.5%-10% for 2020-2023 (7.5% Jan 2020 - Aug 2024, by date), 10% for 2025-2028 |
| every_region_present | warning  | every region of a covered period is present (an application may be missing or rejected) |
| pct_plausible        | warning  | co-financing percentages lie in [0, 1]                        |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, WARNING, every_region_present, national_adds_up


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select region_id, regulation_period from {batch} where norm_share is null",
            description="every regulation period has a co-financing norm",
            meta={"severity": ERROR, "check": "norm_known"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, regulation_period, norm_share from {batch} where"
                " (regulation_period = 'sto_2020_2023' and norm_share not between 0.075 and 0.1)"
                " or (regulation_period = 'sto_2025_2028' and abs(norm_share - 0.1) > 1e-9)"
            ),
            description="7.5%-10% for 2020-2023 (by date), 10% for 2025-2028",
            meta={"severity": ERROR, "check": "norm_of_period"},
        ),
        every_region_present(gxe, ctx, "regulation_period", "regulation_period", WARNING),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, regulation_period from {batch} where cofinancing_planned_pct > 1"
                " or cofinancing_realised_pct > 1 or cofinancing_planned_pct < 0"
                " or cofinancing_realised_pct < 0"
            ),
            description="co-financing percentages lie in [0, 1]",
            meta={"severity": WARNING, "check": "pct_plausible"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_cofinancing",
            ["regulation_period"],
            ["budget_eur", "cofinancing_planned_eur", "spent_eur", "cofinancing_realised_eur"],
        ),
    ]
