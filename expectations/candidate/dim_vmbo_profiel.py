"""Candidate suite for marts.dim_vmbo_profiel.

| check               | severity | what                                                          |
|---------------------|----------|---------------------------------------------------------------|
| ten_profielen       | error    | the ten vmbo profielen, TECH_OUD, TECH_ROUTE and GEEN are there |
| sto_2020_technical  | error    | exactly BWI, PIE, M&T, MaT and MVI are technical under sto_2020 |
"""

from __future__ import annotations

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        gxe.ExpectTableRowCountToEqual(
            value=13,
            description="the ten vmbo profielen plus TECH_OUD, TECH_ROUTE (issue 12) and GEEN",
            meta={"severity": ERROR, "check": "ten_profielen"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select profiel_code, is_technical_sto_2020 from {batch}"
                " where is_technical_sto_2020 <> (profiel_code in ('BWI', 'PIE', 'M&T', 'MaT', 'MVI'))"
            ),
            description="the sto_2020 definition: BWI, PIE, M&T, MaT, MVI",
            meta={"severity": ERROR, "check": "sto_2020_technical"},
        ),
    ]
