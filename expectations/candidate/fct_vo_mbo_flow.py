"""Candidate suite for marts.fct_vo_mbo_flow.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| keys_not_null          | error    | every foreign key is set (the unknown member, never NULL)     |
| bounds_ordered         | error    | n_graduates (published cells) <= lower bound <= upper bound |
| no_future_peiljaar     | error    | no destination 1 October (of the diplomajaar) after the as-of date |
| bestemming_mapped      | error    | every BESTEMMING is in the seed vo_bestemming_map             |
| technical_implies_mbo  | error    | a technical-mbo destination is an mbo destination             |
| duo_rule_counts | error | no published count of people lies in DUO's '<5' range (1-4) |
"""

from __future__ import annotations

from expectations.candidate import _facts

ERROR = "error"


def build(gxe, ctx: dict) -> list:
    return [
        _facts.keys_not_null(gxe, ["vestiging_key", "region_key", "profiel_key", "opleiding_key"]),
        _facts.bounds_ordered(gxe, ["n_graduates"], known_sum=True),
        _facts.no_future_peiljaar(gxe, ctx["as_of"], column="diplomajaar"),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select distinct bestemming from {batch} where bestemming_group is null"
            ),
            description="every BESTEMMING is mapped (seed vo_bestemming_map)",
            meta={"severity": ERROR, "check": "bestemming_mapped"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select diplomajaar, brin6, bestemming from {batch}"
                " where is_destination_technical_mbo and not is_destination_mbo"
            ),
            description="a technical-mbo destination is an mbo destination",
            meta={"severity": ERROR, "check": "technical_implies_mbo"},
        ),
        *_facts.duo_rule(gxe, "fct_vo_mbo_flow"),
    ]
