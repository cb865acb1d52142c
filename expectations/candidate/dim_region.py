"""Candidate suite for marts.dim_region.

| check                  | severity | what                                                          |
|------------------------|----------|---------------------------------------------------------------|
| no_region_bucket       | error    | the explicit "no region" member GEEN exists exactly once      |
| region_has_period      | error    | every real region belongs to a regulation period              |
| every_period_has_regions | error  | every region period up to the as-of date has a region         |
| region_type_of_period  | error    | the region type exists in the region's period (seed)          |
| penvoerder_is_board    | error    | a registered region has a 5-digit penvoerder bevoegd gezag    |
| predecessors_known     | warning  | every declared predecessor is a region of the previous period |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"


def build(gxe, ctx: dict) -> list:
    as_of = ctx["as_of"]
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select count(*) as n from {batch} where region_id = 'GEEN' having count(*) <> 1"
            ),
            description="exactly one no-region member",
            meta={"severity": ERROR, "check": "no_region_bucket"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id from {batch} where region_id <> 'GEEN' and region_period is null"
            ),
            description="every region belongs to a regulation period",
            meta={"severity": ERROR, "check": "region_has_period"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select p.region_period from reference.regulation_periods as p"
                " left join {batch} as r on r.region_period = p.region_period"
                f" where p.region_period is not null and p.start_date <= date '{as_of}'"
                " and exists (select 1 from {batch} as any_region where not any_region.is_placeholder"
                " and any_region.region_id <> 'GEEN')"
                " group by p.region_period having count(r.region_id) = 0"
            ),
            description=f"every region period that started by {as_of} has regions (once registrations are loaded)",
            meta={"severity": ERROR, "check": "every_period_has_regions"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select r.region_id, r.region_period, r.region_type from {batch} as r"
                " left join reference.sub_region_types as t on t.region_type = r.region_type"
                " and t.region_period = r.region_period"
                " where not r.is_placeholder and r.region_id <> 'GEEN' and t.region_type is null"
            ),
            description="the region type exists in the region's period",
            meta={"severity": ERROR, "check": "region_type_of_period"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select region_id, region_period, penvoerder_bevoegd_gezag_nummer from {batch}"
                " where not is_placeholder and region_id <> 'GEEN'"
                " and coalesce(penvoerder_bevoegd_gezag_nummer, '') !~ '^[0-9]{{5}}$'"
            ),
            description="a registered region has a 5-digit penvoerder bevoegd gezag",
            meta={"severity": ERROR, "check": "penvoerder_is_board"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select r.region_id, p.predecessor from {batch} as r"
                " cross join lateral unnest(string_to_array(r.predecessor_region_ids, ',')) as p(predecessor)"
                " where not exists (select 1 from {batch} as prev where prev.region_id = p.predecessor"
                " and prev.region_period < r.region_period)"
            ),
            description="every declared predecessor is a region of an earlier period",
            meta={"severity": WARNING, "check": "predecessors_known"},
        ),
    ]
