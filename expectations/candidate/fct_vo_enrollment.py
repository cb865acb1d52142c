"""Candidate suite for marts.fct_vo_enrollment.

| check                | severity | what                                                     |
|----------------------|----------|----------------------------------------------------------|
| pupils_non_negative  | error    | n_pupils, bounds and cell counts are >= 0                |
| bounds_ordered       | error    | n_pupils <= n_pupils_lower <= n_pupils_upper             |
| keys_not_null        | error    | every foreign key is set (unknown member, never NULL)    |
| no_future_peiljaar   | error    | no peildatum (1 October) after the as-of date           |
| not_empty            | error    | the fact has rows                                        |
| duo_rule_counts | error | no published count of people lies in DUO's '<5' range (1-4) |
"""

from __future__ import annotations

from expectations.candidate import _facts

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1,
            description="the fact has rows",
            meta={"severity": ERROR, "check": "not_empty"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, brin6, leerweg, profiel_code, leerjaar, geslacht, n_pupils"
                " from {batch} where n_pupils < 0 or n_pupils_lower < 0 or n_suppressed_cells < 0"
                " or n_cells < 0"
            ),
            description="pupil counts are not negative",
            meta={"severity": ERROR, "check": "pupils_non_negative"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, brin6, n_pupils, n_pupils_lower, n_pupils_upper from {batch}"
                " where not (n_pupils <= n_pupils_lower and n_pupils_lower <= n_pupils_upper)"
            ),
            description="n_pupils <= lower bound <= upper bound",
            meta={"severity": ERROR, "check": "bounds_ordered"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, brin6 from {batch}"
                " where vestiging_key is null or profiel_key is null or region_key is null"
            ),
            description="fact foreign keys are never NULL (unknown member instead)",
            meta={"severity": ERROR, "check": "keys_not_null"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select distinct peiljaar from {batch}"
                f" where make_date(peiljaar, 10, 1) > date '{as_of}'"
            ),
            description=f"no peiljaar whose 1 October lies after the as-of date {as_of}",
            meta={"severity": ERROR, "check": "no_future_peiljaar"},
        ),
        *_facts.duo_rule(gxe, "fct_vo_enrollment"),
    ]
