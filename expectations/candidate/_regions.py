"""Checks shared by the candidate suites of the region indicators (issue 4)."""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"


def every_region_present(
    gxe, ctx: dict, period_column: str, period_kind: str, severity: str = ERROR
) -> object:
    """Every registered region of a period the indicator covers has at least one row."""
    marts = ctx["marts"]
    if period_kind == "region_period":
        join = "r.region_period = i.region_period"
        periods = "select distinct region_period from {batch} as covered"
        match = "r.region_period in (" + periods + ")"
    else:
        join = (
            "r.region_period = (select p.region_period from reference.regulation_periods as p"
            f" where p.regulation_period = i.{period_column})"
        )
        match = (
            "r.region_period in (select p.region_period from reference.regulation_periods as p"
            f" where p.regulation_period in (select distinct {period_column} from {{batch}} as covered))"
        )
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=(
            f"select r.region_id, r.region_period from {marts}.dim_region as r"
            f" left join {{batch}} as i on i.region_id = r.region_id and {join}"
            f" where r.region_id <> 'GEEN' and not r.is_placeholder and {match}"
            " and i.region_id is null"
        ),
        description="every registered region of a covered period is present",
        meta={"severity": severity, "check": "every_region_present"},
    )


def share_in_unit_interval(gxe, column: str, severity: str = ERROR) -> object:
    return gxe.ExpectColumnValuesToBeBetween(
        column=column,
        min_value=0,
        max_value=1,
        description=f"{column} lies in [0, 1]",
        meta={"severity": severity, "check": f"{column}_in_unit_interval"},
    )


def non_negative(gxe, columns: list[str], check: str = "non_negative") -> object:
    condition = " or ".join(f"{c} < 0" for c in columns)
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=f"select * from {{batch}} where {condition}",
        description=f"{', '.join(columns)} are not negative",
        meta={"severity": ERROR, "check": check},
    )


def national_adds_up(
    gxe, ctx: dict, table: str, by: list[str], columns: list[str], complete_only: bool = False
) -> object:
    """The national row (scope national, computed in SQL) of each ``by`` group equals the sum of
    its region rows for every additive column: the table publishes one national total, the one
    a reader gets by adding the regions up. ``complete_only``: only national rows that lack no
    region (their values are NULL by rule when one is missing)."""
    regions = f"{ctx['monitor']}.{table}"
    keys = ", ".join(by)
    sums = ", ".join(f"sum({c}) as {c}" for c in columns)
    differs = " or ".join(f"abs(coalesce(n.{c}, 0) - coalesce(r.{c}, 0)) > 0.005" for c in columns)
    join = " and ".join(f"n.{k} = r.{k}" for k in by)
    return gxe.UnexpectedRowsExpectation(
        unexpected_rows_query=(
            f"select n.{', n.'.join(by)} from {{batch}} as n"
            f" inner join (select {keys}, {sums} from {regions} where scope = 'region'"
            f" group by {keys}) as r on {join}"
            f" where n.scope = 'national' and ({differs})"
            + (" and n.n_regions_missing = 0" if complete_only else "")
        ),
        description=f"national {', '.join(columns)} = the sum of the regions per {keys}",
        meta={"severity": ERROR, "check": "national_adds_up"},
    )
