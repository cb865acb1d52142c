"""Candidate suite for marts.dim_region.

| check            | severity | what                                                       |
|------------------|----------|------------------------------------------------------------|
| no_region_bucket | error    | the explicit "no region" member GEEN exists exactly once   |
| region_has_period| error    | every real region belongs to a regulation period           |
"""

from __future__ import annotations

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) as n from {batch} where region_id = 'GEEN' having count(*) <> 1"
            ),
            description="exactly one no-region member",
            meta={"severity": ERROR, "check": "no_region_bucket"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id from {batch} where region_id <> 'GEEN' and region_period is null"
            ),
            description="every region belongs to a regulation period",
            meta={"severity": ERROR, "check": "region_has_period"},
        ),
    ]
