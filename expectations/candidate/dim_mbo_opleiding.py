"""Candidate suite for marts.dim_mbo_opleiding.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| one_unknown_member     | error    | exactly one unknown member (crebo '-1')                       |
| crebo_shape            | error    | every other crebo is 5 digits                                 |
| sectorkamer_mapped     | error    | a published sectorkamer is in the seed mbo_sectorkamers       |
| sectorkamer_known_share| warning  | at least 90% of the crebos have a known sectorkamer (technical or not) |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
MIN_KNOWN_SHARE = 0.9


def build(gxe, ctx: dict) -> list:
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) as n from {batch} where crebo = '-1' having count(*) <> 1"
            ),
            description="exactly one unknown member",
            meta={"severity": ERROR, "check": "one_unknown_member"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select crebo from {batch} where crebo <> '-1' and crebo !~ '^[0-9]{{5}}$'"
            ),
            description="a crebo is 5 digits",
            meta={"severity": ERROR, "check": "crebo_shape"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select crebo, sectorkamer_label from {batch}"
                " where sectorkamer_label is not null and sectorkamer_naam is null"
            ),
            description="every published sectorkamer is in the seed mbo_sectorkamers",
            meta={"severity": ERROR, "check": "sectorkamer_mapped"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) filter (where is_technical is not null) as known, count(*) as n"
                " from {batch} where crebo <> '-1'"
                " having count(*) filter (where is_technical is not null)"
                f" < {MIN_KNOWN_SHARE} * count(*)"
            ),
            description=f"at least {MIN_KNOWN_SHARE:.0%} of the crebos have a known sectorkamer",
            meta={"severity": WARNING, "check": "sectorkamer_known_share"},
        ),
    ]
