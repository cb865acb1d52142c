"""Shape checks shared by several raw suites (one place for each regular expression).

No braces in the patterns: GX fills in {batch} with str.format.
"""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"

BRIN6 = "^[0-9][0-9][A-Z][A-Z][0-9][0-9]$"
BEVOEGD_GEZAG = "^[0-9][0-9][0-9][0-9][0-9]$"
KVK = "^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$"
GEMEENTE = "^[0-9][0-9]?[0-9]?[0-9]?$"
CREBO = "^[0-9][0-9][0-9][0-9][0-9]$"
NIVEAU = "^[1-4]$"
YEAR = "^(19|20)[0-9][0-9]$"


def shape(
    gxe,
    ctx: dict,
    column: str,
    pattern: str,
    check: str,
    severity: str = ERROR,
    allow_empty: bool = False,
    description: str | None = None,
) -> list:
    """Rows whose trimmed value does not match ``pattern`` (with their line numbers); nothing
    when the file has no such column (a missing required column is rejected before the gate)."""
    if column not in ctx["columns"]:
        return []
    empty = f" and trim({column}) <> ''" if allow_empty else ""
    return [
        gxe.UnexpectedRowsExpectation(
            unexpected_rows_query=(
                f"select _row_number + 1 as line, {column} as value from {{batch}}"
                f" where trim({column}) !~ '{pattern}'{empty} order by 1"
            ),
            description=description or f"{column} matches {pattern}",
            meta={
                "severity": severity,
                "check": check,
                "column": column,
                "what": "'{value}' does not have the expected shape",
                "fix": f"{column} matches {pattern}" + (" or is empty" if allow_empty else ""),
            },
        )
    ]
