"""Raw suite for duo_po_vestigingen (DUO address list of po vestigingen).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| vestiging_shape        | error    | VESTIGINGSCODE is a 6-character BRIN6 |
| gemeente_shape         | warning  | GEMEENTENUMMER is 1-4 digits |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "vestigingscode", _shapes.BRIN6, "vestiging_shape"),
        *_shapes.shape(
            gxe, ctx, "gemeentenummer", _shapes.GEMEENTE, "gemeente_shape", _shapes.WARNING
        ),
    ]
