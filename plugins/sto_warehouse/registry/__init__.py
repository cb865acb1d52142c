"""The dataset registry: what each publication looks like, read from TOML (configuration).

A new vintage of a DUO file is a new ``[[<entry>.vintages]]`` block in ``duo.toml``, not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REGISTRY_DIR = Path(__file__).parent
# The loader's part of the skip key (DESIGN §3): one for every source, in the load protocol.
from sto_warehouse.protocol import LOADER_VERSION  # noqa: E402, F401

LINEAGE_COLUMNS = (
    "_period",
    "_load_id",
    "_file_sha256",
    "_source_file",
    "_row_number",
    "_loaded_at",
)


def normalise_header(name: str) -> str:
    """DUO headers drift in case, padding, BOMs, quotes and underscores; compare them normalised."""
    name = name.replace("\ufeff", "").strip()
    if len(name) >= 2 and name[0] == name[-1] == '"':
        name = name[1:-1].replace('""', '"')
    name = name.replace("_", " ").upper()
    return re.sub(r"\s+", " ", name).strip()


def snake(name: str) -> str:
    """Canonical column name for a normalised header: lower snake_case, ASCII, <= 63 bytes."""
    out = re.sub(r"[^0-9a-z]+", "_", name.lower()).strip("_")
    if not out:
        out = "column"
    if out[0].isdigit():
        out = "c_" + out
    return out[:63]


@dataclass(frozen=True)
class WideColumns:
    """Columns named by a pattern, e.g. one per school year and sex in DUO's exam windows.

    ``pattern`` matches a normalised header with named groups; ``canonical`` is the column name
    built from them; ``kind`` says what the raw gate expects: count, percentage, grade or text.
    """

    pattern: str
    canonical: str
    kind: str = "count"

    def match(self, header: str) -> str | None:
        found = re.fullmatch(self.pattern, header)
        if not found:
            return None
        return snake(self.canonical.format(**found.groupdict()))


@dataclass(frozen=True)
class Vintage:
    name: str
    header: tuple[str, ...]
    renames: dict[str, str]
    note: str = ""
    verified: bool = True
    wide: tuple[WideColumns, ...] = ()

    def canonical(self, header: str) -> str:
        normal = normalise_header(header)
        if normal in self.renames:
            return self.renames[normal]
        for wide in self.wide:
            name = wide.match(normal)
            if name:
                return name
        return snake(normal)

    def wide_kind(self, header: str) -> str | None:
        normal = normalise_header(header)
        for wide in self.wide:
            if wide.match(normal):
                return wide.kind
        return None

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.canonical(h) for h in self.header)


@dataclass(frozen=True)
class PeriodRule:
    kind: str
    filename_regex: str | None
    format: str
    fallback: str = "none"
    column: str | None = None


@dataclass(frozen=True)
class Source:
    url: str
    verified: bool = False


@dataclass(frozen=True)
class Entry:
    dataset: str
    title: str
    publication: str
    version: int
    filename_patterns: tuple[str, ...]
    period: PeriodRule
    key: tuple[str, ...]
    required: tuple[str, ...]
    counts: tuple[str, ...]
    suppression_markers: tuple[str, ...]
    vintages: tuple[Vintage, ...]
    sources: tuple[Source, ...] = ()
    grain: str = ""
    brin_column: str | None = None
    max_row_change: float | None = None
    percentages: tuple[str, ...] = ()  # canonical columns holding a percentage ("6,5%", ",0%")
    decimals: tuple[str, ...] = ()  # canonical columns holding a decimal number ("6,4")
    source_family: str = "duo"
    extra: dict = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.dataset

    def matches_filename(self, filename: str) -> bool:
        return any(re.search(p, filename, re.IGNORECASE) for p in self.filename_patterns)

    @property
    def all_columns(self) -> tuple[str, ...]:
        """Union of canonical columns over every vintage, in first-seen order."""
        seen: dict[str, None] = {}
        for vintage in self.vintages:
            for column in vintage.columns:
                seen.setdefault(column, None)
        return tuple(seen)


def _entry(dataset: str, raw: dict, family: str) -> Entry:
    period = raw.get("period", {})
    return Entry(
        dataset=dataset,
        title=raw["title"],
        publication=raw.get("publication", ""),
        version=int(raw["version"]),
        filename_patterns=tuple(raw.get("filename_patterns", ())),
        period=PeriodRule(
            kind=period.get("kind", "period"),
            filename_regex=period.get("filename_regex"),
            format=period.get("format", "{year}"),
            fallback=period.get("fallback", "none"),
            column=period.get("column"),
        ),
        key=tuple(raw.get("key", ())),
        required=tuple(raw.get("required", ())),
        counts=tuple(raw.get("counts", ())),
        suppression_markers=tuple(raw.get("suppression_markers", ())),
        vintages=tuple(
            Vintage(
                name=v["name"],
                header=tuple(normalise_header(h) for h in v["header"]),
                renames={normalise_header(k): val for k, val in v.get("renames", {}).items()},
                note=v.get("note", ""),
                verified=bool(v.get("verified", True)),
                wide=tuple(
                    WideColumns(w["pattern"], w["canonical"], w.get("kind", "count"))
                    for w in v.get("wide", ())
                ),
            )
            for v in raw.get("vintages", ())
        ),
        sources=tuple(
            Source(s["url"], bool(s.get("verified", False))) for s in raw.get("sources", ())
        ),
        grain=raw.get("grain", ""),
        brin_column=raw.get("brin_column"),
        max_row_change=raw.get("max_row_change"),
        percentages=tuple(raw.get("percentages", ())),
        decimals=tuple(raw.get("decimals", ())),
        source_family=family,
        extra={k: v for k, v in raw.items() if k not in _KNOWN},
    )


_KNOWN = {
    "title", "publication", "version", "filename_patterns", "period", "key", "required", "counts",
    "suppression_markers", "vintages", "sources", "grain", "brin_column", "max_row_change",
    "percentages", "decimals",
}  # fmt: skip


@cache
def registry() -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted(REGISTRY_DIR.glob("*.toml")):
        family = path.stem
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for dataset, raw in data.items():
            if dataset in entries:
                raise ValueError(f"dataset {dataset} is registered twice ({path.name})")
            entries[dataset] = _entry(dataset, raw, family)
    return entries


def get(dataset: str) -> Entry:
    try:
        return registry()[dataset]
    except KeyError:
        raise KeyError(
            f"unknown dataset {dataset!r}; known: {', '.join(sorted(registry()))}"
        ) from None
