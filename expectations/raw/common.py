"""The registry-driven checks every DUO raw table gets (the default raw suite).

ctx keys: ``entry`` (registry Entry), ``columns`` (canonical columns in the file),
``previous_rows`` (row count of the previous period's partition, or None), ``table``.

| check                    | severity | what                                                          |
|--------------------------|----------|---------------------------------------------------------------|
| required_columns         | error    | every required canonical column is present                    |
| brin_shape               | error    | the BRIN column looks like 00AA (after trimming padding)      |
| counts_integer           | error    | every count cell is an integer, empty, or a suppression marker |
| counts_plausible         | error    | no count above 100,000 (the registry's max_count)             |
| numbers_parse            | error    | percentage/decimal cells are numbers (comma or point), or empty |
| one_period               | error    | a period read from a column holds for every row               |
| key_unique               | error    | the registry key is unique within the period                  |
| not_empty                | error    | at least one row                                              |
| row_count_vs_previous    | warning  | row count within max_row_change of the previous period        |
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
# No braces in these patterns: GX substitutes {batch} with str.format. GX aliases {batch} itself
# unless the query has a JOIN; then every {batch} needs an alias (PostgreSQL < 16 insists).
BRIN = "^[0-9][0-9][A-Z][A-Z]$"
# A percentage as DUO prints it: "92,5%", ",0%", "100%", "92.5" (point or comma, % optional).
PERCENTAGE = "^[0-9]*([,.][0-9]+)?[ ]?%?$"
# A decimal number: "6,4", "6.4", "7".
DECIMAL = "^[0-9]+([,.][0-9]+)?$"
MAX_COUNT = 100_000


def _q(identifier: str) -> str:
    # Canonical names are snake_case ASCII from the registry; quote them anyway.
    return '"' + identifier.replace('"', '""') + '"'


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _markers(entry) -> str:
    return "".join(f" or '{m}'" for m in entry.suppression_markers)


def checks(gxe, ctx: dict) -> list:
    """Each row check's meta carries ``what`` (filled from the first offending row: line,
    column_name, value, ...) and ``fix``: the gate's message says what to change, where."""
    entry = ctx["entry"]
    present = set(ctx["columns"])
    out = [
        gxe.ExpectTableColumnsToMatchSet(
            column_set=[c for c in entry.required],
            exact_match=False,
            description="every required column is present: " + ", ".join(entry.required),
            meta={"severity": ERROR, "check": "required_columns"},
        ),
        gxe.ExpectTableRowCountToBeBetween(
            min_value=1,
            description="at least one data row",
            meta={"severity": ERROR, "check": "not_empty"},
        ),
    ]
    if entry.brin_column and entry.brin_column in present:
        column = _q(entry.brin_column)
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    f"select _row_number + 1 as line, {column} as value from {{batch}}"
                    f" where trim({column}) !~ {_lit(BRIN)} order by 1"
                ),
                description=f"{entry.brin_column} is a 4-character BRIN (00AA)",
                meta={
                    "severity": ERROR,
                    "check": "brin_shape",
                    "column": entry.brin_column,
                    "what": "'{value}' is not a BRIN",
                    "fix": "a BRIN is 2 digits and 2 capital letters, e.g. 00AH",
                },
            )
        )
    wide = ctx.get("wide") or {}
    counts = [c for c in entry.counts if c in present]
    counts += [c for c, kind in wide.items() if kind == "count" and c in present]
    if counts:
        allowed = ", ".join(_lit(m) for m in ("", *entry.suppression_markers))
        bad = [f"trim({_q(c)}) !~ '^[0-9]+$' and trim({_q(c)}) not in ({allowed})" for c in counts]
        names = " ".join(f"when {b} then {_lit(c)}" for b, c in zip(bad, counts, strict=True))
        values = " ".join(f"when {b} then {_q(c)}" for b, c in zip(bad, counts, strict=True))
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    "select line, column_name, value from ("
                    f" select _row_number + 1 as line, case {names} end as column_name,"
                    f" case {values} end as value"
                    " from {batch}) as cells where column_name is not null order by line"
                ),
                description="count cells are integers or a suppression marker",
                meta={
                    "severity": ERROR,
                    "check": "counts_integer",
                    "what": "'{value}' is not a count",
                    "fix": f"counts are whole numbers ≥ 0{_markers(entry)}",
                },
            )
        )
    if counts:
        # A DUO cell counts pupils of one vestiging/opleiding/year: beyond this it is corruption.
        limit = int(getattr(entry, "max_count", None) or MAX_COUNT)
        # CASE guards the cast: PostgreSQL may evaluate a WHERE clause in any order.
        over = " or ".join(
            f"case when trim({_q(c)}) ~ '^[0-9]+$' then trim({_q(c)})::numeric end > {limit}"
            for c in counts
        )
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    "select _row_number + 1 as line, concat_ws('|', "
                    + ", ".join(_q(c) for c in counts)
                    + f") as value from {{batch}} where {over} order by 1"
                ),
                description=f"no count above {limit:,} (an absurd cell is corruption)",
                meta={
                    "severity": ERROR,
                    "check": "counts_plausible",
                    "what": f"a count above {limit:,} in this row ({{value}})",
                    "fix": "no cell of one vestiging counts that many: the file is corrupt,"
                    " download it again",
                },
            )
        )
    numbers = [(c, PERCENTAGE) for c in entry.percentages if c in present] + [
        (c, DECIMAL) for c in entry.decimals if c in present
    ]
    numbers += [
        (c, PERCENTAGE) for c, kind in wide.items() if kind == "percentage" and c in present
    ]
    numbers += [(c, DECIMAL) for c, kind in wide.items() if kind == "grade" and c in present]
    if numbers:
        allowed = ", ".join(_lit(m) for m in ("", *entry.suppression_markers))
        bad = [
            f"trim({_q(c)}) !~ {_lit(rx)} and trim({_q(c)}) not in ({allowed})" for c, rx in numbers
        ]
        names = " ".join(f"when {b} then {_lit(c)}" for b, (c, _) in zip(bad, numbers, strict=True))
        values = " ".join(f"when {b} then {_q(c)}" for b, (c, _) in zip(bad, numbers, strict=True))
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    "select line, column_name, value from ("
                    f" select _row_number + 1 as line, case {names} end as column_name,"
                    f" case {values} end as value"
                    " from {batch}) as cells where column_name is not null order by line"
                ),
                description="percentages and decimals are numbers (decimal comma or point)",
                meta={
                    "severity": ERROR,
                    "check": "numbers_parse",
                    "what": "'{value}' is not a number",
                    "fix": "percentages and decimals are numbers with a decimal comma or point"
                    f" (92,5% or 6,4), empty{_markers(entry)}",
                },
            )
        )
    if ctx.get("period_source") == "column" and entry.period.column in present:
        column = _q(entry.period.column)
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    f"select _row_number + 1 as line, {column} as value from {{batch}}"
                    f" where trim({column}) <> {_lit(ctx['period'])} order by 1"
                ),
                description=f"every row belongs to period {ctx['period']} (read from {entry.period.column})",
                meta={
                    "severity": ERROR,
                    "check": "one_period",
                    "column": entry.period.column,
                    "what": f"'{{value}}' is not period {ctx['period']}",
                    "fix": "a file holds one period: split it, or remove the rows of another one",
                },
            )
        )
    key = [c for c in entry.key if c in present]
    if key:
        cols = ", ".join(f"trim({_q(c)})" for c in key)
        out.append(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=(
                    f"select min(_row_number) + 1 as first_line, max(_row_number) + 1 as"
                    f" last_line, count(*) as n_rows, concat_ws('|', {cols}) as key"
                    f" from {{batch}} group by {cols} having count(*) > 1 order by 1"
                ),
                description=f"key ({', '.join(key)}) is unique within the period",
                meta={
                    "severity": ERROR,
                    "check": "key_unique",
                    "what": "the same key ({key}) as line {first_line} ({n_rows} rows)",
                    "fix": f"keep one row per {', '.join(key)}: remove the duplicated row"
                    " or correct its key",
                    "line_field": "last_line",
                },
            )
        )
    previous = ctx.get("previous_rows")
    if previous and entry.max_row_change:
        out.append(
            gxe.ExpectTableRowCountToBeBetween(
                min_value=int(previous * (1 - entry.max_row_change)),
                max_value=int(previous * (1 + entry.max_row_change)) + 1,
                description=(
                    f"row count within {entry.max_row_change:.0%} of the previous period's"
                ),
                meta={"severity": WARNING, "check": "row_count_vs_previous"},
            )
        )
    return out


def build(gxe, ctx: dict) -> list:
    return checks(gxe, ctx)
