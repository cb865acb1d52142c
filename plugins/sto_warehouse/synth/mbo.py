"""The synthetic mbo sector: the crebo catalogue, mbo instellingen, their besturen and offer.

Scale 1 is ~70 instellingen (ROCs, AOCs and vakinstellingen), placed in the gemeenten of the vo
country, the first ones in the COROP areas of the placeholder STO regions. Their INSTELLINGSCODEs
and bevoegd-gezag numbers are taken from what the vo country leaves free (``orgs.spread``). Each
instelling offers a set of crebos (its "offerings") with a size, a BBL share and a trend; student
counts per year are a pure function of (seed, instelling, crebo, year), so overlapping
publication windows repeat them exactly. The whole mbo sector is a few thousand small objects,
built once per (seed, scale).
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from sto_warehouse.synth._crebo import (
    BEROEP_PREFIXES,
    CII,
    DOSSIERS,
    HANDEL,
    HOOFDGROEPEN,
    MTLM,
    SECTORKAMERS,
    SV,
    TGO,
    VGG,
    ZDV,
    ZWS,
)
from sto_warehouse.synth.country import (
    BRIN_SPACE,
    CHANGE_YEARS,
    REQUIRED_COROP,
    STREETS,
    Place,
    _pick_place,
    brin_code,
)
from sto_warehouse.synth.orgs import (
    BG_HIGH,
    BG_LOW,
    Bestuur,
    make_bestuur,
    postcode,
    slug,
    spread,
    title,
    vo_index,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

INSTELLINGEN_PER_SCALE = 70
BASE_YEAR = 2019
KINDS = ("ROC", "ROC", "AOC", "ROC", "VAK", "ROC", "ROC", "AOC", "ROC", "VAK")
VAK_FOCUS = (MTLM, SV, CII, VGG, TGO, ZDV, SV, MTLM, ZWS, HANDEL)
VAK_NAMES = {
    MTLM: "Scheepvaart en Transport College {p}", SV: "Vakschool voor Ambachten {p}",
    CII: "Mediacollege {p}", VGG: "Hotelschool {p}", TGO: "Bouw- en Techniekcollege {p}",
    ZDV: "Veiligheidscollege {p}", ZWS: "Zorgacademie {p}", HANDEL: "Retailacademie {p}",
}  # fmt: skip
MBO_CORES = ("Deltaland", "Noorderlicht", "Kennispoort", "Rivierland", "Oostpoort", "Westkust",
             "Zuiderlicht", "Vakwijzer", "Brugwachter", "Middenweg")  # fmt: skip
DENOMINATIES = {
    "ROC": (("Openbaar", 3), ("Algemeen bijzonder", 5), ("Samenwerking PC, RK", 1)),
    "AOC": (("Algemeen bijzonder", 3), ("Rooms-Katholiek", 1), ("Protestants-Christelijk", 1)),
    "VAK": (("Algemeen bijzonder", 4), ("Openbaar", 1)),
}
# Relative weight of a sectorkamer in an instelling's offer, per kind of instelling.
OFFER_WEIGHTS = {
    "ROC": {TGO: 1.0, MTLM: 0.8, CII: 0.9, VGG: 0.6, HANDEL: 1.0, ZDV: 1.0, ZWS: 1.3, SV: 0.08},
    "AOC": {TGO: 0.05, MTLM: 0.05, CII: 0.02, VGG: 1.0, HANDEL: 0.1, ZDV: 0.02, ZWS: 0.05, SV: 0},
}
OFFER_COUNT = {"ROC": (110, 45, 200), "AOC": (35, 20, 60), "VAK": (14, 6, 30)}  # median, min, max
SIZE_MEDIAN = {"ROC": 45.0, "AOC": 36.0, "VAK": 54.0}  # students per offering (all leerwegen)
# Programmes are bigger in some sectorkamers (care: ~30% of all mbo students on ~12% of crebos).
SECTORKAMER_SIZE = {TGO: 0.9, MTLM: 0.9, CII: 0.9, VGG: 0.8, HANDEL: 1.1, ZDV: 1.1, ZWS: 2.4,
                    SV: 0.5}  # fmt: skip
NIVEAU_SIZE = {1: 0.6, 2: 0.9, 3: 1.0, 4: 1.3}
FEMALE = {TGO: 0.06, MTLM: 0.08, CII: 0.3, VGG: 0.45, HANDEL: 0.5, ZDV: 0.5, ZWS: 0.85, SV: 0.45}
BBL_OFFERED = {TGO: 0.6, MTLM: 0.45, CII: 0.08, VGG: 0.3, HANDEL: 0.2, ZDV: 0.15, ZWS: 0.4,
               SV: 0.6}  # fmt: skip
# Graduates mostly stay in their own COROP area; within an instelling the big programmes draw
# most of them (weight size ** POPULARITY), so the flows concentrate as real flows do.
NEAR_COROP, NEAR_PROVINCIE, NEAR_ELSEWHERE = 30.0, 2.0, 0.02
POPULARITY = 2.0
FIX_RATE = 0.01  # share of student cells a newer publication window corrects


# -- the crebo catalogue --------------------------------------------------------------------------


@dataclass(frozen=True)
class Crebo:
    index: int
    code: str  # ERKENDE OPLEIDINGSCODE, 5 digits
    naam: str
    niveau: int
    hoofdgroep: tuple[str, str]
    subgroep: tuple[str, str]
    dossier: tuple[str, str]
    sectorkamer: str
    since: int | None  # first year it is offered; None: before every covered year
    beroepen: tuple[tuple[str, str], ...]  # (BEROEPCODE, BEROEPNAAM)

    def offered(self, year: int) -> bool:
        return self.since is None or year >= self.since


@cache
def catalogue() -> tuple[Crebo, ...]:
    """~300 crebos over the eight sectorkamers, niveau 1-4: national reference data, so it does
    not depend on the seed. A few crebos are new in 2019-2023."""
    rng = random.Random("sto-synth|crebo")
    subgroepen: dict[str, str] = {}
    beroepcodes: dict[str, str] = {}
    out: list[Crebo] = []
    code = 25000
    for d, (sectorkamer, hoofdgroep, domein, dossier, kwalificaties) in enumerate(DOSSIERS):
        subgroep = subgroepen.setdefault(domein, f"{len(subgroepen) + 1:02d}")
        dossier_code = f"{23000 + 5 * d + rng.randint(0, 3)}"
        for niveau, naam in kwalificaties:
            code += rng.randint(1, 3)
            index = len(out)
            beroepen = [naam]
            for prefix in BEROEP_PREFIXES:
                if naam.startswith(prefix):
                    plain = naam.removeprefix(prefix)
                    beroepen.append(plain[0].upper() + plain[1:])
            pairs = tuple(
                (beroepcodes.setdefault(b, f"{10000 + 3 * len(beroepcodes)}"), b) for b in beroepen
            )
            out.append(
                Crebo(
                    index=index,
                    code=str(code),
                    naam=naam,
                    niveau=niveau,
                    hoofdgroep=HOOFDGROEPEN[hoofdgroep],
                    subgroep=(subgroep, domein),
                    dossier=(dossier_code, dossier),
                    sectorkamer=sectorkamer,
                    since=2019 + index % 5 if index % 23 == 11 else None,
                    beroepen=pairs,
                )
            )
    return tuple(out)


# -- instellingen -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Offering:
    crebo: Crebo
    size: float  # students (all leerwegen and sexes) in BASE_YEAR
    bbl: float  # share of BBL students (0: BOL only)
    female: float
    trend: float  # yearly growth


@dataclass(frozen=True)
class MboInstelling:
    index: int
    code: str
    kind: str  # ROC, AOC, VAK
    bestuur: str
    names: tuple[str, str]
    rename_year: int | None
    place: Place
    straatnaam: str
    huisnummer: str
    postcode: str
    telefoon: str
    internet: str
    denominatie: str
    correspondentie: tuple[str, str, str, str]
    size: float
    offerings: tuple[Offering, ...] = field(repr=False)

    def name(self, year: int) -> str:
        if self.rename_year is not None and year >= self.rename_year:
            return self.names[1]
        return self.names[0]


def _weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _offerings(rng: random.Random, kind: str, focus: str | None, size: float) -> list[Offering]:
    crebos = catalogue()
    weights = {sk: 1.0 if sk == focus else 0.0 for sk in SECTORKAMERS}
    if kind in OFFER_WEIGHTS:
        weights = OFFER_WEIGHTS[kind]
    median, low, high = OFFER_COUNT[kind]
    wanted = min(high, max(low, median * size**0.5))
    total = sum(weights[c.sectorkamer] for c in crebos)
    chosen = [
        c for c in crebos if rng.random() < min(0.95, wanted * weights[c.sectorkamer] / total)
    ]
    # Every kind of instelling offers each niveau of its main sectorkamers at least once.
    main = [sk for sk in SECTORKAMERS if weights[sk] >= 0.5]
    have = {(c.sectorkamer, c.niveau) for c in chosen}
    for sk in main:
        for niveau in (1, 2, 3, 4):
            options = [c for c in crebos if c.sectorkamer == sk and c.niveau == niveau]
            if options and (sk, niveau) not in have:
                chosen.append(rng.choice(options))
                have.add((sk, niveau))
    chosen.sort(key=lambda c: c.index)
    out = []
    for c in chosen:
        students = rng.lognormvariate(0.0, 0.9) * SIZE_MEDIAN[kind] * NIVEAU_SIZE[c.niveau]
        students *= SECTORKAMER_SIZE[c.sectorkamer]
        bbl = rng.uniform(0.2, 0.8) if rng.random() < BBL_OFFERED[c.sectorkamer] else 0.0
        if c.niveau == 4:
            bbl *= 0.5
        female = min(0.97, max(0.02, FEMALE[c.sectorkamer] * rng.uniform(0.75, 1.25)))
        trend = rng.gauss(0.0, 0.03) + (0.015 if c.sectorkamer in (TGO, MTLM) else 0.0)
        out.append(Offering(c, students, bbl, female, trend))
    return out


def _instelling_name(
    rng: random.Random, kind: str, focus: str | None, place: Place, used: set[str]
) -> str:
    regio = place.area("corop")[1]
    plaats = title(place.plaatsnaam)
    if kind == "ROC":
        options = [f"ROC {regio}", f"ROC {plaats}", f"{plaats} College", f"ROC {regio} {plaats}"]
    elif kind == "AOC":
        options = [f"AOC {regio}", f"Groen College {plaats}", f"{regio} Groen", f"AOC {plaats}"]
    else:
        options = [VAK_NAMES[focus or SV].format(p=plaats)]
    for name in options:
        if name not in used:
            return name
    n = 2
    while f"{options[0]} {n}" in used:
        n += 1
    return f"{options[0]} {n}"


@dataclass(frozen=True)
class MboCountry:
    instellingen: tuple[MboInstelling, ...]
    besturen: tuple[tuple[Bestuur, tuple[int, ...]], ...]  # bestuur, member instelling indices
    codes: frozenset[int]  # BRIN numbers of the instellingen
    # Destination index (offerings of crebos offered in every covered year):
    by_instelling: tuple[dict[tuple[str, int], tuple[list[Offering], list[float]]], ...]
    national: dict[tuple[str, int], tuple[list[tuple[int, Offering]], list[float]]]
    near: dict[str, list[float]] = field(default_factory=dict, repr=False, compare=False)

    def weights_near(self, place: Place) -> list[float]:
        """Cumulative weights of the instellingen as seen from a COROP area (cached)."""
        found = self.near.get(place.corop)
        if found is None:
            weights = []
            for inst in self.instellingen:
                if inst.place.corop == place.corop:
                    near = NEAR_COROP
                elif inst.place.provincie == place.provincie:
                    near = NEAR_PROVINCIE
                else:
                    near = NEAR_ELSEWHERE
                weights.append(inst.size * near)
            found = self.near[place.corop] = list(accumulate(weights))
        return found

    def destination(
        self, rng: random.Random, place: Place, sectorkamer: str, niveau: int
    ) -> tuple[MboInstelling, Offering]:
        """Where a vmbo graduate from ``place`` goes for (sectorkamer, niveau): an instelling
        nearby (same COROP area, else same province, rarely elsewhere) that offers it."""
        cumulative = self.weights_near(place)
        for _ in range(6):
            i = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
            i = min(i, len(cumulative) - 1)
            pool = self.by_instelling[i].get((sectorkamer, niveau))
            if pool:
                return self.instellingen[i], _pick(rng, pool)
        for sk, lvl in _fallbacks(sectorkamer, niveau):
            pool = self.national.get((sk, lvl))
            if pool:
                i, offering = _pick(rng, pool)
                return self.instellingen[i], offering
        raise LookupError("the mbo country offers nothing")  # pragma: no cover


def _pick(rng: random.Random, pool):
    items, cumulative = pool
    i = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
    return items[min(i, len(items) - 1)]


def _fallbacks(sectorkamer: str, niveau: int) -> Iterator[tuple[str, int]]:
    for delta in (0, 1, -1, 2, -2, 3, -3):
        if 1 <= niveau + delta <= 4:
            yield sectorkamer, niveau + delta
    for sk in SECTORKAMERS:
        for lvl in (niveau, 2, 3, 4, 1):
            yield sk, lvl


def country_size(scale: float) -> int:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return max(1, round(INSTELLINGEN_PER_SCALE * scale))


@lru_cache(maxsize=4)
def mbo_country(seed: int, scale: float) -> MboCountry:
    n = country_size(scale)
    vo = vo_index(seed, scale)
    rng = random.Random(f"sto-synth|{seed}|mbo")
    low, high = 20 * 676, 32 * 676  # codes 20AA-31ZZ, like many real mbo codes (25LP, 27ZZ)
    if 3 * n > high - low:
        low, high = 0, BRIN_SPACE
    codes = list(spread(vo.brins, low, high, n, rng))
    shares = [i > 0 and i % 9 == 5 for i in range(n)]  # merged instellingen share a bestuur
    board_numbers = spread(vo.boards, BG_LOW, BG_HIGH, n - sum(shares), rng)
    used: set[str] = set()
    instellingen: list[MboInstelling] = []
    members: list[tuple[int, list[int]]] = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)] if i > 0 else "ROC"
        focus = VAK_FOCUS[(i // len(KINDS)) % len(VAK_FOCUS)] if kind == "VAK" else None
        if kind == "VAK" and i % len(KINDS) == 9:
            focus = VAK_FOCUS[(i // len(KINDS) + 5) % len(VAK_FOCUS)]
        corop = REQUIRED_COROP[i] if i < len(REQUIRED_COROP) else None
        place = _pick_place(rng, corop)
        name = _instelling_name(rng, kind, focus, place, used)
        used.add(name)
        rename_year = rng.randint(*CHANGE_YEARS) if rng.random() < 0.08 else None
        new_name = f"{rng.choice(MBO_CORES)} College"
        if new_name in used:
            new_name = f"{new_name} {title(place.plaatsnaam)}"
        size = rng.lognormvariate(0.0, 0.5) * (1.0 if kind == "ROC" else 0.4)
        straat = rng.choice(STREETS)
        huisnummer = str(rng.randint(1, 400))
        code_pc = postcode(rng, place)
        corr = ("Postbus", str(rng.randint(1, 9999)), postcode(rng, place), place.plaatsnaam)
        if rng.random() < 0.3:
            corr = (straat, huisnummer, code_pc, place.plaatsnaam)
        if shares[i]:
            board = members[-1][0]
            members[-1][1].append(i)
        else:
            board = next(board_numbers)
            members.append((board, [i]))
        instellingen.append(
            MboInstelling(
                index=i,
                code=brin_code(codes[i]),
                kind=kind,
                bestuur=f"{board:05d}",
                names=(name, new_name),
                rename_year=rename_year,
                place=place,
                straatnaam=straat,
                huisnummer=huisnummer,
                postcode=code_pc,
                telefoon=f"0{rng.randint(100000000, 999999999)}",
                internet=f"www.{slug(name)}.nl",
                denominatie=_weighted(rng, DENOMINATIES[kind]),
                correspondentie=corr,
                size=size,
                offerings=tuple(_offerings(rng, kind, focus, size)),
            )
        )
    besturen = []
    for board, indices in members:
        first = instellingen[indices[0]]
        hint = (
            first.names[0]
            if len(indices) == 1
            else f"{first.place.area('corop')[1]} Onderwijsgroep"
        )
        besturen.append(
            (
                make_bestuur(seed, board, "mbo", first.place, first.denominatie, hint),
                tuple(indices),
            )
        )
    by_instelling = []
    national: dict[tuple[str, int], tuple[list, list]] = {}
    for inst in instellingen:
        index: dict[tuple[str, int], tuple[list[Offering], list[float]]] = {}
        for offering in inst.offerings:
            c = offering.crebo
            if c.since is not None:
                continue
            items, cumulative = index.setdefault((c.sectorkamer, c.niveau), ([], []))
            items.append(offering)
            cumulative.append((cumulative[-1] if cumulative else 0.0) + offering.size**POPULARITY)
            items, cumulative = national.setdefault((c.sectorkamer, c.niveau), ([], []))
            items.append((inst.index, offering))
            cumulative.append(
                (cumulative[-1] if cumulative else 0.0) + offering.size**POPULARITY * inst.size
            )
        by_instelling.append(index)
    return MboCountry(
        tuple(instellingen),
        tuple(besturen),
        frozenset(codes),
        tuple(by_instelling),
        national,
    )


# -- student counts ---------------------------------------------------------------------------------

LEERWEGEN = ("BBL", "BOL")
GESLACHTEN = ("man", "vrouw")


def _draw(rng: random.Random, expected: float) -> int:
    if expected <= 0:
        return 0
    r = rng.random
    noise = (r() + r() + r() - 1.5) * 0.2
    return max(0, int(expected * (1.0 + noise) + r()))


def students(
    seed: int, inst: MboInstelling, offering: Offering, year: int
) -> list[tuple[str, str, int, int]]:
    """(leerweg, geslacht, count, corrected count) of one offering in one year (1 October).

    The corrected count is what a later publication window prints for the same year."""
    c = offering.crebo
    if not c.offered(year):
        return []
    rng = random.Random(f"sto-synth|{seed}|mbo|{inst.code}|{c.code}|{year}")
    total = offering.size * (1.0 + offering.trend) ** (year - BASE_YEAR)
    total *= rng.lognormvariate(0.0, 0.08)
    if c.since is not None:
        total *= min(1.0, 0.35 * (year - c.since + 1))  # a new crebo fills up over ~3 years
    out = []
    for leerweg in LEERWEGEN:
        share = offering.bbl if leerweg == "BBL" else 1.0 - offering.bbl
        for geslacht in GESLACHTEN:
            female = offering.female if geslacht == "vrouw" else 1.0 - offering.female
            count = _draw(rng, total * share * female)
            fixed = count
            if rng.random() < FIX_RATE and count > 0:
                fixed = max(1, count + rng.choice((-2, -1, 1, 2, 3)))
            if share > 0:
                out.append((leerweg, geslacht, count, fixed))
    return out


# VOOROPLEIDING VO shares of the new students of a niveau (BOL; BBL has more 'Overig').
VOOROPLEIDING = {
    1: (("VMBO BB", 0.45), ("VMBO KB", 0.1), ("VMBO GL/TL", 0.05), ("HAVO", 0.0), ("Overig", 0.4)),
    2: (("VMBO BB", 0.45), ("VMBO KB", 0.2), ("VMBO GL/TL", 0.08), ("HAVO", 0.01), ("Overig", 0.26)),
    3: (("VMBO BB", 0.08), ("VMBO KB", 0.45), ("VMBO GL/TL", 0.22), ("HAVO", 0.03), ("Overig", 0.22)),
    4: (("VMBO BB", 0.01), ("VMBO KB", 0.2), ("VMBO GL/TL", 0.5), ("HAVO", 0.09), ("Overig", 0.2)),
}  # fmt: skip
GEEN_MBO = "Geen mbo"
INFLOW_SHARE = 0.36  # new students among all students of an opleiding


def instroom(
    seed: int, inst: MboInstelling, offering: Offering, year: int
) -> list[tuple[str, str, str, int, int, int]]:
    """New students of one offering in ``year``: (vooropleiding vo, vooropleiding mbo, leerweg,
    instroom opleiding, instroom mbo, totaal mbo). 'Overig' newcomers may hold an mbo diploma
    of a lower niveau; only those without one are new to mbo (INSTROOM MBO)."""
    counts = students(seed, inst, offering, year)
    if not counts:
        return []
    c = offering.crebo
    rng = random.Random(f"sto-synth|{seed}|instroom|{inst.code}|{c.code}|{year}")
    out = []
    for leerweg in LEERWEGEN:
        totaal = sum(n for lw, _, n, _ in counts if lw == leerweg)
        if not any(lw == leerweg for lw, _, _, _ in counts):
            continue
        inflow = totaal * INFLOW_SHARE
        for vo, share in VOOROPLEIDING[c.niveau]:
            if leerweg == "BBL":
                share = share * 0.6 + (0.4 if vo == "Overig" else 0.0)
            if vo != "Overig":
                n = _draw(rng, inflow * share)
                if n:
                    out.append((vo, GEEN_MBO, leerweg, n, n, totaal))
                continue
            previous = [GEEN_MBO] + [f"Mbo niveau {lvl}" for lvl in range(1, c.niveau)]
            for k, mbo in enumerate(previous):
                part = 0.6 if k == 0 else 0.4 / (len(previous) - 1)
                n = _draw(rng, inflow * share * (part if len(previous) > 1 else 1.0))
                if n:
                    out.append((vo, mbo, leerweg, n, n if mbo == GEEN_MBO else 0, totaal))
    return out
