"""Candidate suite for marts.fct_mbo_inflow.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| keys_not_null          | error    | every foreign key is set (the unknown member, never NULL)     |
| bounds_ordered         | error    | lower bound <= upper bound, and a published count lies within them |
| no_future_peiljaar     | error    | no 1 October after the as-of date                             |
| vooropleiding_mapped   | error    | every VOOROPLEIDING VO is in the seed mbo_vooropleiding_map   |
| duo_rule_counts | error | no published count of people lies in DUO's '<5' range (1-4) |
"""

from __future__ import annotations

from expectations.candidate import _facts

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        _facts.keys_not_null(gxe, ["opleiding_key"]),
        _facts.bounds_ordered(gxe, ["n_inflow"]),
        _facts.no_future_peiljaar(gxe, ctx["as_of"]),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select distinct vooropleiding_vo from {batch} where vo_group is null"
            ),
            description="every VOOROPLEIDING VO is mapped (seed mbo_vooropleiding_map)",
            meta={"severity": ERROR, "check": "vooropleiding_mapped"},
        ),
        *_facts.duo_rule(gxe, "fct_mbo_inflow"),
    ]
