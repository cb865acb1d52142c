"""The synthetic country: a deterministic stream of vo vestigingen (BRIN6) with their addresses.

``iter_vestigingen(seed, scale)`` yields the same vestigingen in the same (BRIN6) order every
time it is called with the same arguments, without holding the whole country in memory: BRIN
codes are spread over their code space with a fixed stride, so they come out sorted, and every
attribute is drawn from one sequential RNG. Scale 1 is ~1,600 vestigingen (the real December 2020
address list has 1,619), ~650 of them offering vmbo beroepsgericht (``VBO`` in
ONDERWIJSSTRUCTUUR). A few vestigingen open or close between years and a few are renamed, so
the address-list snapshots have history for SCD2.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from statistics import NormalDist
from typing import TYPE_CHECKING

from sto_warehouse.synth._places import AREA_NAMES, GEMEENTEN

if TYPE_CHECKING:
    from collections.abc import Iterator

VESTIGINGEN_PER_SCALE = 1600
VBO_SHARE = 650 / 1600
BRIN_SPACE = 100 * 26 * 26  # ^[0-9]{2}[A-Z]{2}$
MEAN_GROUP = 2.5  # vestigingen per BRIN (real: 1,619 / 650)
# The placeholder STO regions (dbt seed sto_region_placeholder) map these COROP areas: the first
# BRINs of the country are placed there, each with a vmbo-beroepsgericht vestiging.
REQUIRED_COROP = ("07", "12", "26", "27", "31", "32", "35", "36")
# Years in which openings, closures and renames happen (school year starting 1 August).
CHANGE_YEARS = (2016, 2025)
GOLDEN = 0.6180339887498949
_NORMAL = NormalDist()

# ONDERWIJSSTRUCTUUR values of the real file, with weights within "offers VBO" and "does not".
VBO_STRUCTURES = (
    ("VBO", 18),
    ("VBO/MAVO", 38),
    ("VBO/MAVO/HAVO", 6),
    ("VBO/MAVO/HAVO/VWO", 30),
    ("VBO/MAVO/HAVO/VWO/PRO", 2),
    ("VBO/MAVO/PRO", 2),
    ("VBO/PRO", 2),
    ("VBO/HAVO/VWO", 1),
)
OTHER_STRUCTURES = (
    ("BRUGJAAR", 12),
    ("HAVO", 2),
    ("HAVO/VWO", 24),
    ("MAVO", 4),
    ("MAVO/HAVO", 2),
    ("MAVO/HAVO/VWO", 22),
    ("PRO", 22),
    ("VWO", 10),
)
DENOMINATIES = (
    ("Openbaar", 460),
    ("Rooms-Katholiek", 305),
    ("Protestants-Christelijk", 271),
    ("Algemeen bijzonder", 237),
    ("Samenwerking PC, RK", 159),
    ("Samenwerking PC, RK, Alg. Bijz", 45),
    ("Reformatorisch", 31),
    ("Overige", 24),
    ("Antroposofisch", 20),
    ("Gereformeerd", 19),
    ("Interconfessioneel", 8),
    ("RK,PC,GV,RE,EV,AN,HI,I,J,AB,HU", 7),
)
VAKANTIEREGIO = {
    "Groningen": "Noord",
    "Friesland": "Noord",
    "Drenthe": "Noord",
    "Overijssel": "Noord",
    "Noord-Holland": "Noord",
    "Flevoland": "Midden",
    "Utrecht": "Midden",
    "Zuid-Holland": "Midden",
    "Gelderland": "Midden",
    "Noord-Brabant": "Zuid",
    "Zeeland": "Zuid",
    "Limburg": "Zuid",
}
# First two digits of a samenwerkingsverband passend onderwijs vo code (VO2301 ...) per province.
SWV_PREFIX = {
    "Groningen": "20",
    "Friesland": "21",
    "Drenthe": "22",
    "Overijssel": "23",
    "Flevoland": "24",
    "Gelderland": "25",
    "Utrecht": "26",
    "Noord-Holland": "27",
    "Zuid-Holland": "28",
    "Zeeland": "29",
    "Noord-Brabant": "30",
    "Limburg": "31",
}
STREETS = (
    "Sportlaan", "Schoolstraat", "Parallelweg", "Stationsstraat", "Bergweg", "Zandlaan",
    "Vondellaan", "Stationslaan", "Parklaan", "Oranjelaan", "Olympiaweg", "Montessoriweg",
    "Molenstraat", "Lyceumlaan", "Laan van de Sport", "Kastanjelaan", "Julianalaan",
    "Prinses Irenestraat", "Beatrixlaan", "Kerkstraat", "Dorpsstraat", "Burg. de Withstraat",
    "Van Heemstraweg", "Industrieweg", "Groenestraat", "Wilhelminapark", "Eikenlaan",
    "Rembrandtlaan", "Dr. Jacob Botkeweg", "Koningin Julianastraat", "Lindenlaan", "Hoofdweg",
    "Gaelhoorn", "Kaai", "Dijkstraat", "Brinkstraat", "Weverstraat", "Sluiskade",
)  # fmt: skip
# Name cores: a few with the non-ASCII characters DUO's files carry (ë, û, ’ = 0x92 in cp1252).
CORES = (
    "De Linde", "Het Baken", "De Breul", "Ichthus", "Pallas Athene", "Dalton", "Montessori",
    "Nassau", "Oranje", "Erasmus", "Comenius", "Huygens", "Zuiderzee", "Sint-Jan", "Vechtstede",
    "De Meander", "Het Noordik", "Reggesteyn", "Het Streek", "De Nieuwe Veste", "Oostvaarders",
    "Vathorst", "De Rietlanden", "Het Rhedens", "Maerlant", "Lorentz", "Isendoorn", "Liudger",
    "Bonnefanten", "Nuborgh", "Greijdanus", "Marianum", "Canisius", "Aloysius", "De Amersfoortse",
    "Het Kompas", "De Ring", "Het Plein", "De Brug", "Vakcollege Noord", "De Kempen", "Veenhorst",
    "Sint-Michaël", "Rafaël", "Bûtenpost", "’t Venster", "’t Hooghe Landt", "’t Rijks",
    "Noël van Dam", "Fryslân",
)  # fmt: skip
TEMPLATES = {
    "VBO": ("Vmbo {c}", "{c} College", "SG {c}", "CSG {c}", "OSG {c}", "Scholengemeenschap {c}",
            "Techniek College {c}", "{c} vmbo"),
    "MAVO": ("Mavo {c}", "{c} Mavo", "SG {c}"),
    "HAVO": ("{c} Lyceum", "Lyceum {c}", "Gymnasium {c}", "CSG {c}", "Het {c} College"),
    "PRO": ("Praktijkschool {c}", "Praktijkonderwijs {c}", "{c} Praktijkonderwijs"),
    "BRUGJAAR": ("{c} onderbouw", "{c} College brugklas", "SG {c} onderbouw"),
}  # fmt: skip
POSTCODE_LETTERS = "ABCEGHJKLMNPRSTVWXZ"


@dataclass(frozen=True)
class Place:
    gemeentenummer: str
    gemeentenaam: str
    plaatsnaam: str
    provincie: str
    nodaal: str
    rpa: str
    wgr: str
    corop: str
    onderwijsgebied: str
    rmc: str
    postcode4: str

    def area(self, kind: str) -> tuple[str, str]:
        code = getattr(self, kind)
        return code, AREA_NAMES[kind][code]


@dataclass(frozen=True)
class Vestiging:
    index: int  # 0-based position in the country
    brin: str
    suffix: str  # 2 digits
    bevoegd_gezag: str
    structure: str  # ONDERWIJSSTRUCTUUR
    vbo_index: int  # k-th VBO vestiging of the country, -1 when it does not offer VBO
    size: float  # 0..1 quantile: how big the vestiging is among its kind
    place: Place
    straatnaam: str
    huisnummer: str
    postcode: str
    telefoon: str  # '' when unknown
    internet: str  # '' when unknown
    denominatie: str
    correspondentie: tuple[str, str, str, str]  # straat, huisnummer, postcode, plaats ('' x4)
    swv: str
    names: tuple[str, str]  # before, after rename_year
    rename_year: int | None
    open_year: int | None  # first school year (Aug) it exists; None: before the covered years
    close_year: int | None  # first school year it no longer exists

    @property
    def brin6(self) -> str:
        return self.brin + self.suffix

    @property
    def offers_vbo(self) -> bool:
        return "VBO" in self.structure.split("/")

    def parts(self) -> set[str]:
        return set(self.structure.split("/"))

    def exists(self, year: int) -> bool:
        """Exists in school year ``year``/``year+1`` (peildatum 1 Oct, December snapshot)."""
        if self.open_year is not None and year < self.open_year:
            return False
        return self.close_year is None or year < self.close_year

    def name(self, year: int) -> str:
        if self.rename_year is not None and year >= self.rename_year:
            return self.names[1]
        return self.names[0]


def brin_code(number: int) -> str:
    letters = number % 676
    return f"{number // 676:02d}{chr(65 + letters // 26)}{chr(65 + letters % 26)}"


@cache
def _place_tables() -> tuple[tuple[Place, ...], tuple[int, ...], dict[str, list[int]]]:
    places = tuple(Place(*row[:11]) for row in GEMEENTEN)
    cumulative = tuple(accumulate(int(row[11]) for row in GEMEENTEN))
    by_corop: dict[str, list[int]] = {}
    for i, place in enumerate(places):
        by_corop.setdefault(place.corop, []).append(i)
    return places, cumulative, by_corop


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in choices)
    pick = rng.random() * total
    for value, weight in choices:
        pick -= weight
        if pick < 0:
            return value
    return choices[-1][0]


def _pick_place(rng: random.Random, corop: str | None = None) -> Place:
    places, cumulative, by_corop = _place_tables()
    if corop is None:
        i = bisect.bisect_right(cumulative, rng.random() * cumulative[-1])
        return places[min(i, len(places) - 1)]
    candidates = by_corop[corop]
    weights = [int(GEMEENTEN[i][11]) for i in candidates]
    return places[rng.choices(candidates, weights)[0]]


def _postcode(rng: random.Random, place: Place) -> str:
    digits = int(place.postcode4) + rng.randint(0, 6)
    letters = rng.choice(POSTCODE_LETTERS) + rng.choice(POSTCODE_LETTERS)
    return f"{min(digits, 9999):04d} {letters}"


def _kind(structure: str) -> str:
    parts = structure.split("/")
    if "VBO" in parts:
        return "VBO"
    if structure in ("PRO", "BRUGJAAR", "MAVO"):
        return structure
    return "HAVO"


def _name(rng: random.Random, structure: str, core: str | None = None) -> str:
    return rng.choice(TEMPLATES[_kind(structure)]).format(c=core or rng.choice(CORES))


def _slug(name: str) -> str:
    keep = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum())
    return keep[:24] or "school"


def country_size(scale: float) -> int:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return max(1, round(VESTIGINGEN_PER_SCALE * scale))


def iter_vestigingen(seed: int, scale: float) -> Iterator[Vestiging]:
    """Every vestiging of the country (including ones that open later or closed), BRIN6 order."""
    total = country_size(scale)
    groups_expected = int(total / MEAN_GROUP * 1.3) + 12
    stride = BRIN_SPACE / groups_expected
    if stride < 1:
        raise ValueError(f"scale {scale} needs more BRIN codes than ^[0-9]{{2}}[A-Z]{{2}}$ offers")
    rng = random.Random(f"sto-synth|{seed}|country")
    size_phase = rng.random()
    made = vbo_made = group = 0
    bg_count = 0
    bg_stride = max(1, int(89000 / groups_expected))
    bevoegd_gezag = ""
    corop: str | None = None
    while made < total:
        brin_number = int(group * stride + rng.random() * stride * 0.9)
        if brin_number >= BRIN_SPACE:
            raise ValueError(f"scale {scale} ran out of BRIN codes")
        brin = brin_code(brin_number)
        forced_corop = REQUIRED_COROP[group] if group < len(REQUIRED_COROP) else None
        # Several BRINs share a bevoegd gezag (and then its region).
        if group == 0 or forced_corop or rng.random() < 0.6:
            bevoegd_gezag = f"{10000 + bg_count * bg_stride + rng.randrange(bg_stride):05d}"
            bg_count += 1
            corop = forced_corop or _pick_place(rng).corop
        home = _pick_place(rng, corop)
        size = rng.choices((1, 2, 3, 4, 5, 6, 8), (40, 20, 14, 10, 7, 5, 4))[0]
        size = min(size, total - made)
        group_name = ""
        group_denominatie = _weighted(rng, DENOMINATIES)
        postbus = (str(rng.randint(1, 999) * 10 + rng.randint(0, 9)), _postcode(rng, home))
        suffix = 0
        for member in range(size):
            i = made
            # A self-correcting quota keeps the VBO count at ~650 per 1,600 at every scale.
            deficit = VBO_SHARE * (i + 1) - vbo_made
            forced_vbo = forced_corop is not None and member == 0
            if forced_vbo or rng.random() < min(1.0, max(0.0, VBO_SHARE + 0.5 * deficit)):
                structure = _weighted(rng, VBO_STRUCTURES)
                vbo_index = vbo_made
                vbo_made += 1
                # size quantile: a low-discrepancy sequence, so national totals converge fast
                quantile = (size_phase + vbo_index * GOLDEN) % 1.0
            else:
                structure = _weighted(rng, OTHER_STRUCTURES)
                vbo_index = -1
                quantile = rng.random()
            place = home if rng.random() < 0.7 else _pick_place(rng, corop)
            core = rng.choice(CORES)
            if i == 3:  # every country has a name with ’ (0x92 in Windows-1252)
                core = "’t Hooghe Landt"
            name = _name(rng, structure, core)
            if member == 0:
                group_name = name
            elif rng.random() < 0.5:
                name = f"{group_name} locatie {place.plaatsnaam.title()}"
            if i == 5:  # like the real 'VMBO "De Jutter" Vlieland': CSV quoting in legacy files
                name = f'Vmbo "{core}"' if vbo_index >= 0 else f'Scholengemeenschap "{core}"'
            rename_year = open_year = close_year = None
            if rng.random() < 0.08:
                rename_year = rng.randint(*CHANGE_YEARS)
            stable = forced_vbo or i in (3, 5)
            if member > 0 and rng.random() < 0.04 and not stable:
                open_year = rng.randint(*CHANGE_YEARS)
            elif rng.random() < 0.02 and not stable:
                close_year = rng.randint(*CHANGE_YEARS)
            # A rename mostly keeps the core ("SG De Linde" -> "De Linde College").
            new_name = _name(rng, structure, core if rng.random() < 0.7 else None)
            if new_name == name:
                new_name = f"{core} {'Lyceum' if vbo_index < 0 else 'Vakcollege'}"
            straat = rng.choice(STREETS)
            huisnummer = str(rng.randint(1, 120))
            if rng.random() < 0.04:
                huisnummer += "-" + rng.choice("ABC")
            postcode = _postcode(rng, place)
            telefoon = "" if rng.random() < 0.13 else f"0{rng.randint(100000000, 999999999)}"
            internet = "" if rng.random() < 0.3 else f"www.{_slug(name)}.nl"
            roll = rng.random()
            if roll < 0.016:
                correspondentie = ("", "", "", "")
            elif roll < 0.68:
                correspondentie = ("Postbus", postbus[0], postbus[1], home.plaatsnaam)
            else:
                correspondentie = (straat, huisnummer, postcode, place.plaatsnaam)
            swv = f"VO{SWV_PREFIX[place.provincie]}{int(place.corop) % 20 + 1:02d}"
            yield Vestiging(
                index=i,
                brin=brin,
                suffix=f"{suffix:02d}",
                bevoegd_gezag=bevoegd_gezag,
                structure=structure,
                vbo_index=vbo_index,
                size=quantile,
                place=place,
                straatnaam=straat,
                huisnummer=huisnummer,
                postcode=postcode,
                telefoon=telefoon,
                internet=internet,
                denominatie=group_denominatie if rng.random() < 0.9 else "Openbaar",
                correspondentie=correspondentie,
                swv=swv,
                names=(name, new_name),
                rename_year=rename_year,
                open_year=open_year,
                close_year=close_year,
            )
            made += 1
            suffix += 1 if rng.random() < 0.85 else rng.randint(2, 4)
            if suffix > 99:
                break
        group += 1


def weyl(k: int, j: int, seed: int) -> float:
    """The k-th point of the j-th of several jointly equidistributed sequences in [0, 1).

    Offering a profiel when ``weyl(k, j, seed) < rate`` gives exactly ``rate`` of the vbo
    vestigingen at every scale (a random draw would swing the national shares at small scales).
    """
    return (k * _ALPHAS[j % len(_ALPHAS)] + _phase(seed, j)) % 1.0


_ALPHAS = tuple(p**0.5 % 1.0 for p in (2, 3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47))


@cache
def _phase(seed: int, j: int) -> float:
    return random.Random(f"sto-synth|{seed}|phase|{j}").random()


def lognormal(quantile: float, median: float, sigma: float) -> float:
    """The ``quantile`` of a lognormal distribution (sizes of vestigingen)."""
    q = min(max(quantile, 1e-6), 1 - 1e-6)
    return median * 2.718281828459045 ** (sigma * _NORMAL.inv_cdf(q))
