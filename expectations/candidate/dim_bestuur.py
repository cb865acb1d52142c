"""Candidate suite for marts.dim_bestuur.

| check                | severity | what                                                           |
|----------------------|----------|----------------------------------------------------------------|
| one_unknown_member   | error    | exactly one unknown member (bevoegd_gezag_nummer '-1')         |
| number_shape         | error    | every other bevoegd gezag number is numeric                    |
| vestigingen_resolve  | error    | every vestiging version naming a bevoegd gezag points at it (not at the unknown member) |
| board_record_share   | warning  | at least 80% of the boards come from a DUO board list           |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
MIN_BOARD_RECORD_SHARE = 0.8


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) as n from {batch} where bevoegd_gezag_nummer = '-1'"
                " having count(*) <> 1"
            ),
            description="exactly one unknown member",
            meta={"severity": ERROR, "check": "one_unknown_member"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select bevoegd_gezag_nummer from {batch}"
                " where bevoegd_gezag_nummer <> '-1' and bevoegd_gezag_nummer !~ '^[0-9]+$'"
            ),
            description="bevoegd gezag numbers are numeric",
            meta={"severity": ERROR, "check": "number_shape"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select v.brin6, v.valid_from, v.bevoegd_gezag_nummer"
                f" from {marts}.dim_vestiging as v join {{batch}} as b"
                " on v.bestuur_key = b.bestuur_key"
                " where v.bevoegd_gezag_nummer is not null and b.bevoegd_gezag_nummer = '-1'"
            ),
            description="every vestiging version naming a bevoegd gezag resolves to it",
            meta={"severity": ERROR, "check": "vestigingen_resolve"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) filter (where has_board_record) as with_record, count(*) as n"
                " from {batch} where bevoegd_gezag_nummer <> '-1'"
                f" having count(*) filter (where has_board_record)"
                f" < {MIN_BOARD_RECORD_SHARE} * count(*)"
            ),
            description=f"at least {MIN_BOARD_RECORD_SHARE:.0%} of the boards are in a DUO board list",
            meta={"severity": WARNING, "check": "board_record_share"},
        ),
    ]
