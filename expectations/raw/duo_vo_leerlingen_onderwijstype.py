"""Raw suite for duo_vo_leerlingen_onderwijstype (01. leerlingen vo per vestiging).

The registry checks (expectations/raw/common.py: required columns, BRIN shape, the 12 count
columns integer or '<5', key unique, row count vs previous peiljaar) plus:

| check          | severity | what                                                            |
|----------------|----------|-----------------------------------------------------------------|
| suffix_shape   | error    | the vestiging suffix is 1-2 digits, or a full 6-character BRIN6 |
"""

from __future__ import annotations

from expectations.raw import _shapes, common

SUFFIX = "^([0-9][0-9]?|[0-9][0-9][A-Z][A-Z][0-9][0-9])$"


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        *_shapes.shape(gxe, ctx, "vestigingscode", SUFFIX, "suffix_shape"),
    ]
