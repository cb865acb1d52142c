"""Raw suite for duo_mbo_studenten (mbo students per instelling, crebo, niveau, leerweg).

The registry checks (expectations/raw/common.py) plus:

| check                  | severity | what |
|------------------------|----------|------|
| crebo_shape            | error    | the erkende opleidingscode (crebo) is 5 digits |
| niveau_range           | error    | NIVEAU is 1-4 |
| jaar_shape             | error    | JAAR is a year |
"""

from __future__ import annotations

from expectations.raw import _shapes, common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "erkende_opleidingscode", _shapes.CREBO, "crebo_shape"),
        *_shapes.shape(gxe, ctx, "niveau", _shapes.NIVEAU, "niveau_range"),
        *_shapes.shape(gxe, ctx, "jaar", _shapes.YEAR, "jaar_shape"),
    ]
