"""Candidate suite for monitor.ind_staff_contracts (issue 12).

| check              | severity | what                                                                |
|--------------------|----------|---------------------------------------------------------------------|
| parts_within_total | error    | temporary + permanent = total; new + existing, ending, converted <= total |
| detail_or_null     | error    | without detail the detail columns are NULL, never 0                  |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, national_adds_up


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, jaar from {batch} where"
                " abs(fte_temporary + fte_permanent - fte_total) > 0.005"
                " or fte_new + fte_existing > fte_total + 0.005"
                " or fte_ending_next_year > fte_total + 0.005"
                " or fte_converted_permanent > fte_total + 0.005"
            ),
            description="temporary + permanent = total; the parts stay within the total",
            meta={"severity": ERROR, "check": "parts_within_total"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, jaar from {batch} where not has_detail and"
                " (fte_new is not null or fte_ending_next_year is not null)"
            ),
            description="without detail the detail columns are NULL, never 0",
            meta={"severity": ERROR, "check": "detail_or_null"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_staff_contracts",
            ["regulation_period", "jaar"],
            ["fte_total", "fte_temporary", "fte_permanent", "fte_new", "fte_ending_next_year"],
        ),
    ]
