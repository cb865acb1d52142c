"""Candidate suite for monitor.ind_subsidy_per_tech_pupil.

| check              | severity | what                                                        |
|--------------------|----------|-------------------------------------------------------------|
| count_year_before  | error    | the pupils are counted on the 1 October before the year     |
| non_negative       | error    | amounts and pupils are not negative                         |
| ratio_holds        | error    | subsidy_per_tech_pupil = granted / pupils                   |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, national_adds_up, non_negative


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query="select * from {batch} where peiljaar <> subsidiejaar - 1",
            description="the pupils are counted on the 1 October before the subsidy year",
            meta={"severity": ERROR, "check": "count_year_before"},
        ),
        non_negative(gxe, ["granted_eur", "n_tech_pupils_upper", "subsidy_per_tech_pupil_eur"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select * from {batch} where n_tech_pupils_upper > 0 and"
                " abs(subsidy_per_tech_pupil_eur - granted_eur / n_tech_pupils_upper) > 0.01"
            ),
            description="subsidy_per_tech_pupil = granted / pupils",
            meta={"severity": ERROR, "check": "ratio_holds"},
        ),
        national_adds_up(
            gxe, ctx, "ind_subsidy_per_tech_pupil", ["subsidiejaar", "definition"], ["granted_eur"]
        ),
    ]
