"""Candidate suite for marts.dim_data_source (issue 12).

| check                  | severity | what                                                              |
|------------------------|----------|-------------------------------------------------------------------|
| every_partition_listed | error    | every current DUO partition's file is listed with its quality     |
| synthetic_seed_marked  | error    | a seed row flagged is_synthetic is listed as synthetic            |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR


# GX puts the batch in as "(select ...) AS subselect": {batch} is never given an alias here.
def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select p.dataset, p.period from audit.partitions as p where p.file_sha256 not in"
                " (select file_sha256 from {batch} where source_kind = 'duo'"
                " and file_sha256 is not null)"
            ),
            description="every current DUO partition's file is listed with its quality",
            meta={"severity": ERROR, "check": "every_partition_listed"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select s.region_id from reference.sub_max_subsidy_2025_2028 as s"
                " where s.is_synthetic and 'sub_max_subsidy_2025_2028' not in"
                " (select dataset from {batch} where is_synthetic) limit 1"
            ),
            description="a seed row flagged is_synthetic is listed as synthetic",
            meta={"severity": ERROR, "check": "synthetic_seed_marked"},
        ),
    ]
