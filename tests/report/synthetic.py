"""Synthetic indicator tables for every chart declaration (no database): the declared table and
columns, per-region rows and national rows (scope national, region_id NL) as the models compute
them in SQL; a grant table has no GEEN rows and says how many regions its national rows lack.
Lets the tests render and open every chart kind without a warehouse."""

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
    x = specs[0].x
    dims: dict[str, list] = {}
    for spec in specs:
        for column in (*([spec.series] if spec.series else []), *spec.filters, *spec.exclude):
            wanted = list(VALUES.get(column, ["a", "b"]))
            if column in spec.filters and spec.filters[column] not in wanted:
                wanted.append(spec.filters[column])
            dims[column] = list(dict.fromkeys(dims.get(column, []) + wanted))
    units, norms = {}, set()
    for spec in specs:
        for m in (*spec.measures, *spec.table_extra, *([spec.norm] if spec.norm else [])):
            units[m.column] = m.unit or spec.unit
        if spec.norm:
            norms.add(spec.norm.column)
    columns = [x, "scope", "region_id", "region_name", *dims, *units]
    columns += ["n_regions_missing"] if grant else []
    columns = list(dict.fromkeys(columns))
    places = [("region", r, n) for r, n in REGIONS.items() if not (grant and r == "GEEN")]
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
                "scope": scope,
                "region_id": region_id,
                "region_name": name,
                **dict(zip(dims, combo, strict=True)),
            }
        )
        if "n_regions_missing" in row:
            row["n_regions_missing"] = 1 if scope == "national" and i == 0 else 0
        for column, unit in units.items():
            base, step = BASE[unit]
            if column.startswith("pct_"):
                row[column] = 0.0
            elif column in norms:
                row[column] = 0.075 if i == 0 else 0.10
            else:
                row[column] = round(base + step * (i + 2 * r + s), 6)
        rows.append(row)
    # one withheld value, as suppression and small-cell protection produce
    share = next(s for s in CHARTS if s.key == "tech_share").measures[0].column
    for row in rows:
        if share in row and row[x] == YEARS[-1] and row["region_id"] == "R01":
            row[share] = None
    return columns, rows


def published(specs: tuple[ChartSpec, ...] = CHARTS) -> data.Published:
    by_table: dict[str, list[ChartSpec]] = {}
    for spec in specs:
        by_table.setdefault(spec.table, []).append(spec)
    tables = {table: _table(group) for table, group in by_table.items()}
    catalogue = {t: c for t, (c, _) in tables.items()}

    def rows_of(resolved: data.Resolved) -> list[dict]:
        return [{c: row.get(c) for c in resolved.columns()} for row in tables[resolved.table][1]]

    return data.assemble(specs, catalogue, rows_of)
