"""Raw suite for duo_crebo_sectorkamer (crebo -> sectorkamer lookup).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| crebo_shape            | error    | the erkende opleidingscode (crebo) is 5 digits |
| sectorkamer_present    | error    | every crebo names its sectorkamer |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    present = {"erkende_opleidingscode", "sectorkamer_naam"} <= set(ctx["columns"])
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "erkende_opleidingscode", _shapes.CREBO, "crebo_shape"),
    ] + (
        [
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    "select _row_number + 1 as line, erkende_opleidingscode from {batch}"
                    " where trim(coalesce(sectorkamer_naam, '')) = '' order by 1"
                ),
                description="every crebo names its sectorkamer",
                meta={"severity": _shapes.ERROR, "check": "sectorkamer_present"},
            ),
        ]
        if present
        else []
    )
