"""Primary schools (po) of the synthetic country: ~6,100 vestigingen at scale 1.

Like the vo country (``country.iter_vestigingen``) a deterministic stream in BRIN6 order, placed
in the same gemeenten and COROP areas. BRIN codes and bevoegd-gezag numbers are taken from what
the vo country and the mbo sector leave free, so no code means two schools. Most po BRINs have
one vestiging (the real August 2026 list: 6,122 vestigingen, 6,011 BRINs, 749 besturen); names
carry DUO's curly quotes (‘t Ienster, ’t Palet: 0x91/0x92 in Windows-1252) and, now and then,
double quotes ("De Maasparel"). A few schools open, close or are renamed between years.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sto_warehouse.synth.country import (
    BRIN_SPACE,
    CHANGE_YEARS,
    REQUIRED_COROP,
    STREETS,
    Place,
    _pick_place,
    _weighted,
    brin_code,
)
from sto_warehouse.synth.mbo import mbo_country
from sto_warehouse.synth.orgs import BG_HIGH, BG_LOW, postcode, slug, spread, title, vo_index

if TYPE_CHECKING:
    from collections.abc import Iterator

VESTIGINGEN_PER_SCALE = 6100
MEAN_GROUP = 6122 / 6011  # vestigingen per BRIN
NEW_BOARD = 749 / 6011  # chance that the next BRIN has a bevoegd gezag of its own
DENOMINATIES = (
    ("Openbaar", 1903), ("Rooms-Katholiek", 1819), ("Protestants-Christelijk", 1503),
    ("Algemeen bijzonder", 327), ("Reformatorisch", 163), ("Gereformeerd vrijgemaakt", 110),
    ("Islamitisch", 95), ("Antroposofisch", 79), ("Samenwerking PC, RK", 54),
    ("Interconfessioneel", 21), ("Evangelisch", 12), ("Samenwerking Opb., PC", 7),
    ("Hindoeïstisch", 6), ("Overige", 5),
)  # fmt: skip
PREFIX = {
    "Openbaar": ("OBS", "Openbare Basisschool", "Basisschool", "Kindcentrum", "IKC"),
    "Rooms-Katholiek": ("RKBS", "Basisschool", "Katholieke Basisschool", "KBS", "Kindcentrum"),
    "Protestants-Christelijk": ("CBS", "Christelijke Basisschool", "Basisschool",
                                "Protestants Christelijke Basisschool", "Kindcentrum"),
    "Antroposofisch": ("Vrije School",),
    "Islamitisch": ("Islamitische Basisschool",),
    "Reformatorisch": ("Reformatorische Basisschool", "School met de Bijbel"),
}  # fmt: skip
OTHER_PREFIX = ("Basisschool", "Kindcentrum", "Montessorischool", "Daltonschool", "IKC",
                "Samenwerkingsschool")  # fmt: skip
PO_CORES = (
    "De Regenboog", "De Wegwijzer", "Het Kompas", "De Springplank", "De Fontein", "De Vlinder",
    "De Zonnewijzer", "Sint Jozef", "De Bolster", "Prins Willem-Alexander", "Koningin Beatrix",
    "De Klimop", "Het Anker", "De Tweemaster", "De Meander", "De Kameleon", "De Wereldwijzer",
    "De Borgh", "De Verwondering", "Het Palet", "De Piramide", "De Horizon", "Het Mozaïek",
    "De Sterrenboog", "De Bron", "Het Talent", "De Notenbalk", "De Linde", "Sint Martinus",
    "De Lindeboom", "De Vuurtoren", "De Windroos", "Het Baken", "De Ark", "Sint Franciscus",
    "De Bijenkorf", "Het Klaverblad", "De Kleine Wereld", "Op de Groene Alm", "De Schatkist",
    "’t Palet", "’t Kompas", "‘t Ienster", "’t Hofke", "’t Schrijverke", "De Kiem",
)  # fmt: skip
QUOTED = ("De Maasparel", "Kla4", "de Fluessen")


@dataclass(frozen=True)
class PoVestiging:
    brin: str
    suffix: str
    bevoegd_gezag: str
    place: Place
    names: tuple[str, str]
    rename_year: int | None
    open_year: int | None
    close_year: int | None
    straatnaam: str
    huisnummer: str
    postcode: str
    telefoon: str
    internet: str
    denominatie: str
    correspondentie: tuple[str, str, str, str]

    @property
    def brin6(self) -> str:
        return self.brin + self.suffix

    def exists(self, year: int) -> bool:
        if self.open_year is not None and year < self.open_year:
            return False
        return self.close_year is None or year < self.close_year

    def name(self, year: int) -> str:
        if self.rename_year is not None and year >= self.rename_year:
            return self.names[1]
        return self.names[0]


def _name(rng: random.Random, denominatie: str) -> str:
    if rng.random() < 0.004:
        return f'Basisschool "{rng.choice(QUOTED)}"'
    core = rng.choice(PO_CORES)
    if rng.random() < 0.12:
        return core
    return f"{rng.choice(PREFIX.get(denominatie, OTHER_PREFIX))} {core}"


def country_size(scale: float) -> int:
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    return max(1, round(VESTIGINGEN_PER_SCALE * scale))


def iter_po_vestigingen(seed: int, scale: float) -> Iterator[PoVestiging]:
    """Every po vestiging (including ones that open later or closed), in BRIN6 order."""
    total = country_size(scale)
    vo = vo_index(seed, scale)
    mbo = mbo_country(seed, scale)
    taken = vo.brins | mbo.codes
    free = BRIN_SPACE - len(taken)
    groups_wanted = total / MEAN_GROUP
    mean_group = MEAN_GROUP
    if groups_wanted * 1.1 > free * 0.9:  # a country larger than the code space: bigger BRINs
        mean_group = total * 1.1 / (free * 0.9)
        groups_wanted = total / mean_group
    rng = random.Random(f"sto-synth|{seed}|po")
    slots = min(free, int(groups_wanted * 1.1) + 12)
    codes = spread(taken, 0, BRIN_SPACE, slots, rng)
    board_slots = int(groups_wanted * NEW_BOARD * 1.3) + 12
    boards = spread(vo.boards | {int(b.number) for b, _ in mbo.besturen}, BG_LOW, BG_HIGH,
                    board_slots, rng)  # fmt: skip
    made = group = 0
    board = ""
    corop: str | None = None
    denominatie = "Openbaar"
    while made < total:
        try:
            brin = brin_code(next(codes))
        except StopIteration:
            raise ValueError(f"scale {scale}: the po schools ran out of BRIN codes") from None
        forced = REQUIRED_COROP[group] if group < len(REQUIRED_COROP) else None
        if group == 0 or forced or rng.random() < NEW_BOARD:
            try:
                board = f"{next(boards):05d}"
            except StopIteration:
                raise ValueError(f"scale {scale}: ran out of bevoegd-gezag numbers") from None
            corop = forced or _pick_place(rng).corop
            denominatie = _weighted(rng, DENOMINATIES)
        size = 1
        if mean_group <= MEAN_GROUP:
            if rng.random() < 0.0185:
                size = rng.choice((2, 2, 2, 3, 4))
        else:
            size = max(1, min(99, round(rng.expovariate(1.0 / mean_group))))
        size = min(size, total - made)
        home = _pick_place(rng, corop)
        own = denominatie if rng.random() < 0.85 else _weighted(rng, DENOMINATIES)
        name = _name(rng, own)
        for member in range(size):
            place = home if member == 0 or rng.random() < 0.8 else _pick_place(rng, corop)
            member_name = name if member == 0 else f"{name} locatie {title(place.plaatsnaam)}"
            rename_year = rng.randint(*CHANGE_YEARS) if rng.random() < 0.05 else None
            new_name = _name(rng, own)
            if new_name == member_name:
                new_name = f"Kindcentrum {member_name}"
            open_year = close_year = None
            if rng.random() < 0.02:
                open_year = rng.randint(*CHANGE_YEARS)
            elif rng.random() < 0.03:
                close_year = rng.randint(*CHANGE_YEARS)
            straat = rng.choice(STREETS)
            huisnummer = str(rng.randint(1, 140))
            if rng.random() < 0.06:
                huisnummer += "-" + rng.choice("ABC")
            code = postcode(rng, place)
            telefoon = "" if rng.random() < 0.01 else f"0{rng.randint(100000000, 999999999)}"
            internet = "" if rng.random() < 0.1 else f"www.{slug(member_name)}.nl"
            roll = rng.random()
            if roll < 0.001:
                corr = ("", "", "", "")
            elif roll < 0.11:
                corr = ("Postbus", str(rng.randint(1, 9999)), postcode(rng, place),
                        place.plaatsnaam)  # fmt: skip
            else:
                corr = (straat, huisnummer, code, place.plaatsnaam)
            yield PoVestiging(
                brin=brin,
                suffix=f"{member:02d}",
                bevoegd_gezag=board,
                place=place,
                names=(member_name, new_name),
                rename_year=rename_year,
                open_year=open_year,
                close_year=close_year,
                straatnaam=straat,
                huisnummer=huisnummer,
                postcode=code,
                telefoon=telefoon,
                internet=internet,
                denominatie=own,
                correspondentie=corr,
            )
            made += 1
        group += 1
