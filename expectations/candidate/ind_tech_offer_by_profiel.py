"""Candidate suite for monitor.ind_tech_offer_by_profiel (small-cell protected; docs/monitor.md).

| check | severity | what |
|---|---|---|
| part_le_whole | error | a published part never exceeds its published whole |
| no_future_peiljaar | error | no 1 October after the as-of date |
| reconciles_before_suppression | error | on the exact sums (intermediate, before suppression): every row group adds up to its total |
| published_equals_exact | error | a published count equals its exact sum plus suppressed_cell_estimate per '<5' cell (suppression only NULLs) |
| no_small_cells | error | no published count of people lies in the small-cell range (1-4) |
| no_recoverable_cell | error | no row group has exactly one withheld cell |
| count_within_bounds | error | no published count lies below its lower or above its upper bound |
| no_recoverable_complement | error | no complement within a row (whole - part, both published; exact or as published) is 1-4 |
| ten_profielen_per_scope | error | every scope row set holds all ten vmbo profielen |
"""

from __future__ import annotations

from expectations.candidate import _indicators, _small_cells

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        _indicators.part_le_whole(gxe, [("n_pupils_lj3", "n_pupils_upper")]),
        _indicators.no_future_peiljaar(gxe, ctx["as_of"]),
        *_small_cells.checks(gxe, model="ind_tech_offer_by_profiel"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, scope, region_id, count(*) as n_profielen from {batch}"
                " group by peiljaar, scope, region_id having count(*) <>"
                f" (select count(*) from {marts}.dim_vmbo_profiel where profiel_code <> 'GEEN')"
            ),
            description="all ten vmbo profielen per peiljaar and scope",
            meta={"severity": ERROR, "check": "ten_profielen_per_scope"},
        ),
    ]
