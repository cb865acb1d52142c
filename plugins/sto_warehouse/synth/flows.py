"""Where vmbo graduates go: the rows of "Bestemming vo-gediplomeerden" for one vestiging.

The graduates of diploma year ``D`` are the passed candidates of school year ``D-1``/``D``
(``exams.exam_units``), per leerweg and profiel (TL per vestiging). Each one draws a destination
on 1 October ``D``: mbo (an instelling near the vestiging that offers a crebo of the drawn
sectorkamer and niveau), havo (GL/TL only: the own school when it offers havo, else a havo school
in the area), or no education. Technical profielen flow mostly (~70%) to the sectorkamers
'Techniek en gebouwde omgeving' and 'Mobiliteit, transport, logistiek en maritiem', MVI mostly to
'Creatieve industrie en ICT'.
"""

from __future__ import annotations

import bisect
import random
from functools import cache
from itertools import accumulate
from typing import TYPE_CHECKING

from sto_warehouse.synth._crebo import CII, HANDEL, MTLM, SV, TGO, VGG, ZDV, ZWS
from sto_warehouse.synth.exams import exam_units
from sto_warehouse.synth.mbo import MboCountry
from sto_warehouse.synth.orgs import VoIndex

if TYPE_CHECKING:
    from sto_warehouse.synth.country import Vestiging

MBO, HAVO, GEEN = "MBO", "HAVO", "Geen onderwijs"
NVT = "N.v.t."
# (mbo, havo, no education) per leerweg
ROUTES = {"BL": (0.95, 0.0, 0.05), "KL": (0.94, 0.0, 0.06), "GL": (0.85, 0.1, 0.05),
          "TL": (0.72, 0.24, 0.04)}  # fmt: skip
ROUTE_OPTIONS = {
    lw: tuple(zip((MBO, HAVO, GEEN), shares, strict=True)) for lw, shares in ROUTES.items()
}
NIVEAU = {"BL": ((1, 0.04), (2, 0.86), (3, 0.08), (4, 0.02)),
          "KL": ((2, 0.12), (3, 0.5), (4, 0.38)),
          "GL": ((3, 0.2), (4, 0.8)),
          "TL": ((3, 0.1), (4, 0.9))}  # fmt: skip
# Sectorkamer of the destination per vmbo profiel code ('' = TL, no profiel).
SECTORKAMER = {
    "BWI": ((TGO, 0.64), (MTLM, 0.08), (CII, 0.04), (HANDEL, 0.06), (ZDV, 0.06), (ZWS, 0.05),
            (VGG, 0.05), (SV, 0.02)),
    "PIE": ((TGO, 0.6), (MTLM, 0.12), (CII, 0.05), (HANDEL, 0.06), (ZDV, 0.06), (ZWS, 0.04),
            (VGG, 0.05), (SV, 0.02)),
    "M&T": ((MTLM, 0.56), (TGO, 0.15), (CII, 0.04), (HANDEL, 0.08), (ZDV, 0.07), (ZWS, 0.04),
            (VGG, 0.04), (SV, 0.02)),
    "MaT": ((MTLM, 0.6), (TGO, 0.14), (HANDEL, 0.06), (ZDV, 0.08), (ZWS, 0.04), (VGG, 0.06),
            (SV, 0.02)),
    "MVI": ((CII, 0.62), (TGO, 0.06), (MTLM, 0.03), (HANDEL, 0.1), (ZDV, 0.1), (ZWS, 0.05),
            (VGG, 0.02), (SV, 0.02)),
    "E&O": ((HANDEL, 0.35), (ZDV, 0.3), (ZWS, 0.1), (VGG, 0.08), (CII, 0.07), (TGO, 0.04),
            (MTLM, 0.05), (SV, 0.01)),
    "HBR": ((VGG, 0.55), (HANDEL, 0.12), (ZWS, 0.12), (ZDV, 0.08), (TGO, 0.04), (MTLM, 0.04),
            (CII, 0.03), (SV, 0.02)),
    "Z&W": ((ZWS, 0.7), (ZDV, 0.1), (HANDEL, 0.06), (VGG, 0.06), (CII, 0.03), (TGO, 0.02),
            (MTLM, 0.02), (SV, 0.01)),
    "Groen": ((VGG, 0.6), (TGO, 0.1), (MTLM, 0.06), (ZWS, 0.1), (HANDEL, 0.07), (ZDV, 0.04),
              (SV, 0.03)),
    "D&P": ((ZWS, 0.3), (ZDV, 0.2), (HANDEL, 0.15), (VGG, 0.1), (TGO, 0.1), (CII, 0.09),
            (MTLM, 0.05), (SV, 0.01)),
    "": ((ZWS, 0.25), (ZDV, 0.2), (HANDEL, 0.12), (CII, 0.15), (TGO, 0.12), (MTLM, 0.06),
         (VGG, 0.08), (SV, 0.02)),
}  # fmt: skip
HIDDEN = ("XXXX", "Niet onderscheiden", "")  # DOMAIN §0.3: cells of 1-4 graduates
# A school's graduates follow their predecessors: per (sectorkamer, niveau) most of them go to
# the same instelling and crebo as the first one did (the school's usual destination).
HABIT = 0.7


@cache
def _table(options: tuple[tuple[object, float], ...]) -> tuple[tuple, tuple[float, ...]]:
    return tuple(v for v, _ in options), tuple(accumulate(w for _, w in options))


def _choice(rng: random.Random, options: tuple[tuple[object, float], ...]):
    values, cumulative = _table(options)
    i = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
    return values[min(i, len(values) - 1)]


def _havo_school(v: Vestiging, vo: VoIndex, year: int) -> tuple[str, str, str]:
    if "HAVO" in v.parts():
        return v.brin, v.name(year), v.place.gemeentenaam
    nearby = vo.havo_by_corop.get(v.place.corop)
    if not nearby:
        corops = sorted(vo.havo_by_corop, key=lambda c: (abs(int(c) - int(v.place.corop)), c))
        nearby = vo.havo_by_corop[corops[0]]
    school = nearby[int(v.brin6[2:4].encode().hex(), 16) % len(nearby)]
    return school.brin, school.name(year), school.place.gemeentenaam


def bestemming_rows(
    v: Vestiging, diplomajaar: int, seed: int, mbo: MboCountry, vo: VoIndex
) -> list[list[str]]:
    """Rows from AFDELING to AANTAL GEDIPLOMEERDEN (the origin columns are the caller's)."""
    units = [u for u in exam_units(v, diplomajaar - 1, seed) if u.onderwijstype == "VMBO"]
    if not units:
        return []
    origins: dict[tuple[str, str], list] = {}  # (leerweg, afdeling) -> [graduates, profiel code]
    for unit in units:
        if unit.leerweg == "TL":
            if not unit.sector:
                continue  # exams taken at a vavo institution: not this school's diploma
            key, code = ("TL", NVT), ""
        else:
            assert unit.profiel is not None
            key, code = (unit.leerweg, unit.profiel.afdeling), unit.profiel.code
        found = origins.setdefault(key, [0, code])
        found[0] += sum(unit.passed)
    rng = random.Random(f"sto-synth|{seed}|{v.brin6}|{diplomajaar}|bestemming")
    rows: list[list[str]] = []
    usual: dict[tuple[str, int], tuple] = {}
    for (leerweg, afdeling), (graduates, code) in sorted(origins.items()):
        cells: dict[tuple[str, str, str, str, str, str], int] = {}
        for _ in range(graduates):
            route = _choice(rng, ROUTE_OPTIONS[leerweg])
            if route == MBO:
                sectorkamer = _choice(rng, SECTORKAMER[code])
                niveau = _choice(rng, NIVEAU[leerweg])
                habit = usual.get((sectorkamer, niveau))
                if habit is None or rng.random() >= HABIT:
                    found = mbo.destination(rng, v.place, sectorkamer, niveau)
                    habit = usual.setdefault((sectorkamer, niveau), found)
                    inst, offering = found
                else:
                    inst, offering = habit
                key = (
                    MBO,
                    inst.code,
                    inst.name(diplomajaar),
                    inst.place.gemeentenaam,
                    offering.crebo.code,
                    str(offering.crebo.niveau),
                )
            elif route == HAVO:
                key = (HAVO, *_havo_school(v, vo, diplomajaar), "", "")
            else:
                key = (GEEN, "", "", "", "", "")
            cells[key] = cells.get(key, 0) + 1
        order = {MBO: 0, HAVO: 1, GEEN: 2}
        for key, count in sorted(cells.items(), key=lambda kv: (order[kv[0][0]], kv[0][1:])):
            bestemming, code_b, naam_b, gemeente_b, crebo, niveau = key
            if count < 5:
                code_b, naam_b, gemeente_b = HIDDEN
                shown = "<5"
            else:
                shown = str(count)
            rows.append(
                [leerweg, afdeling, bestemming, code_b, naam_b, gemeente_b, crebo, niveau, shown]
            )
    return rows
