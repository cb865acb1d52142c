"""Candidate suite for monitor.ind_partners_by_type.

| check                | severity | what                                                          |
|----------------------|----------|---------------------------------------------------------------|
| every_region_present | error    | every registered region of a covered period is present        |
| has_vmbo             | error    | every region has at least one vmbo vestiging                  |
| non_negative         | error    | counts are not negative                                       |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, every_region_present, non_negative


def build(gxe, ctx: dict) -> list:
    return [
        every_region_present(gxe, ctx, "region_period", "region_period"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, region_period from {batch} where participant_type = 'vmbo'"
                " and n_partners = 0"
            ),
            description="every region has at least one vmbo vestiging",
            meta={"severity": ERROR, "check": "has_vmbo"},
        ),
        non_negative(gxe, ["n_partners"]),
    ]
