"""Which publication, which vintage, which period: from the file name and the header alone."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sto_warehouse.ingest.errors import Problem, Rejected
from sto_warehouse.ingest.files import Dialect, Scan
from sto_warehouse.registry import Entry, Vintage, normalise_header, registry, snake

# A header sharing less than this with every vintage is not that publication.
MIN_OVERLAP = 0.6
# What a DUO column name may contain: letters (any script), digits, spaces and - . , / ( ) & ' + % :
SAFE_HEADER = re.compile(r"^[\w .,/()&'+%:-]+$")


@dataclass
class Identification:
    entry: Entry
    vintage: Vintage
    period: str
    period_source: str  # filename | column | landing_date | override
    columns: list[str]  # canonical name per file column, in file order
    scan: Scan
    dialect: Dialect
    warnings: list[dict] = field(default_factory=list)
    wide: dict[str, str] = field(default_factory=dict)  # pattern-named column -> kind

    @property
    def dataset(self) -> str:
        return self.entry.dataset

    @property
    def new_columns(self) -> list[str]:
        """Columns the raw table may not have yet: drift, and pattern-named columns."""
        known = set(self.entry.all_columns)
        return [c for c in self.columns if c not in known]

    def summary(self) -> dict:
        return {
            "dataset": self.dataset,
            "vintage": self.vintage.name,
            "period": self.period,
            "period_source": self.period_source,
            "encoding": self.scan.encoding,
            "bom": self.scan.bom,
            "delimiter": self.dialect.delimiter,
            "quoted": self.dialect.quoted,
            "newline": self.scan.newline,
            "columns": len(self.columns),
            "new_columns": [c for c in self.new_columns if c not in self.wide],
            "wide_columns": self.wide,
            "warnings": self.warnings,
        }


def _overlap(header: list[str], vintage: Vintage) -> float:
    expected = set(vintage.header)
    return len(expected & set(header)) / max(len(expected), 1)


def _renames(entry: Entry) -> dict[str, str]:
    merged: dict[str, str] = {}
    for vintage in entry.vintages:
        merged.update(vintage.renames)
    return merged


def _wide(entry: Entry, header: str) -> tuple[str, str] | None:
    """(canonical name, kind) when a header is one of the entry's pattern-named columns."""
    for vintage in entry.vintages:
        for wide in vintage.wide:
            name = wide.match(header)
            if name:
                return name, wide.kind
    return None


def canonical_columns(entry: Entry, header: list[str]) -> tuple[list[str], dict[str, str]]:
    """Canonical name per normalised header, and the pattern-named ones with their kind."""
    renames = _renames(entry)
    columns: list[str] = []
    wide: dict[str, str] = {}
    for name in header:
        if name in renames:
            columns.append(renames[name])
            continue
        matched = _wide(entry, name)
        if matched:
            columns.append(matched[0])
            wide[matched[0]] = matched[1]
            continue
        columns.append(snake(name))
    return columns, wide


def best_vintage(
    header: list[str], filename: str, entries: dict[str, Entry] | None = None
) -> tuple[Entry, Vintage, float] | None:
    entries = entries or registry()
    by_name = [e for e in entries.values() if e.matches_filename(filename)]
    candidates = by_name or list(entries.values())
    best: tuple[Entry, Vintage, float] | None = None
    for entry in candidates:
        for vintage in entry.vintages:
            score = _overlap(header, vintage)
            if tuple(header) == vintage.header:
                score = 2.0  # exact match wins
            if best is None or score > best[2]:
                best = (entry, vintage, score)
    return best


def read_period(
    entry: Entry,
    filename: str,
    landing_date: date | None,
    override: str | None = None,
    first_value: Callable[[str], str | None] | None = None,
) -> tuple[str, str]:
    """The period: an override, the file name, a column of the first data row, or the landing
    month - in that order, as the registry entry allows. Which one was used is returned too."""
    if override:
        return override, "override"
    rule = entry.period
    if rule.filename_regex:
        match = re.search(rule.filename_regex, filename)
        if match:
            return rule.format.format(**match.groupdict()), "filename"
    if rule.column and first_value is not None:
        value = (first_value(rule.column) or "").strip()
        if value:
            return value, "column"
    if rule.fallback == "landing_date" and landing_date is not None:
        return f"{landing_date:%Y-%m}", "landing_date"
    raise Rejected(
        Problem(
            "NO_PERIOD",
            f"cannot read the {rule.kind} of {entry.dataset} from the file name",
            filename,
            column="file name",
            expected=f"a file name matching /{rule.filename_regex}/",
            found=filename,
        )
    )


def identify(
    name: str,
    scan_: Scan,
    dialect: Dialect,
    landing_date: date | None = None,
    period_override: str | None = None,
    entries: dict[str, Entry] | None = None,
    first_row: Callable[[], list[str] | None] | None = None,
) -> Identification:
    unsafe = [
        Problem(
            "BAD_HEADER",
            f"column {index + 1} has a name with characters no DUO header has",
            name,
            line=1,
            column=f"column {index + 1}",
            expected="letters, digits, spaces and - . , / ( ) & ' + % :",
            found=raw[:80],
        )
        for index, raw in enumerate(dialect.header)
        if not SAFE_HEADER.match(raw.replace("\ufeff", "").strip() or "?")
    ]
    if unsafe:
        raise Rejected(*unsafe)
    header = [normalise_header(h) for h in dialect.header]
    best = best_vintage(header, name, entries)
    if best is None or best[2] < MIN_OVERLAP:
        closest = (
            f"{best[0].dataset} ({best[1].name}, {best[2]:.0%} of its columns)" if best else "-"
        )
        raise Rejected(
            Problem(
                "UNKNOWN_PUBLICATION",
                "the header matches no vintage of any registered publication",
                name,
                line=1,
                expected=f"a registered header; closest: {closest}",
                found="; ".join(dialect.header)[:300],
            )
        )
    entry, vintage, _ = best
    columns, wide = canonical_columns(entry, header)

    problems = []
    seen: dict[str, int] = {}
    for index, column in enumerate(columns):
        if column in seen:
            problems.append(
                Problem(
                    "DUPLICATE_COLUMN",
                    f"columns {seen[column] + 1} and {index + 1} both map to '{column}'",
                    name,
                    line=1,
                    column=dialect.header[index],
                )
            )
        seen.setdefault(column, index)
    present = set(columns)
    by_canonical = {vintage.canonical(h): h for h in vintage.header}
    for required in entry.required:
        if required not in present:
            problems.append(
                Problem(
                    "MISSING_COLUMN",
                    f"required column '{by_canonical.get(required, required)}' is missing",
                    name,
                    line=1,
                    column=by_canonical.get(required, required),
                    expected=f"the header of {entry.dataset} ({vintage.name})",
                    found=f"{len(columns)} columns without it",
                )
            )
    if problems:
        raise Rejected(*problems)

    warnings = []
    known = set(entry.all_columns) | set(wide)
    for index, column in enumerate(columns):
        if column not in known:
            warnings.append(
                {
                    "code": "NEW_COLUMN",
                    "message": f"new column '{dialect.header[index]}' is kept in raw as '{column}'",
                    "column": dialect.header[index],
                }
            )
    for expected in vintage.header:
        canonical = vintage.canonical(expected)
        if canonical not in present:
            warnings.append(
                {
                    "code": "MISSING_OPTIONAL_COLUMN",
                    "message": f"optional column '{expected}' of vintage {vintage.name} is absent",
                    "column": expected,
                }
            )
    if not vintage.verified:
        warnings.append(
            {
                "code": "UNVERIFIED_VINTAGE",
                "message": f"vintage {vintage.name} is not yet verified against a DUO download",
            }
        )

    def first_value(column: str) -> str | None:
        if first_row is None or column not in columns:
            return None
        row = first_row()
        index = columns.index(column)
        return row[index] if row and index < len(row) else None

    period, period_source = read_period(entry, name, landing_date, period_override, first_value)
    return Identification(
        entry=entry,
        vintage=vintage,
        period=period,
        period_source=period_source,
        columns=columns,
        scan=scan_,
        dialect=dialect,
        warnings=warnings,
        wide=wide,
    )
