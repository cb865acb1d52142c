"""Organisations around the vo vestigingen: instellingen (BRIN), bevoegde gezagen, and free codes.

The vo country (``country.iter_vestigingen``) is the anchor. Everything else that needs a code
(mbo instellingen, po schools, their besturen) takes it from what the vo country leaves free, so a
BRIN or a bevoegd-gezag number never means two things. ``vo_index`` is the one pass over the vo
country that collects the taken codes (a few thousand integers even at scale 10) plus, per COROP
area, a few havo schools (destinations of vmbo graduates who continue in havo).
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sto_warehouse.synth.country import (
    CHANGE_YEARS,
    CORES,
    POSTCODE_LETTERS,
    STREETS,
    Place,
    Vestiging,
    iter_vestigingen,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

BG_LOW, BG_HIGH = 10000, 100000  # BEVOEGD GEZAG NUMMER: 5 digits
HAVO_PER_COROP = 5
STRUCTURE_ORDER = ("VBO", "MAVO", "HAVO", "VWO", "PRO")


def brin_number(code: str) -> int:
    return int(code[:2]) * 676 + (ord(code[2]) - 65) * 26 + (ord(code[3]) - 65)


@dataclass(frozen=True)
class VoIndex:
    brins: frozenset[int]  # BRIN numbers (see country.brin_code) of the vo country
    boards: frozenset[int]  # bevoegd-gezag numbers of the vo country
    havo_by_corop: dict[str, tuple[Vestiging, ...]]  # a few vestigingen offering HAVO per COROP


@lru_cache(maxsize=4)
def vo_index(seed: int, scale: float) -> VoIndex:
    brins: set[int] = set()
    boards: set[int] = set()
    havo: dict[str, list[Vestiging]] = {}
    for v in iter_vestigingen(seed, scale):
        brins.add(brin_number(v.brin))
        boards.add(int(v.bevoegd_gezag))
        if "HAVO" in v.parts() and v.close_year is None:
            found = havo.setdefault(v.place.corop, [])
            if len(found) < HAVO_PER_COROP and all(h.brin != v.brin for h in found):
                found.append(v)
    return VoIndex(
        frozenset(brins), frozenset(boards), {k: tuple(v) for k, v in sorted(havo.items())}
    )


def spread(
    taken: frozenset[int], low: int, high: int, slots: int, rng: random.Random
) -> Iterator[int]:
    """Increasing numbers in [low, high) outside ``taken``, ``slots`` of them spread evenly with
    jitter over the free ones; after that, every following free number (until ``high``)."""
    free = (high - low) - sum(1 for x in taken if low <= x < high)
    if slots > free:
        raise ValueError(f"{slots} codes wanted but only {free} are free in [{low}, {high})")
    stride = free / max(slots, 1)
    number, index, previous = low - 1, -1, -1
    for g in range(free):
        if g < slots:
            target = int(g * stride + rng.random() * stride * 0.9)
            target = min(max(target, previous + 1), free - (slots - g))
        else:
            target = previous + 1
        if target >= free:
            return
        previous = target
        while index < target:
            number += 1
            if number not in taken:
                index += 1
        yield number


# -- bevoegde gezagen ---------------------------------------------------------------------------

DENOMINATIE_WORD = {
    "Openbaar": "Openbaar",
    "Rooms-Katholiek": "Katholiek",
    "Protestants-Christelijk": "Christelijk",
    "Reformatorisch": "Reformatorisch",
    "Gereformeerd": "Gereformeerd",
    "Gereformeerd vrijgemaakt": "Gereformeerd",
    "Islamitisch": "Islamitisch",
    "Antroposofisch": "Vrije School",
}
SECTOR_WORDS = {"vo": "Voortgezet Onderwijs", "po": "Primair Onderwijs", "mbo": "Beroepsonderwijs"}
ADMINISTRATIEKANTOREN = tuple(str(100 + 37 * i) for i in range(40))


@dataclass(frozen=True)
class Bestuur:
    number: str
    names: tuple[str, str]  # before, after rename_year
    rename_year: int | None
    place: Place
    straatnaam: str
    huisnummer: str
    postcode: str
    telefoon: str
    internet: str
    denominatie: str
    correspondentie: tuple[str, str, str, str]
    administratiekantoor: str
    kvk: str

    def name(self, year: int) -> str:
        if self.rename_year is not None and year >= self.rename_year:
            return self.names[1]
        return self.names[0]


SMALL_WORDS = frozenset(("aan", "de", "den", "der", "en", "het", "in", "op", "van", "bij"))
PROVINCE_SUFFIXES = frozenset(
    ("DR", "FL", "FR", "GLD", "GN", "LB", "NB", "NH", "OV", "UT", "ZH", "ZL")
)


def title(name: str) -> str:
    """'BERGEN OP ZOOM' -> 'Bergen op Zoom', 'HENGELO OV' -> 'Hengelo', "'S-GRAVENHAGE" ->
    "'s-Gravenhage": a DUO plaatsnaam as it reads inside a name."""
    words = name.split()
    if len(words) > 1 and words[-1] in PROVINCE_SUFFIXES:
        words = words[:-1]
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        out.append(low if i > 0 and low in SMALL_WORDS else word.title())
    text = " ".join(out)
    return "'s" + text[2:] if text.startswith("'S") else text


def postcode(rng: random.Random, place: Place) -> str:
    digits = int(place.postcode4) + rng.randint(0, 6)
    return f"{min(digits, 9999):04d} {rng.choice(POSTCODE_LETTERS)}{rng.choice(POSTCODE_LETTERS)}"


def slug(name: str) -> str:
    keep = "".join(ch for ch in name.lower() if ch.isascii() and ch.isalnum())
    return keep[:24] or "bestuur"


def kvk_number(board: int) -> str:
    """8 digits, distinct for distinct bevoegd-gezag numbers (7919 is invertible mod 6e7)."""
    return f"{board * 7919 % 60_000_000 + 40_000_000:08d}"


def _board_names(
    rng: random.Random, sector: str, place: Place, denominatie: str, hint: str | None
) -> str:
    word = DENOMINATIE_WORD.get(denominatie, "")
    what = SECTOR_WORDS[sector]
    regio = place.area("corop")[1]
    plaats = title(place.plaatsnaam)
    if hint:
        return rng.choice((f"Stichting {hint}", f"Stichting {hint}", f"Vereniging {hint}"))
    core = rng.choice(CORES)
    options = [
        f"Stichting {word} {what} {regio}".replace("  ", " "),
        f"Vereniging voor {word} {what} te {plaats}".replace("  ", " "),
        f"Stichting {core} Onderwijsgroep",
        f"Stichting Scholengroep {core}",
        f"Stichting {what} {plaats}",
    ]
    return rng.choice(options)


def make_bestuur(
    seed: int, number: int, sector: str, place: Place, denominatie: str, hint: str | None = None
) -> Bestuur:
    """One bevoegd gezag; ``hint`` names it after its only school or instelling."""
    rng = random.Random(f"sto-synth|{seed}|bestuur|{number}")
    name = _board_names(rng, sector, place, denominatie, hint)
    rename_year = rng.randint(*CHANGE_YEARS) if rng.random() < 0.06 else None
    new_name = f"Stichting {rng.choice(CORES)} {SECTOR_WORDS[sector]}"
    straat = rng.choice(STREETS)
    huisnummer = str(rng.randint(1, 250))
    code = postcode(rng, place)
    telefoon = "" if rng.random() < 0.05 else f"0{rng.randint(100000000, 999999999)}"
    internet = "" if rng.random() < 0.15 else f"www.{slug(name.removeprefix('Stichting '))}.nl"
    if rng.random() < 0.7:
        corr = ("Postbus", str(rng.randint(1, 9999)), postcode(rng, place), place.plaatsnaam)
    else:
        corr = (straat, huisnummer, code, place.plaatsnaam)
    kantoor = "" if rng.random() < 0.12 else rng.choice(ADMINISTRATIEKANTOREN)
    return Bestuur(
        number=f"{number:05d}",
        names=(name, new_name),
        rename_year=rename_year,
        place=place,
        straatnaam=straat,
        huisnummer=huisnummer,
        postcode=code,
        telefoon=telefoon,
        internet=internet,
        denominatie=denominatie,
        correspondentie=corr,
        administratiekantoor=kantoor,
        kvk=kvk_number(number),
    )


# -- vo instellingen and besturen ------------------------------------------------------------------


def iter_brin_groups(seed: int, scale: float) -> Iterator[list[Vestiging]]:
    """The vo vestigingen grouped per BRIN (consecutive in the country's BRIN6 order)."""
    group: list[Vestiging] = []
    for v in iter_vestigingen(seed, scale):
        if group and v.brin != group[0].brin:
            yield group
            group = []
        group.append(v)
    if group:
        yield group


def iter_board_groups(seed: int, scale: float) -> Iterator[list[Vestiging]]:
    """The vo vestigingen grouped per bevoegd gezag (numbers increase through the country)."""
    group: list[Vestiging] = []
    for v in iter_vestigingen(seed, scale):
        if group and v.bevoegd_gezag != group[0].bevoegd_gezag:
            yield group
            group = []
        group.append(v)
    if group:
        yield group


def structure_of(members: list[Vestiging]) -> str:
    parts: set[str] = set()
    for v in members:
        parts |= v.parts()
    ordered = [p for p in STRUCTURE_ORDER if p in parts]
    return "/".join(ordered) or "BRUGJAAR"


def vo_bestuur(seed: int, members: list[Vestiging]) -> Bestuur:
    first = members[0]
    single = len({v.brin for v in members}) == 1 and len(members) == 1
    hint = first.names[0] if single else None
    return make_bestuur(seed, int(first.bevoegd_gezag), "vo", first.place, first.denominatie, hint)


# -- address columns ----------------------------------------------------------------------------

AREA_KINDS = ("nodaal", "rpa", "wgr", "corop", "onderwijsgebied", "rmc")


def area_cells(place: Place) -> list[str]:
    cells: list[str] = []
    for kind in AREA_KINDS:
        cells.extend(place.area(kind))
    return cells


def unit_hash(*parts: object) -> float:
    """A uniform number in [0, 1) from the parts (deterministic across runs and processes)."""
    return zlib.crc32("|".join(map(str, parts)).encode()) / 2**32
