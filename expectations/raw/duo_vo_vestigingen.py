"""Raw suite for duo_vo_vestigingen (DUO address list of vo vestigingen).

The registry checks (expectations/raw/common.py) plus:

| check              | severity | what                                                        |
|--------------------|----------|-------------------------------------------------------------|
| vestiging_shape    | error    | VESTIGINGSCODE is a BRIN6 (00AA00) after trimming           |
| gemeente_shape     | warning  | GEMEENTENUMMER is 1-4 digits (staging pads it to 4)         |
"""

from __future__ import annotations

from expectations.raw import common


def build(gxe, ctx: dict) -> list:
    return [
        *common.checks(gxe, ctx),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select _row_number + 1 as line, vestigingscode as value from {batch}"
                " where trim(vestigingscode) !~ '^[0-9][0-9][A-Z][A-Z][0-9][0-9]$' order by 1"
            ),
            description="VESTIGINGSCODE is a 6-character BRIN6",
            meta={"severity": common.ERROR, "check": "vestiging_shape", "column": "vestigingscode"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select _row_number + 1 as line, gemeentenummer as value from {batch}"
                " where trim(gemeentenummer) !~ '^[0-9][0-9]?[0-9]?[0-9]?$' order by 1"
            ),
            description="GEMEENTENUMMER is a CBS gemeente code",
            meta={
                "severity": common.WARNING,
                "check": "gemeente_shape",
                "column": "gemeentenummer",
            },
        ),
    ]
