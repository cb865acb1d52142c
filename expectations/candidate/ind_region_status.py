"""Candidate suite for monitor.ind_region_status (issue 12).

| check                | severity | what                                                            |
|----------------------|----------|-----------------------------------------------------------------|
| every_region_present | error    | every registered region has a status for its period's years     |
| stopped_stays_stopped | error  | after 'gestopt' a region is never active again in the period    |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR


# GX puts the batch in as "(select ...) AS subselect": {batch} is never given an alias here.
def build(gxe, ctx: dict) -> list:
    marts, monitor, as_of = ctx["marts"], ctx["monitor"], ctx["as_of"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select r.region_id, r.region_period from {marts}.dim_region as r"
                " where not r.is_placeholder and r.region_id <> 'GEEN'"
                " and (select min(p.start_date) from reference.regulation_periods as p"
                f" where p.region_period = r.region_period) <= date '{as_of}'"
                " and (r.region_id, r.region_period) not in"
                " (select region_id, region_period from {batch})"
            ),
            description="every registered region has a status for its period's years",
            meta={"severity": ERROR, "check": "every_region_present"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, jaar from {batch} where (region_id, region_period, jaar) in"
                " (select a.region_id, a.region_period, a.jaar"
                f" from {monitor}.ind_region_status as a"
                f" inner join {monitor}.ind_region_status as b"
                " on a.region_id = b.region_id and a.region_period = b.region_period"
                " and b.jaar > a.jaar where a.status = 'gestopt' and b.is_active)"
            ),
            description="after 'gestopt' a region is never active again in the period",
            meta={"severity": ERROR, "check": "stopped_stays_stopped"},
        ),
    ]
