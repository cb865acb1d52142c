"""Raw suite for duo_vo_vestigingen (DUO address list of vo vestigingen).

The registry checks (expectations/raw/common.py) plus:

| check               | severity | what                                                |
|---------------------|----------|-----------------------------------------------------|
| vestiging_shape     | error    | VESTIGINGSCODE is a BRIN6 (00AA00) after trimming   |
| bevoegd_gezag_shape | error    | BEVOEGD GEZAG NUMMER is 5 digits                    |
| gemeente_shape      | warning  | GEMEENTENUMMER is 1-4 digits (staging pads it to 4) |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "vestigingscode", _shapes.BRIN6, "vestiging_shape"),
        *_shapes.shape(
            gxe, ctx, "bevoegd_gezag_nummer", _shapes.BEVOEGD_GEZAG, "bevoegd_gezag_shape"
        ),
        *_shapes.shape(
            gxe, ctx, "gemeentenummer", _shapes.GEMEENTE, "gemeente_shape", _shapes.WARNING
        ),
    ]
