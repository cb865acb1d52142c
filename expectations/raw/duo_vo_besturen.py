"""Raw suite for duo_vo_besturen (DUO address list of vo besturen).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| bevoegd_gezag_shape    | error    | BEVOEGD GEZAG NUMMER is 5 digits |
| kvk_shape              | warning  | KVK-NUMMER is 8 digits (or empty) |
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
            gxe, ctx, "kvk_nummer", _shapes.KVK, "kvk_shape", _shapes.WARNING, allow_empty=True
        ),
    ]
