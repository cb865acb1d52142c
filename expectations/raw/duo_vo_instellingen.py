"""Raw suite for duo_vo_instellingen (DUO address list of vo instellingen).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| bevoegd_gezag_shape    | error    | BEVOEGD GEZAG NUMMER is 5 digits |
| gemeente_shape         | warning  | GEMEENTENUMMER is 1-4 digits (staging pads it) |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(
            gxe, ctx, "bevoegd_gezag_nummer", _shapes.BEVOEGD_GEZAG, "bevoegd_gezag_shape"
        ),
        *_shapes.shape(
            gxe, ctx, "gemeentenummer", _shapes.GEMEENTE, "gemeente_shape", _shapes.WARNING
        ),
    ]
