"""Candidate suite for marts.fct_region_report.

| check              | severity | what                                                       |
|--------------------|----------|------------------------------------------------------------|
| one_current        | error    | exactly one current version per region, type and period    |
| deadline_known     | error    | every report has a deadline (seed sub_report_deadlines)    |
| period_ordered     | error    | report_start <= report_end                                 |
| not_after_as_of    | error    | no report submitted after the as-of date                   |
| fte_non_negative   | error    | fte and money are not negative                             |
"""

from __future__ import annotations

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, submission_type, period, count(*) filter (where is_current) as n"
                " from {batch} group by region_id, submission_type, period"
                " having count(*) filter (where is_current) <> 1"
            ),
            description="exactly one current version per region, type and period",
            meta={"severity": ERROR, "check": "one_current"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select source_file_sha256, period from {batch} where deadline is null",
            description="every report has a deadline",
            meta={"severity": ERROR, "check": "deadline_known"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select source_file_sha256, report_start, report_end from {batch}"
                " where report_end < report_start"
            ),
            description="report_start <= report_end",
            meta={"severity": ERROR, "check": "period_ordered"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select source_file_sha256, submitted_at from {batch}"
                f" where submitted_at >= date '{as_of}' + 1"
            ),
            description=f"no report submitted after the as-of date {as_of}",
            meta={"severity": ERROR, "check": "not_after_as_of"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select source_file_sha256 from {batch} where total_spend_eur < 0 or fte_internal < 0"
                " or fte_external < 0 or cofinancing_cash_eur < 0 or cofinancing_in_kind_eur < 0"
            ),
            description="fte and money are not negative",
            meta={"severity": ERROR, "check": "fte_non_negative"},
        ),
    ]
