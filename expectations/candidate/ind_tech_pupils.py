"""Candidate suite for monitor.ind_tech_pupils (small-cell protected; docs/monitor.md).

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
| yoy_change_within_bounds | warning | the technical share moves at most 5 points a year (regions >= 100 pupils) |
"""

from __future__ import annotations

from expectations.candidate import _indicators, _small_cells

WARNING = "warning"
MAX_YOY_CHANGE = 0.05
MIN_PUPILS_FOR_YOY = 100


def build(gxe, ctx: dict) -> list:
    return [
        _indicators.ratios_in_unit_interval(
            gxe, ["share_tech_upper", "share_tech_lj3", "share_tech_upper_baseline"]
        ),
        _indicators.part_le_whole(
            gxe,
            [
                ("n_tech_pupils_upper", "n_pupils_upper"),
                ("n_tech_pupils_lj3", "n_pupils_lj3"),
                ("n_pupils_lj3", "n_pupils_upper"),
            ],
        ),
        _indicators.no_future_peiljaar(gxe, ctx["as_of"]),
        *_small_cells.checks(gxe, model="ind_tech_pupils"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select cur.definition, cur.peiljaar, cur.region_id, cur.leerweg,"
                " prev.share_tech_upper as previous, cur.share_tech_upper as current"
                " from {batch} as cur join {batch} as prev"
                " on prev.definition = cur.definition and prev.region_id = cur.region_id"
                " and prev.leerweg = cur.leerweg and prev.peiljaar = cur.peiljaar - 1"
                f" where cur.n_pupils_upper >= {MIN_PUPILS_FOR_YOY}"
                f" and prev.n_pupils_upper >= {MIN_PUPILS_FOR_YOY}"
                f" and abs(cur.share_tech_upper - prev.share_tech_upper) > {MAX_YOY_CHANGE}"
            ),
            description=f"technical share changes at most {MAX_YOY_CHANGE} year on year",
            meta={"severity": WARNING, "check": "yoy_change_within_bounds"},
        ),
    ]
