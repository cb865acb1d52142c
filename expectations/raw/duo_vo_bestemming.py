"""Raw suite for duo_vo_bestemming (destination of vo diploma holders; layout assumed).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| vestiging_shape        | error    | the origin VESTIGINGSCODE is a BRIN6 (or a 1-2 digit suffix) |
| destination_shape      | error    | the destination is a BRIN, XXXX (suppressed) or empty (no institution) |
| diplomajaar_shape      | error    | DIPLOMAJAAR is a year |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(
            gxe,
            ctx,
            "vestigingscode",
            "^([0-9][0-9]?|[0-9][0-9][A-Z][A-Z][0-9][0-9])$",
            "vestiging_shape",
        ),
        *_shapes.shape(
            gxe,
            ctx,
            "instellingscode_bestemming",
            "^([0-9][0-9][A-Z][A-Z]|XXXX)$",
            "destination_shape",
            allow_empty=True,
        ),
        *_shapes.shape(gxe, ctx, "diplomajaar", _shapes.YEAR, "diplomajaar_shape"),
    ]
