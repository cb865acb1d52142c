"""Raw suite for duo_mbo_instroom (new mbo students by prior education).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| crebo_shape            | error    | BEROEPSOPLEIDING CODE (crebo) is 5 digits |
| niveau_range           | error    | NIVEAU is 1-4 |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "beroepsopleiding_code", _shapes.CREBO, "crebo_shape"),
        *_shapes.shape(gxe, ctx, "niveau", _shapes.NIVEAU, "niveau_range"),
    ]
