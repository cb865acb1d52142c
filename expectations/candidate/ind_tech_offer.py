"""Candidate suite for monitor.ind_tech_offer (small-cell protected; docs/monitor.md).

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
| complete_means_all_offered | error | is_tech_offer_complete exactly when every technical profiel of the definition is offered |
"""

from __future__ import annotations

from expectations.candidate import _indicators, _small_cells

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        _indicators.ratios_in_unit_interval(gxe, ["share_vestigingen_with_tech"]),
        _indicators.part_le_whole(
            gxe,
            [
                ("n_vestigingen_with_tech", "n_vestigingen_vbo"),
                ("n_tech_profiles_offered", "n_tech_profiles_defined"),
                ("n_vestigingen_with_tech", "n_tech_profile_offers"),
            ],
        ),
        _indicators.no_future_peiljaar(gxe, ctx["as_of"]),
        *_small_cells.checks(gxe, model="ind_tech_offer"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select definition, peiljaar, region_id, n_tech_profiles_offered,"
                " n_tech_profiles_defined, is_tech_offer_complete from {batch}"
                " where is_tech_offer_complete"
                " <> (n_tech_profiles_defined > 0"
                " and n_tech_profiles_offered = n_tech_profiles_defined)"
            ),
            description="complete exactly when every technical profiel is offered",
            meta={"severity": ERROR, "check": "complete_means_all_offered"},
        ),
    ]
