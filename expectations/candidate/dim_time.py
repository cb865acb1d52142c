"""Candidate suite for marts.dim_time.

| check           | severity | what                                                          |
|-----------------|----------|---------------------------------------------------------------|
| consecutive     | error    | peiljaren are consecutive, one row each                       |
| subsidy_year    | error    | subsidiejaar = peiljaar + 1 and peildatum is 1 October        |
"""

from __future__ import annotations

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select max(peiljaar) - min(peiljaar) + 1 as span, count(*) as n,"
                " count(distinct peiljaar) as distinct_years from {batch}"
                " having max(peiljaar) - min(peiljaar) + 1 <> count(*)"
                " or count(*) <> count(distinct peiljaar)"
            ),
            description="consecutive peiljaren, one row each",
            meta={"severity": ERROR, "check": "consecutive"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, subsidiejaar, peildatum from {batch}"
                " where subsidiejaar <> peiljaar + 1 or peildatum <> make_date(peiljaar, 10, 1)"
            ),
            description="subsidiejaar and peildatum follow from the peiljaar",
            meta={"severity": ERROR, "check": "subsidy_year"},
        ),
    ]
