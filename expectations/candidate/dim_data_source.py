"""Candidate suite for marts.dim_data_source (issue 12).

| check                  | severity | what                                                              |
|------------------------|----------|-------------------------------------------------------------------|
| every_partition_listed | error    | every current DUO partition's file is listed with its quality     |
| synthetic_seed_marked  | error    | a seed row flagged is_synthetic is listed as synthetic            |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select p.dataset, p.period from audit.partitions as p"
                " where not exists (select 1 from {batch} as d where d.source_kind = 'duo'"
                " and d.file_sha256 = p.file_sha256 and d.dataset = p.dataset)"
            ),
            description="every current DUO partition's file is listed with its quality",
            meta={"severity": ERROR, "check": "every_partition_listed"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select 1 from reference.sub_max_subsidy_2025_2028 where is_synthetic"
                " and not exists (select 1 from {batch} as d"
                " where d.dataset = 'sub_max_subsidy_2025_2028' and d.is_synthetic)"
                " limit 1"
            ),
            description="a seed row flagged is_synthetic is listed as synthetic",
            meta={"severity": ERROR, "check": "synthetic_seed_marked"},
        ),
    ]
