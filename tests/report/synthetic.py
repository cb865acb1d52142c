"""Synthetic indicator tables for every chart spec (no database): the first candidate name of
each table and column, national rows where DUO-based indicators have them, none for the grant
indicators (their national value is derived from the regions). Lets the tests render and open
every chart kind, whether or not the indicator models have landed."""

from __future__ import annotations

import itertools

from sto_warehouse.report import data
from sto_warehouse.report.specs import CHARTS, ChartSpec

# Hostile strings where data reaches the pages (a region's name and id, a series value): every
# page must show them as text.
HOSTILE_NAME = '<b>Zeeland & "Co"</b><script>alert(1)</script>'
HOSTILE_ID = "R9\"'<i>&amp;"
HOSTILE_TYPE = "<img src=x onerror=alert(2)>'bedrijf'"
REGIONS = {
    "R01": "Regio Een",
    "R02": HOSTILE_NAME,
    "R03": "Twente",
    HOSTILE_ID: "Regio & <Co>",
    "GEEN": "Geen STO-regio",
}
YEARS = [2019, 2020, 2021, 2022, 2023]
VALUES = {
    "leerweg": ["BB", "KB", "GL"],
    "participant_type": ["vmbo", "mbo", "po", "bedrijf", HOSTILE_TYPE],
    "submission_type": ["aanvraag", "voortgang", "eindverslag"],
    "definition": ["sto_2020", "hard_techniek"],
    "vo_group": ["vmbo_bb", "vmbo_gl"],
}
BASE = {"pct": (0.12, 0.01), "pp": (0.01, 0.004), "count": (120, 9), "eur": (900_000, 125_000)}
BASE |= {"fte": (1.5, 0.4), "num": (3, 0.5), "year": (2018, 0)}


def _x_values(column: str) -> list:
    if column in ("regulation_period", "region_period"):
        return ["2020-2024", "2025-2028"]
    if column in ("period", "report_period"):
        return ["2020-2023-VR1", "2020-2023-VR2", "2020-2023-EV"]
    if column == "schooljaar":
        return [f"{y}/{y + 1}" for y in YEARS]
    if column == "peildatum":
        return ["2018-10-01"]
    return YEARS


def _table(specs: list[ChartSpec]) -> tuple[list[str], list[dict]]:
    grant = any(s.grant for s in specs)
    x = specs[0].x[0]
    dims: dict[str, list] = {}
    for spec in specs:
        for column in (*spec.series[:1], *spec.filters, *spec.exclude):
            wanted = list(VALUES.get(column, ["a", "b"]))
            wanted += [v for v in spec.filters.get(column, ()) if v not in wanted]
            dims[column] = list(dict.fromkeys(dims.get(column, []) + wanted))
    measures, units = {}, {}
    for spec in specs:
        for m in (*spec.measures, *spec.table_extra, *([spec.norm] if spec.norm else [])):
            measures[m.columns[0]] = m
            units[m.columns[0]] = m.unit or (spec.unit if m in spec.measures else "count")
    columns = [x, "region_id", "region_name", *([] if grant else ["scope"]), *dims]
    for column, m in measures.items():
        columns += [column, *((m.ratio[0][0], m.ratio[1][0]) if m.ratio else ())]
    columns = list(dict.fromkeys(columns))
    places = [("region", r, n) for r, n in REGIONS.items() if not (grant and r == "GEEN")]
    if not grant:
        places.append(("national", "NL", "Nederland"))
    rows = []
    for (scope, region_id, name), (i, xv), combo in itertools.product(
        places, enumerate(_x_values(x)), itertools.product(*dims.values())
    ):
        r = list(REGIONS).index(region_id) if region_id in REGIONS else 0.6
        s = sum(values.index(v) for values, v in zip(dims.values(), combo, strict=True))
        row = dict.fromkeys(columns)
        row.update(
            {
                x: xv,
                "region_id": region_id,
                "region_name": name,
                **dict(zip(dims, combo, strict=True)),
            }
        )
        if "scope" in columns:
            row["scope"] = scope
        for column, m in measures.items():
            base, step = BASE[units[column]]
            if m.agg == "mean":
                row[column] = (i + int(r) + s) % 3 != 0
            elif column.startswith("pct_"):
                row[column] = 0.0
            elif m is specs[0].norm:
                row[column] = 0.075 if i == 0 else 0.10
            else:
                row[column] = round(base + step * (i + 2 * r + s), 6)
            if m.ratio:
                row[m.ratio[0][0]] = 10 + i + r + s
                row[m.ratio[1][0]] = 50 + 2 * i
        rows.append(row)
    # one withheld value, as suppression and small-cell protection produce
    share = next(s for s in CHARTS if s.key == "tech_share").measures[0].columns[0]
    for row in rows:
        if share in row and row[x] == YEARS[-1] and row["region_id"] == "R01":
            row[share] = None
    return columns, rows


def published(specs: tuple[ChartSpec, ...] = CHARTS) -> data.Published:
    by_table: dict[str, list[ChartSpec]] = {}
    for spec in specs:
        by_table.setdefault(spec.tables[0], []).append(spec)
    tables = {table: _table(group) for table, group in by_table.items()}
    catalogue = {t: c for t, (c, _) in tables.items()}

    def rows_of(resolved: data.Resolved) -> list[dict]:
        return [{c: row.get(c) for c in resolved.columns()} for row in tables[resolved.table][1]]

    return data.assemble(specs, catalogue, rows_of)
