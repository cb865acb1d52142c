"""Candidate suite for marts.fct_mbo_enrollment.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| keys_not_null          | error    | every foreign key is set (the unknown member, never NULL)     |
| bounds_ordered         | error    | lower bound <= upper bound, and a published count lies within them |
| no_future_peiljaar     | error    | no 1 October after the as-of date                             |
| suppressed_not_counted | error    | a suppressed cell has no count, a published one has a count   |
| opleiding_known        | warning  | every row's crebo is in dim_mbo_opleiding (not the unknown member) |
| duo_rule_counts | error | no published count of people lies in DUO's '<5' range (1-4) |
"""

from __future__ import annotations

from expectations.candidate import _facts

ERROR = "error"
WARNING = "warning"


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        _facts.keys_not_null(gxe, ["opleiding_key"]),
        _facts.bounds_ordered(gxe, ["n_students"]),
        _facts.no_future_peiljaar(gxe, ctx["as_of"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select peiljaar, instellingscode, crebo, n_students, is_suppressed from {batch}"
                " where (n_students is null) <> is_suppressed"
            ),
            description="a suppressed cell has no count, a published one has one",
            meta={"severity": ERROR, "check": "suppressed_not_counted"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select f.crebo from {{batch}} as f join {marts}.dim_mbo_opleiding as o"
                " on f.opleiding_key = o.opleiding_key where o.crebo = '-1'"
            ),
            description="every crebo resolves to dim_mbo_opleiding",
            meta={"severity": WARNING, "check": "opleiding_known"},
        ),
        *_facts.duo_rule(gxe, "fct_mbo_enrollment"),
    ]
