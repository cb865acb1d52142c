"""Exam candidates, graduates and grades of one vestiging in one school year, from its pupils.

The candidates of school year ``s``/``s+1`` are the pupils of the final leerjaar on 1 October of
``s`` (peiljaar ``s`` of the enrollment generator): leerjaar 4 of vmbo, 5 of havo, 6 of vwo, minus
a few who leave or repeat before the exam. One list of ``Unit``s (onderwijstype x leerweg x
sector x profiel) feeds three publications: the grades file aggregates it over sex, the 5-year
window aggregates it to DUO's sector-level INSPECTIECODE rows, the destinations file follows the
graduates per profiel. Everything is a pure function of (seed, vestiging, school year).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from sto_warehouse.synth.country import Vestiging
from sto_warehouse.synth.enrollment import PROFIELEN, ROUTE, Profiel, vestiging_rows
from sto_warehouse.synth.orgs import unit_hash

# AFDELING of the grades file: the profiel codes of the real 2018-2019 file.
CIJFER_CODE = {"BWI": "BWI", "PIE": "PIE", "M&T": "MTR", "MaT": "MTE", "MVI": "MVI", "D&P": "DP",
               "Z&W": "ZWE", "E&O": "EO", "HBR": "HBR", "Groen": "G"}  # fmt: skip
PROFIEL_BY_AFDELING = {p.afdeling: p for p in PROFIELEN}
PIE = PROFIEL_BY_AFDELING["Produceren, installeren en energie"]
BERO = {"VMBO BL lj 3-4": "BL", "VMBO KL lj 3-4": "KL", "VMBO GL lj 3-4": "GL"}
# OPLEIDINGSNAAM of the 5-year window: vmbo per leerweg and old sector, as in the real file.
EXAM_SECTOR = {"Techniek": "techniek", "Zorg & Welzijn": "zorg en welzijn", "Economie": "economie",
               "Landbouw": "landbouw", "Intersect. programma": "intersectoraal"}  # fmt: skip
VMBO_INSPECTIE = {
    ("BL", "intersectoraal"): "27", ("KL", "intersectoraal"): "28",
    ("GL", "intersectoraal"): "29",
    ("BL", "techniek"): "34", ("BL", "zorg en welzijn"): "35", ("BL", "economie"): "36",
    ("BL", "landbouw"): "37",
    ("KL", "techniek"): "38", ("KL", "zorg en welzijn"): "39", ("KL", "economie"): "40",
    ("KL", "landbouw"): "41",
    ("GL", "techniek"): "42", ("GL", "zorg en welzijn"): "43", ("GL", "economie"): "44",
    ("GL", "landbouw"): "45",
    ("TL", ""): "46",
    ("TL", "techniek"): "90", ("TL", "zorg en welzijn"): "91", ("TL", "economie"): "92",
    ("TL", "landbouw"): "93",
}  # fmt: skip
LETTER = {"BL": "B", "KL": "K", "GL": "G", "TL": "T"}
HAVO_VWO_INSPECTIE = {  # afdeling: (havo code, vwo code, short name)
    "Natuur en Techniek": ("50", "60", "N&T"),
    "Natuur en Gezondheid": ("51", "61", "N&G"),
    "Economie en Maatschappij": ("52", "62", "E&M"),
    "Cultuur en Maatschappij": ("53", "63", "C&M"),
    "Natuur en Techniek / Natuur en Gezondheid": ("54", "64", "N&T / N&G"),
    "Economie en Maatschappij / Cultuur en Maatschappij": ("59", "69", "E&M / C&M"),
}
PASS_RATE = {"BL": 0.975, "KL": 0.96, "GL": 0.945, "TL": 0.93, "HAVO": 0.87, "VWO": 0.895}
GRADE_BASE = {"BL": 6.6, "KL": 6.45, "GL": 6.35, "TL": 6.3, "HAVO": 6.4, "VWO": 6.6}
LOSS = 0.02  # pupils of the final leerjaar who are not exam candidates that year
WINDOW_FIX_RATE = 0.03  # share of window rows a newer window corrects (per school year)


@dataclass(frozen=True)
class Unit:
    onderwijstype: str  # VMBO, HAVO, VWO
    leerweg: str  # BL/KL/GL/TL for VMBO, '' otherwise
    sector: str  # VMBO SECTOR as in the enrollment file ('' for havo/vwo and TL without sector)
    afdeling: str  # AFDELING of the grades file: profiel code, havo/vwo profile, or ''
    profiel: Profiel | None  # the vmbo beroepsgericht profiel
    candidates: tuple[int, int]  # man, vrouw
    passed: tuple[int, int]
    grades: tuple[str, str, str]  # schoolexamen, centraal examen, cijferlijst: '6,4'

    @property
    def inspectie(self) -> tuple[str, str]:
        """(INSPECTIECODE, OPLEIDINGSNAAM) of the 5-year window."""
        if self.onderwijstype == "VMBO":
            sector = EXAM_SECTOR.get(self.sector, "")
            name = f"VMBO {LETTER[self.leerweg]}" + (f" - {sector}" if sector else "")
            return VMBO_INSPECTIE[(self.leerweg, sector)], name
        havo, vwo, short = HAVO_VWO_INSPECTIE[self.afdeling]
        code = havo if self.onderwijstype == "HAVO" else vwo
        return code, f"{self.onderwijstype} - {short}"


def _binomial(rng: random.Random, n: int, p: float) -> int:
    if n <= 0:
        return 0
    if n <= 25:
        return sum(1 for _ in range(n) if rng.random() < p)
    sd = (n * p * (1.0 - p)) ** 0.5
    return min(n, max(0, round(n * p + rng.gauss(0.0, sd))))


def _grade(value: float) -> str:
    return f"{min(9.5, max(4.5, value)):.1f}".replace(".", ",")


def _gather(v: Vestiging, year: int, seed: int) -> dict[tuple, list]:
    """Final-leerjaar pupils per (onderwijstype, leerweg, sector, afdeling) -> [man, vrouw, p]."""
    units: dict[tuple, list] = {}

    def add(key: tuple, profiel: Profiel | None, man: int, vrouw: int) -> None:
        found = units.setdefault(key, [0, 0, profiel])
        found[0] += man
        found[1] += vrouw

    for onderwijstype, sector, afdeling, _code, _naam, counts in vestiging_rows(v, year, seed):
        if onderwijstype in BERO:
            # The Vakmanschapsroute Techniek is examined in PIE (it is not a profiel).
            profiel = PIE if afdeling == ROUTE.afdeling else PROFIEL_BY_AFDELING[afdeling]
            key = ("VMBO", BERO[onderwijstype], profiel.sector, CIJFER_CODE[profiel.code])
            add(key, profiel, counts[6], counts[7])
        elif onderwijstype == "VMBO TL lj 3-4":
            add(("VMBO", "TL", sector, ""), None, counts[6], counts[7])
        elif onderwijstype == "VMBO uitbest. aan VAVO":
            add(("VMBO", "TL", "", ""), None, counts[6], counts[7])
        elif onderwijstype == "HAVO lj 4-5":
            add(("HAVO", "", "", afdeling), None, counts[8], counts[9])
        elif onderwijstype == "VWO lj 4-6":
            add(("VWO", "", "", afdeling), None, counts[10], counts[11])
    return units


@lru_cache(maxsize=64)
def exam_units(v: Vestiging, year: int, seed: int) -> tuple[Unit, ...]:
    """The exam results of school year ``year``/``year+1`` (sorted as DUO sorts the rows)."""
    if not v.exists(year):
        return ()
    quality = random.Random(f"sto-synth|{seed}|{v.brin6}|exam").gauss(0.0, 1.0)
    rng = random.Random(f"sto-synth|{seed}|{v.brin6}|{year}|exam")
    out = []
    for key, (man, vrouw, profiel) in sorted(_gather(v, year, seed).items()):
        onderwijstype, leerweg, sector, afdeling = key
        kind = leerweg or onderwijstype
        p = min(0.995, max(0.5, PASS_RATE[kind] + 0.015 * quality + rng.gauss(0.0, 0.015)))
        cand = (man - _binomial(rng, man, LOSS), vrouw - _binomial(rng, vrouw, LOSS))
        passed = (_binomial(rng, cand[0], p), _binomial(rng, cand[1], p))
        se = GRADE_BASE[kind] + 0.12 * quality + rng.gauss(0.0, 0.18)
        ce = se - 0.1 + 0.1 * quality + rng.gauss(0.0, 0.25)
        cl = (se + ce) / 2 + 0.1 + rng.gauss(0.0, 0.05)
        if sum(cand) == 0:
            continue
        grades = (_grade(se), _grade(ce), _grade(cl))
        out.append(Unit(onderwijstype, leerweg, sector, afdeling, profiel, cand, passed, grades))
    return tuple(out)


@dataclass(frozen=True)
class WindowCell:
    candidates: tuple[int, int]  # man, vrouw
    passed: tuple[int, int]


@lru_cache(maxsize=64)
def window_cells(
    v: Vestiging, year: int, seed: int, corrected: bool
) -> dict[tuple[str, str, str], WindowCell]:
    """(ONDERWIJSTYPE, INSPECTIECODE, OPLEIDINGSNAAM) -> counts of school year ``year``.

    ``corrected``: as a window published after this school year's first window prints it, with
    a few cells revised (one graduate more or fewer), so the newest window wins."""
    cells: dict[tuple[str, str, str], list[int]] = {}
    for unit in exam_units(v, year, seed):
        code, name = unit.inspectie
        found = cells.setdefault((unit.onderwijstype, code, name), [0, 0, 0, 0])
        found[0] += unit.candidates[0]
        found[1] += unit.candidates[1]
        found[2] += unit.passed[0]
        found[3] += unit.passed[1]
    out = {}
    for key, (cm, cv, pm, pv) in cells.items():
        if corrected and unit_hash(seed, v.brin6, year, key[1], "fix") < WINDOW_FIX_RATE:
            if cm > 0:
                pm = pm + 1 if pm < cm else pm - 1
            else:
                pv = pv + 1 if pv < cv else pv - 1
        out[key] = WindowCell((cm, cv), (pm, pv))
    return out
