"""Pupils of one vestiging in one peiljaar, as the rows of DUO's "01. Leerlingen vo per vestiging
naar onderwijstype" file.

Only labels that occur in the real 2019 file are used (ONDERWIJSTYPE, VMBO SECTOR, AFDELING,
ELEMENTCODE, OPLEIDINGSNAAM), and a row has counts only in its own leerjaar columns. The
calibration (scale 1, one peiljaar): ~120,000 pupils in leerjaar 3+4 of VMBO BL/KL/GL (real 2019:
119,243), ~19-20% of them in the five technical profielen BWI/PIE/M&T/MVI/MaT (real: 19.2%),
rising by ~0.3 percentage point a year; ~15% of the technical pupils are girls; MaT is offered at
~5 vestigingen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sto_warehouse.synth.country import Vestiging, lognormal, weyl

NVT = "N.v.t."
Row = tuple[str, str, str, str, str, list[int]]  # type, sector, afdeling, code, naam, 12 counts

# --- vmbo beroepsgericht, leerjaar 3-4 -----------------------------------------------------------


@dataclass(frozen=True)
class Profiel:
    code: str
    afdeling: str  # as AFDELING spells it
    sector: str  # VMBO SECTOR
    element: str  # first two digits of the ELEMENTCODE
    opleiding: str  # as OPLEIDINGSNAAM spells it
    female: float  # share of girls
    offered: float  # probability that a vbo vestiging offers it
    weight: float  # relative pull on a vestiging's pupils (calibrated to the national shares;
    # for MaT: its pull relative to the other profielen of the vestiging)
    technical: bool


PROFIELEN = (
    Profiel("BWI", "Bouwen, wonen en interieur", "Techniek", "60", "Bouwen, wonen en interieur",
            0.18, 0.31, 0.1432, True),
    Profiel("PIE", "Produceren, installeren en energie", "Techniek", "61",
            "Produceren, installeren en energie", 0.09, 0.39, 0.1755, True),
    Profiel("M&T", "Mobiliteit en transport", "Techniek", "62", "Mobiliteit en transport",
            0.07, 0.17, 0.103, True),
    Profiel("MVI", "Media, vormgeving en ICT", "Techniek", "63", "Media, vormgeving en ICT",
            0.36, 0.09, 0.2667, True),
    Profiel("E&O", "Economie en ondernemen", "Economie", "64", "Economie en ondernemen",
            0.35, 0.45, 0.1887, False),
    Profiel("HBR", "Horeca, bakkerij en recreatie", "Economie", "65",
            "Horeca, bakkerij en recreatie", 0.45, 0.17, 0.2424, False),
    Profiel("Z&W", "Zorg en welzijn", "Zorg & Welzijn", "66", "Zorg en welzijn",
            0.83, 0.54, 0.4002, False),
    Profiel("Groen", "Groen", "Landbouw", "67", "Groen", 0.52, 0.22, 1.5508, False),
    Profiel("MaT", "Maritiem en Techniek", "Techniek", "68", "Maritiem en techniek",
            0.15, 0.0, 0.7, True),
    Profiel("D&P", "Dienstverlening en producten", "Intersect. programma", "69",
            "Dienstverlening en producten", 0.44, 0.54, 0.6088, False),
)  # fmt: skip
MAT = next(p for p in PROFIELEN if p.code == "MaT")
# 'Vakmanschapsroute Techniek' (not a profiel): BB/KB only, at ~13 vestigingen per 650.
ROUTE = Profiel("VRT", "Vakmanschapsroute Techniek", "Techniek", "45", "", 0.05, 0.0, 0.3325, False)
ROUTE_CODES = {"BB": ("4511", "4411"), "KB": ("4512", "4412")}
MAT_EVERY, MAT_AT = 130, 37  # the k-th vbo vestiging offers MaT when k % 130 == 37
ROUTE_EVERY, ROUTE_AT = 50, 13


@dataclass(frozen=True)
class Leerweg:
    code: str  # BL/KL/GL as in ONDERWIJSTYPE
    label: str
    short: str  # BB/KB/GL as in OPLEIDINGSNAAM
    vmbo: str  # ELEMENTCODE last two digits, regular pupils
    lwoo: str  # ... pupils with leerwegondersteuning
    share: float
    lwoo_share: float
    lwoo_offered: float


LEERWEGEN = (
    Leerweg("BL", "VMBO BL lj 3-4", "BB", "11", "55", 0.29, 0.42, 0.85),
    Leerweg("KL", "VMBO KL lj 3-4", "KB", "21", "65", 0.475, 0.18, 0.7),
    Leerweg("GL", "VMBO GL lj 3-4", "GL", "31", "75", 0.235, 0.04, 0.3),
)
LEERWEG_SETS = ((("BL", "KL", "GL"), 47), (("BL", "KL"), 38), (("GL",), 12), (("KL",), 1.5),
                (("KL", "GL"), 1.5))  # fmt: skip
VBO_MEDIAN, VBO_SIGMA = 155.0, 0.6  # pupils in lj 3+4 BL/KL/GL per vestiging
TECH_BASE_YEAR, TECH_TREND = 2019, 0.04  # technical pull grows ~2%/year: +0.3 pp share/year

# --- the other onderwijstypen ------------------------------------------------------------------

BRUGJAAR = {
    # code: (opleidingsnaam, weight)
    "0011": ("Ljvb op HAVO/VMBO-Th/Gm Lw", 1.2),
    "0012": ("Ljvb op VMBO-Gm Lw", 1.0),
    "0013": ("Ljvb op VMBO-Th/Gm Lw", 1.5),
    "0015": ("Ljvb op VWO/HAVO", 1.5),
    "0016": ("Ljvb op VWO/HAVO/VMBO-Th/Gm Lw", 0.6),
    "0017": ("Ljvb op VWO", 0.5),
    "0022": ("Ljvb op HAVO/VMBO-Alle Lw", 0.3),
    "0023": ("Ljvb op VMBO-Alle Lw", 1.0),
    "0024": ("Ljvb op VWO/HAVO/VMBO-Alle Lw", 0.6),
    "0031": ("Ljvb op VMBO-BBg Lw", 1.5),
    "0032": ("Ljvb op VMBO-Kbg Lw", 1.5),
    "0033": ("Ljvb op VMBO-Bbg/Kbg Lw", 1.0),
    "0041": ("Lj LWOO vb op Bbg Lw", 1.0),
    "0043": ("Lj LWOO vb op Kbg Lw", 0.8),
    "0045": ("Lj LWOO vb op Bbg/Kbg Lw", 0.5),
    "0046": ("Lj LWOO vb op Alle Lw", 0.5),
    "0100": ("VWO-ATHENEUMSTROOM", 1.2),
    "0200": ("VWO-GYMNASIUMSTROOM", 1.0),
    "0300": ("HAVO", 1.5),
    "0400": ("MAVO/Theor Lw-VMBO", 2.0),
}
TL_ROWS = (  # VMBO TL lj 3-4: (sector, code, opleidingsnaam, weight)
    ("Techniek", "0470", "MAVO/Theor Lw-Profiel Techniek", 1.0),
    ("Zorg & Welzijn", "0471", "MAVO/Theor Lw-Profiel Zorg en Welzijn", 1.0),
    ("Economie", "0472", "MAVO/Theor Lw-Profiel Economie", 1.2),
    ("Landbouw", "0473", "MAVO/Theor Lw-Profiel Landbouw", 0.5),
    ("Techniek", "2211", "LWOO/Theor Lw-Profiel Techniek", 0.15),
    ("Zorg & Welzijn", "2212", "LWOO/Theor Lw-Profiel Zorg en Welzijn", 0.15),
    ("Economie", "2213", "LWOO/Theor Lw-Profiel Economie", 0.15),
)
HAVO_PROFIELEN = (  # (afdeling, code, opleidingsnaam, weight)
    ("Natuur en Techniek", "0370", "HAVO Prf Nat/Tech", 1.0),
    ("Natuur en Gezondheid", "0371", "HAVO Prf Nat/Gezond", 1.2),
    ("Economie en Maatschappij", "0372", "HAVO Prf Ec/Maat", 1.5),
    ("Cultuur en Maatschappij", "0373", "HAVO Prf Cul/Maat", 1.0),
    ("Natuur en Techniek / Natuur en Gezondheid", "0374", "HAVO Prf Nat/Tech & Nat/Gezond", 0.6),
    ("Economie en Maatschappij / Cultuur en Maatschappij", "0379", "HAVO Prf Ec/Maat & Cul/Maat",
     0.3),
)  # fmt: skip
VWO_PROFIELEN = (  # (afdeling, last two digits, short name, weight); 01xx atheneum, 02xx gymnasium
    ("Natuur en Techniek", "70", "Nat/Tech", 1.1),
    ("Natuur en Gezondheid", "71", "Nat/Gezond", 1.1),
    ("Economie en Maatschappij", "72", "Ec/Maat", 1.2),
    ("Cultuur en Maatschappij", "73", "Cul/Maat", 0.8),
    ("Natuur en Techniek / Natuur en Gezondheid", "74", "Nat/Tech & Nat/Gezond", 0.9),
    ("Economie en Maatschappij / Cultuur en Maatschappij", "79", "Ec/Maat & Cul/Maat", 0.3),
)
VAVO = (  # (onderwijstype, code, opleidingsnaam, needs, leerjaar columns, probability)
    ("HAVO uitbest. aan VAVO", "4031", "HAVO NW naar VAVO", "HAVO", (4, 5), 0.5),
    ("HAVO uitbest. aan VAVO", "4036", "HAVO NW naar VAVO teruggekeerd gezakt", "HAVO", (5,), 0.5),
    ("VMBO uitbest. aan VAVO", "4040", "VMBO-TL naar VAVO", "MAVO", (4,), 0.4),
    ("VMBO uitbest. aan VAVO", "4045", "VMBO-TL naar VAVO teruggekeerd gezakt", "MAVO", (4,), 0.4),
    ("VWO uitbest. aan VAVO", "4011", "VWO-ATH NW naar VAVO", "VWO", (5, 6), 0.4),
    ("VWO uitbest. aan VAVO", "4016", "VWO-ATH NW naar VAVO teruggekeerd gezakt", "VWO", (6,),
     0.5),
)  # fmt: skip


def _draw(rng: random.Random, expected: float) -> int:
    """A noisy, randomly rounded count around ``expected``."""
    if expected <= 0:
        return 0
    r = rng.random
    noise = (r() + r() + r() - 1.5) * 0.24  # ~N(0, 0.12), cheaper than rng.gauss
    return max(0, int(expected * (1.0 + noise) + r()))


def _put(
    rng: random.Random, counts: list[int], leerjaren: tuple[int, ...], total: float, female: float
) -> None:
    per_year = total / len(leerjaren)
    for lj in leerjaren:
        counts[2 * (lj - 1)] += _draw(rng, per_year * (1.0 - female))
        counts[2 * (lj - 1) + 1] += _draw(rng, per_year * female)


def _weights(rng: random.Random, items: list, weight_of) -> list[float]:
    raw = [weight_of(item) * rng.lognormvariate(0.0, 0.35) for item in items]
    total = sum(raw) or 1.0
    return [w / total for w in raw]


def tech_multiplier(peiljaar: int) -> float:
    return 1.0 + TECH_TREND * (peiljaar - TECH_BASE_YEAR)


def _vbo_rows(
    v: Vestiging, offer: random.Random, rng: random.Random, year: int, seed: int
) -> list[Row]:
    leerwegen = offer.choices([s for s, _ in LEERWEG_SETS], [w for _, w in LEERWEG_SETS])[0]
    offered = [
        p
        for j, p in enumerate(PROFIELEN)
        if p is not MAT and weyl(v.vbo_index, j, seed) < p.offered
    ]
    if not offered:
        offered.append(PROFIELEN[-1])  # D&P, the broad intersectoral programme
    if v.vbo_index % MAT_EVERY == MAT_AT:
        offered.append(MAT)  # last: its pull is set relative to the others below
    route = v.vbo_index % ROUTE_EVERY == ROUTE_AT
    pulls = [p.weight * offer.lognormvariate(0.0, 0.3) for p in offered]
    lw_pulls = {lw.code: lw.share * offer.lognormvariate(0.0, 0.3) for lw in LEERWEGEN}
    lwoo_on = {lw.code: offer.random() < lw.lwoo_offered for lw in LEERWEGEN}
    route_pull = ROUTE.weight * offer.lognormvariate(0.0, 0.3)

    if MAT in offered:  # a maritime vestiging: MaT is ~40% of its upper-year pupils
        pulls[-1] = MAT.weight * (sum(pulls) - pulls[-1]) * offer.uniform(0.8, 1.2)
    multiplier = tech_multiplier(year)
    pulls = [w * multiplier if p.technical else w for p, w in zip(offered, pulls, strict=True)]
    if route:
        pulls.append(route_pull)
    profile_total = sum(pulls)
    lw_total = sum(lw_pulls[c] for c in leerwegen)
    total = lognormal(v.size, VBO_MEDIAN, VBO_SIGMA) * rng.lognormvariate(0.0, 0.05)

    rows: list[Row] = []
    for lw in LEERWEGEN:
        if lw.code not in leerwegen:
            continue
        lw_total_pupils = total * lw_pulls[lw.code] / lw_total
        targets = list(zip(offered, pulls, strict=False))
        if route and lw.short in ROUTE_CODES:
            targets.append((ROUTE, route_pull))
        for profiel, pull in targets:
            pupils = lw_total_pupils * pull / profile_total
            lwoo = min(lw.lwoo_share / lw.lwoo_offered, 0.8) if lwoo_on[lw.code] else 0.0
            for kind, share in (("VMBO", 1.0 - lwoo), ("LWOO", lwoo)):
                if share <= 0:
                    continue
                if profiel is ROUTE:
                    code = ROUTE_CODES[lw.short][0 if kind == "VMBO" else 1]
                    naam = f"{kind} {lw.short} Vakmanschapsroute Techniek Niveau-2"
                else:
                    code = profiel.element + (lw.vmbo if kind == "VMBO" else lw.lwoo)
                    naam = f"{kind} {lw.short} {profiel.opleiding}"
                counts = [0] * 12
                _put(rng, counts, (3, 4), pupils * share, profiel.female * rng.uniform(0.8, 1.2))
                rows.append((lw.label, profiel.sector, profiel.afdeling, code, naam, counts))
    return rows


def _brugjaar_codes(parts: set[str], structure: str, offer: random.Random) -> list[str]:
    vbo, mavo, havo, vwo = ("VBO" in parts, "MAVO" in parts, "HAVO" in parts, "VWO" in parts)
    if structure == "BRUGJAAR":
        return [c for c in ("0024", "0016", "0015", "0023") if offer.random() < 0.6] or ["0024"]
    if structure == "PRO":
        return []
    candidates = []
    if vbo:
        candidates += ["0031", "0032", "0033", "0041", "0043", "0045"]
    if vbo and mavo:
        candidates += ["0023", "0046"]
    if mavo:
        candidates += ["0400", "0013"]
    if vbo and not mavo:
        candidates += ["0012"]
    if havo and mavo:
        candidates += ["0011"]
    if havo:
        candidates += ["0300"]
    if havo and vwo:
        candidates += ["0015"]
    if vwo:
        candidates += ["0100", "0200", "0017"]
    if vwo and mavo:
        candidates += ["0016"]
    if vwo and vbo:
        candidates += ["0024"]
    if havo and vbo:
        candidates += ["0022"]
    chosen = [c for c in candidates if offer.random() < 0.4]
    return chosen or candidates[:1]


def vestiging_rows(v: Vestiging, year: int, seed: int) -> list[Row]:
    """All rows of one vestiging for peiljaar ``year``, sorted as DUO sorts them."""
    if not v.exists(year):
        return []
    offer = random.Random(f"sto-synth|{seed}|{v.brin6}|offer")  # stable over the years
    rng = random.Random(f"sto-synth|{seed}|{v.brin6}|{year}")
    parts = v.parts()
    growth = rng.lognormvariate(0.0, 0.06)
    rows: list[Row] = []

    brugjaar = _brugjaar_codes(parts, v.structure, offer)
    brug_size = lognormal(offer.random(), 260.0 if v.structure != "BRUGJAAR" else 380.0, 0.6)
    weights = _weights(offer, brugjaar, lambda c: BRUGJAAR[c][1])
    for code, share in zip(brugjaar, weights, strict=True):
        counts = [0] * 12
        _put(rng, counts, (1, 2), brug_size * growth * share, 0.49)
        rows.append(("Brugjaar 1-2", NVT, NVT, code, BRUGJAAR[code][0], counts))

    if "VBO" in parts:
        rows += _vbo_rows(v, offer, rng, year, seed)

    if "MAVO" in parts:
        tl_size = lognormal(offer.random(), 100.0, 0.6) * growth
        tl = [row for row in TL_ROWS if offer.random() < (0.9 if row[1] < "1000" else 0.3)]
        tl = tl or [TL_ROWS[2]]
        for (sector, code, naam, _), share in zip(
            tl, _weights(offer, tl, lambda r: r[3]), strict=True
        ):
            counts = [0] * 12
            _put(rng, counts, (3, 4), tl_size * share, 0.48)
            rows.append(("VMBO TL lj 3-4", sector, NVT, code, naam, counts))

    havo, vwo = "HAVO" in parts, "VWO" in parts
    gymnasium = vwo and offer.random() < 0.4
    if havo or vwo:
        lj3 = [("0300", "HAVO")] if havo else []
        if vwo:
            lj3.append(("0100", "VWO-ATHENEUMSTROOM"))
        if gymnasium:
            lj3.append(("0200", "VWO-GYMNASIUMSTROOM"))
        lj3_size = lognormal(offer.random(), 110.0, 0.5) * growth
        for code, naam in lj3:
            counts = [0] * 12
            _put(rng, counts, (3,), lj3_size / len(lj3), 0.52)
            rows.append(("HAVO/VWO lj 3", NVT, NVT, code, naam, counts))
    if havo:
        size = lognormal(offer.random(), 200.0, 0.5) * growth
        for (afdeling, code, naam, _), share in zip(
            HAVO_PROFIELEN, _weights(offer, list(HAVO_PROFIELEN), lambda r: r[3]), strict=True
        ):
            counts = [0] * 12
            _put(rng, counts, (4, 5), size * share, 0.52)
            rows.append(("HAVO lj 4-5", NVT, afdeling, code, naam, counts))
    if vwo:
        size = lognormal(offer.random(), 210.0, 0.5) * growth
        streams = [("01", "VWO-ATH")] + ([("02", "VWO-GYM")] if gymnasium else [])
        for prefix, label in streams:
            shares = _weights(offer, list(VWO_PROFIELEN), lambda r: r[3])
            for (afdeling, digits, short, _), share in zip(VWO_PROFIELEN, shares, strict=True):
                counts = [0] * 12
                _put(rng, counts, (4, 5, 6), size * share / len(streams), 0.54)
                rows.append(
                    ("VWO lj 4-6", NVT, afdeling, prefix + digits, f"{label} Prf {short}", counts)
                )
    if "PRO" in parts:
        size = lognormal(offer.random(), 150.0, 0.4) * growth
        counts = [0] * 12
        _put(rng, counts, (1, 2, 3, 4, 5), size * 0.9, 0.42)
        _put(rng, counts, (6,), size * 0.1, 0.42)
        rows.append(("Praktijkonderwijs alle vj", NVT, NVT, "0090", "Praktijkonderwijs", counts))
    for onderwijstype, code, naam, needs, leerjaren, probability in VAVO:
        if needs in parts and offer.random() < probability:
            counts = [0] * 12
            _put(rng, counts, leerjaren, offer.uniform(1.0, 9.0), 0.55)
            rows.append((onderwijstype, NVT, NVT, code, naam, counts))

    rows = [row for row in rows if any(row[5])]
    rows.sort(key=lambda row: (row[0], row[1], row[2], row[3]))
    return rows
