"""Candidate suite for monitor.ind_share_girls_tech (small-cell protected; docs/monitor.md).

| check | severity | what |
|---|---|---|
| ratios_in_unit_interval | error | every share / rate lies in [0, 1] |
| part_le_whole | error | a published part never exceeds its published whole |
| no_future_peiljaar | error | no 1 October after the as-of date |
| reconciles_before_suppression | error | on the exact sums (intermediate, before suppression): every row group adds up to its total |
| published_equals_exact | error | a published count equals its exact sum plus suppressed_cell_estimate per '<5' cell (suppression only NULLs) |
| no_small_cells | error | no published count of people lies in the small-cell range (1-4) |
| no_recoverable_cell | error | no row group has exactly one withheld cell |
| count_within_bounds | error | no published count lies below its lower or above its upper bound |
| no_recoverable_complement | error | no complement within a row (whole - part, both published; exact or as published) is 1-4 |
"""

from __future__ import annotations

from expectations.candidate import _indicators, _small_cells


def build(gxe, ctx: dict) -> list:
    return [
        _indicators.ratios_in_unit_interval(
            gxe, ["share_girls_tech_upper", "share_girls_tech_lj3"]
        ),
        _indicators.part_le_whole(
            gxe,
            [
                ("n_girls_tech_upper", "n_tech_pupils_upper"),
                ("n_girls_tech_lj3", "n_tech_pupils_lj3"),
            ],
        ),
        _indicators.no_future_peiljaar(gxe, ctx["as_of"]),
        *_small_cells.checks(gxe, model="ind_share_girls_tech"),
    ]
