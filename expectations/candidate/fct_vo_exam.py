"""Candidate suite for marts.fct_vo_exam.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| keys_not_null          | error    | every foreign key is set (the unknown member, never NULL)     |
| bounds_ordered         | error    | lower bound <= upper bound, and a published count lies within them |
| no_future_peiljaar     | error    | no school year opening after the as-of date                   |
| passed_le_candidates   | warning  | passed <= candidates where both are published                  |
| profiel_on_beroepsgericht | error | only BB/KB/GL rows carry a vmbo profiel                        |
| duo_rule_counts | error | no published count of people lies in DUO's '<5' range (1-4) |
| duo_rule_complements | error | no complement within a row (candidates - passed or failed) lies in it |
"""

from __future__ import annotations

from expectations.candidate import _facts

ERROR = "error"
WARNING = "warning"


def build(gxe, ctx: dict) -> list:
    return [
        _facts.keys_not_null(gxe, ["vestiging_key", "region_key", "profiel_key"]),
        _facts.bounds_ordered(gxe, ["n_candidates", "n_passed"]),
        _facts.no_future_peiljaar(gxe, ctx["as_of"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select schooljaar, brin6, afdeling, n_candidates, n_passed from {batch}"
                " where n_passed > n_candidates"
            ),
            description="passed <= candidates",
            meta={"severity": WARNING, "check": "passed_le_candidates"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select schooljaar, brin6, leerweg, profiel_code from {batch}"
                " where profiel_code <> 'GEEN' and not is_vmbo_beroepsgericht"
                " and leerweg in ('TL', 'HAVO', 'VWO')"
            ),
            description="only BB/KB/GL rows carry a vmbo profiel",
            meta={"severity": ERROR, "check": "profiel_on_beroepsgericht"},
        ),
        *_facts.duo_rule(gxe, "fct_vo_exam"),
    ]
