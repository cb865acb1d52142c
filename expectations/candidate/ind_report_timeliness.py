"""Candidate suite for monitor.ind_report_timeliness.

| check                | severity | what                                                          |
|----------------------|----------|---------------------------------------------------------------|
| no_future_deadline   | error    | no deadline after the as-of date                              |
| status_consistent    | error    | on time / late / missing agree with the dates                 |
| every_region_present | error    | every registered region of a covered period is present        |
| late_share           | warning  | at most half of the due submissions are late or missing       |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, WARNING


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    marts = ctx["marts"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=f"select * from {{batch}} where deadline >= date '{as_of}'",
            description=f"no deadline on or after the as-of date {as_of}",
            meta={"severity": ERROR, "check": "no_future_deadline"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select * from {batch} where (status = 'ontbreekt') <> (first_submitted_at is null)"
                " or is_on_time <> (status = 'op tijd') or (days_late is not null) <> (status = 'te laat')"
            ),
            description="on time / late / missing agree with the dates",
            meta={"severity": ERROR, "check": "status_consistent"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select r.region_id, r.region_period from {marts}.dim_region as r"
                " join reference.sub_report_deadlines as d on d.region_period = r.region_period"
                f" where r.region_id <> 'GEEN' and not r.is_placeholder and d.deadline < date '{as_of}'"
                " and not exists (select 1 from {batch} as i where i.region_id = r.region_id"
                " and i.submission_type = d.submission_type and i.period = d.period)"
            ),
            description="every registered region has a row for every due submission",
            meta={"severity": ERROR, "check": "every_region_present"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) filter (where not is_on_time) as late_or_missing, count(*) as due"
                " from {batch} having count(*) filter (where not is_on_time) > 0.5 * count(*)"
            ),
            description="at most half of the due submissions are late or missing",
            meta={"severity": WARNING, "check": "late_share"},
        ),
    ]
