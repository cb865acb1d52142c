"""Candidate suite for monitor.ind_max_subsidy_2020_2023.

| check                | severity | what                                                            |
|----------------------|----------|-----------------------------------------------------------------|
| every_region_present | error    | every registered 2020-2024 region has its maximum               |
| non_negative         | error    | pupils and amounts are not negative                             |
| formula_holds        | error    | max = (BB+KB) x rate_bbkb + GL x rate_gl                        |
| published_or_withheld| error    | a maximum is NULL exactly when a cell it needs is not published |
| national_adds_up | error | the national row is the sum of the regions (additive columns) |
"""

from __future__ import annotations

from expectations.candidate._regions import ERROR, national_adds_up, non_negative


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select r.region_id from {marts}.dim_region as r"
                " left join {batch} as i on i.region_id = r.region_id"
                " where r.region_period = '2020-2024' and not r.is_placeholder and i.region_id is null"
            ),
            description="every registered 2020-2024 region has its maximum",
            meta={"severity": ERROR, "check": "every_region_present"},
        ),
        non_negative(gxe, ["n_pupils_bbkb", "n_pupils_gl", "max_subsidy_eur"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, max_subsidy_eur from {batch} where"
                " abs(max_subsidy_eur - (n_pupils_bbkb * rate_bbkb_eur + n_pupils_gl * rate_gl_eur)) > 0.005"
            ),
            description="max = (BB+KB) x rate_bbkb + GL x rate_gl",
            meta={"severity": ERROR, "check": "formula_holds"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, n_cells_not_published, max_subsidy_eur from {batch}"
                " where (max_subsidy_eur is null) <> (n_cells_not_published > 0)"
            ),
            description="a maximum is NULL exactly when a cell of ind_tech_pupils it needs is not",
            meta={"severity": ERROR, "check": "published_or_withheld"},
        ),
        national_adds_up(
            gxe,
            ctx,
            "ind_max_subsidy_2020_2023",
            ["peildatum"],
            ["n_pupils_bbkb", "n_pupils_gl", "max_subsidy_eur"],
            complete_only=True,
        ),
    ]
