"""Candidate suite for monitor.ind_region_status (issue 12).

| check                | severity | what                                                            |
|----------------------|----------|-----------------------------------------------------------------|
| every_region_present | error    | every registered region has a status for its period's years     |
| stopped_stays_stopped | error  | after 'gestopt' a region is never active again in the period    |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select r.region_id, r.region_period from {marts}.dim_region as r"
                " where not r.is_placeholder and r.region_id <> 'GEEN'"
                " and r.region_period in (select distinct region_period from {batch} as covered)"
                " and not exists (select 1 from {batch} as i where i.region_id = r.region_id"
                " and i.region_period = r.region_period)"
            ),
            description="every registered region has a status for its period's years",
            meta={"severity": ERROR, "check": "every_region_present"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select a.region_id, a.jaar from {batch} as a join {batch} as b"
                " on a.region_id = b.region_id and a.region_period = b.region_period"
                " and b.jaar > a.jaar where a.status = 'gestopt' and b.is_active"
            ),
            description="after 'gestopt' a region is never active again in the period",
            meta={"severity": ERROR, "check": "stopped_stays_stopped"},
        ),
    ]
