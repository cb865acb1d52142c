"""Raw suite for duo_vo_examencijfers (geslaagden, gezakten en cijfers, one school year).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| vestiging_shape        | error    | VESTIGINGSCODE is a 6-character BRIN6 |
| passed_plus_failed     | warning  | GESLAAGDEN + GEZAKTEN = EXAMENKANDIDATEN where all three are numbers |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "vestigingscode", _shapes.BRIN6, "vestiging_shape"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select line, examenkandidaten, geslaagden, gezakten from ("
                " select _row_number + 1 as line, examenkandidaten, geslaagden, gezakten,"
                " case when trim(examenkandidaten) ~ '^[0-9]+$' and trim(geslaagden) ~ '^[0-9]+$'"
                " and trim(gezakten) ~ '^[0-9]+$' then trim(geslaagden)::numeric"
                " + trim(gezakten)::numeric - trim(examenkandidaten)::numeric end as difference"
                " from {batch}) as cells where difference <> 0 order by 1"
            ),
            description="passed + failed = candidates",
            meta={"severity": _shapes.WARNING, "check": "passed_plus_failed"},
        ),
    ]
