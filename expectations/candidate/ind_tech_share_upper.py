"""Candidate suite for monitor.ind_tech_share_upper (technical share of upper-year pupils).

GX aliases {batch} itself unless a query has a JOIN; in queries with a JOIN every {batch} carries
an alias of its own (PostgreSQL before 16 requires one on every subquery).

| check                         | severity | what                                                          |
|-------------------------------|----------|---------------------------------------------------------------|
| share_in_unit_interval        | error    | share_tech_pupils in [0, 1]                                   |
| numerator_le_denominator      | error    | n_tech_pupils_upper <= n_pupils_upper                         |
| every_region_present          | error    | every region of the period in force has a row per definition  |
| no_future_peiljaar            | error    | no peildatum after the as-of date                             |
| yoy_change_within_bounds      | warning  | a share moves at most 5 points from one year to the next      |

The table is the leerweg = 'ALL' rows of ind_tech_pupils: its small-cell checks are that
table's (``_small_cells.checks`` from its declaration) and the release-wide disclosure audit.
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
MAX_YOY_CHANGE = 0.05
MIN_PUPILS_FOR_YOY = 100


def build(gxe, ctx: dict) -> list:
    marts = ctx["marts"]
    as_of = ctx["as_of"]
    return [
        gxe.ExpectColumnValuesToBeBetween(
            column="share_tech_pupils",
            min_value=0,
            max_value=1,
            description="share_tech_pupils lies in [0, 1]",
            meta={"severity": ERROR, "check": "share_in_unit_interval"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select definition, peiljaar, region_id, n_tech_pupils_upper, n_pupils_upper"
                " from {batch} where n_tech_pupils_upper > n_pupils_upper"
            ),
            description="numerator never exceeds denominator",
            meta={"severity": ERROR, "check": "numerator_le_denominator"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select t.peiljaar, d.definition, r.region_id from"
                f" {marts}.dim_time as t"
                f" join {marts}.dim_region as r on r.region_period = t.region_period"
                " cross join (select distinct definition from {batch} as defs) as d"
                " where t.peiljaar in (select peiljaar from {batch} as years)"
                " and r.region_id <> 'GEEN' and not exists (select 1 from {batch} as i"
                " where i.peiljaar = t.peiljaar and i.definition = d.definition"
                " and i.region_id = r.region_id)"
            ),
            description="every region of the period in force is present",
            meta={"severity": ERROR, "check": "every_region_present"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select distinct peiljaar from {batch}"
                f" where make_date(peiljaar, 10, 1) > date '{as_of}'"
            ),
            description=f"no peiljaar whose 1 October lies after the as-of date {as_of}",
            meta={"severity": ERROR, "check": "no_future_peiljaar"},
        ),
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                "select cur.definition, cur.peiljaar, cur.region_id,"
                " prev.share_tech_pupils as previous, cur.share_tech_pupils as current"
                " from {batch} as cur join {batch} as prev"
                " on prev.definition = cur.definition and prev.region_id = cur.region_id"
                " and prev.peiljaar = cur.peiljaar - 1"
                f" where cur.n_pupils_upper >= {MIN_PUPILS_FOR_YOY}"
                f" and prev.n_pupils_upper >= {MIN_PUPILS_FOR_YOY}"
                f" and abs(cur.share_tech_pupils - prev.share_tech_pupils) > {MAX_YOY_CHANGE}"
            ),
            description=f"technical share changes at most {MAX_YOY_CHANGE} year on year",
            meta={"severity": WARNING, "check": "yoy_change_within_bounds"},
        ),
    ]
