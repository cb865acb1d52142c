"""Raw suite for duo_vo_examenkandidaten (5-year exam windows, wide per school year x sex).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| vestiging_shape        | error    | VESTIGINGSNUMMER/VESTIGINGSCODE is a 6-character BRIN6 |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "vestigingscode", _shapes.BRIN6, "vestiging_shape"),
    ]
