"""Candidate suite for marts.bridge_region_member.

| check                   | severity | what                                                         |
|-------------------------|----------|--------------------------------------------------------------|
| member_has_region       | error    | every member belongs to a region of dim_region               |
| validity_ordered        | error    | valid_from <= valid_to_inclusive                             |
| code_shapes             | error    | BRIN6 00AA00, instellingscode 00AA, companies pseudonymised  |
| no_company_names        | error    | no company name is published (docs/privacy.md)               |
| vestiging_in_one_region | warning  | a vo vestiging is in one region per period                   |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select m.region_id, m.region_period from {batch} as m"
                f" left join {marts}.dim_region as r on r.region_key = m.region_key"
                " where r.region_key is null"
            ),
            description="every member belongs to a region of dim_region",
            meta={"severity": ERROR, "check": "member_has_region"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, participant_code, valid_from, valid_to_inclusive from {batch}"
                " where valid_to_inclusive < valid_from"
            ),
            description="valid_from <= valid_to_inclusive",
            meta={"severity": ERROR, "check": "validity_ordered"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, participant_type, participant_code from {batch} where"
                " (participant_type in ('vmbo', 'vso', 'pro', 'po')"
                "  and participant_code !~ '^[0-9]{{2}}[A-Z]{{2}}[0-9]{{2}}$')"
                " or (participant_type = 'mbo' and participant_code !~ '^[0-9]{{2}}[A-Z]{{2}}$')"
                " or (participant_type = 'bedrijf' and participant_code !~ '^kvk:[0-9a-f]{{24}}$')"
            ),
            description="BRIN6 00AA00, instellingscode 00AA, companies pseudonymised (kvk:…)",
            meta={"severity": ERROR, "check": "code_shapes"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, participant_code from {batch}"
                " where participant_type = 'bedrijf' and participant_name is not null"
            ),
            description="no company name is published",
            meta={"severity": ERROR, "check": "no_company_names"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select participant_code, region_period, count(distinct region_id) as n_regions"
                " from {batch} where is_vo_vestiging group by participant_code, region_period"
                " having count(distinct region_id) > 1"
            ),
            description="a vo vestiging is in one region per period",
            meta={"severity": WARNING, "check": "vestiging_in_one_region"},
        ),
    ]
