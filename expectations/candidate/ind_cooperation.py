"""Candidate suite for monitor.ind_cooperation.

| check                | severity | what                                                         |
|----------------------|----------|--------------------------------------------------------------|
| every_region_present | error    | every registered region of a covered period is present       |
| flags_follow_counts  | error    | a cooperation flag is true exactly when the counts say so    |
| business_implies_mbo | error    | vmbo-mbo-business cooperation implies vmbo-mbo cooperation   |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, every_region_present


def build(gxe, ctx: dict) -> list:
    return [
        every_region_present(gxe, ctx, "region_period", "region_period"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, region_period from {batch} where"
                " coop_vmbo_po <> (n_vmbo > 0 and n_po > 0)"
                " or coop_vmbo_mbo <> (n_vmbo > 0 and n_mbo > 0)"
                " or coop_vmbo_mbo_business <> (n_vmbo > 0 and n_mbo > 0 and n_bedrijf > 0)"
            ),
            description="a cooperation flag is true exactly when the counts say so",
            meta={"severity": ERROR, "check": "flags_follow_counts"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, region_period from {batch}"
                " where coop_vmbo_mbo_business and not coop_vmbo_mbo"
            ),
            description="vmbo-mbo-business cooperation implies vmbo-mbo cooperation",
            meta={"severity": ERROR, "check": "business_implies_mbo"},
        ),
    ]
