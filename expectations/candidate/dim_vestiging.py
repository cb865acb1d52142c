"""Candidate suite for marts.dim_vestiging.

| check              | severity | what                                                         |
|--------------------|----------|--------------------------------------------------------------|
| one_unknown_member | error    | exactly one unknown member (brin6 '-1')                      |
| brin6_shape        | error    | every other BRIN6 is 00AA00                                  |
| versions_disjoint  | error    | SCD2 versions of a vestiging do not overlap                  |
| one_current        | error    | each vestiging has exactly one current version               |
"""

from __future__ import annotations

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) as n from {batch} where brin6 = '-1' having count(*) <> 1"
            ),
            description="exactly one unknown member",
            meta={"severity": ERROR, "check": "one_unknown_member"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select brin6 from {batch}"
                " where brin6 <> '-1' and brin6 !~ '^[0-9][0-9][A-Z][A-Z][0-9][0-9]$'"
            ),
            description="BRIN6 is 00AA00",
            meta={"severity": ERROR, "check": "brin6_shape"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select a.brin6, a.valid_from, b.valid_from as overlaps_from from {batch} as a"
                " join {batch} as b on a.brin6 = b.brin6 and a.vestiging_key <> b.vestiging_key"
                " and a.valid_from < b.valid_to and b.valid_from < a.valid_to"
            ),
            description="SCD2 versions of one vestiging do not overlap",
            meta={"severity": ERROR, "check": "versions_disjoint"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select brin6, count(*) filter (where is_current) as n_current from {batch}"
                " group by brin6 having count(*) filter (where is_current) <> 1"
            ),
            description="exactly one current version per vestiging",
            meta={"severity": ERROR, "check": "one_current"},
        ),
    ]
