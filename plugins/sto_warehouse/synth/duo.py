"""Synthetic DUO files, byte-shaped like DUO's own: the project's one generator for them.

One file layout per vintage of every publication in the registry (``registry/duo.toml``):

* vo address lists, ``duo_vo_vestigingen``: ``02.-alle-vestigingen-vo_<YYYY>-<MM>.csv`` (legacy:
  ';', Windows-1252, LF, unquoted, fixed-width padding of empty fields, BRIN NUMMER + 6-character
  VESTIGINGSNUMMER) for snapshots up to 2021, ``vestigingenvo_<YYYY>-<MM>.csv`` (CKAN: every field
  quoted, ',', UTF-8 with BOM, CRLF, INSTELLINGSCODE + VESTIGINGSCODE, VAKANTIEREGIO) from 2022;
  ``duo_vo_instellingen`` likewise (``01.-hoofdvestigingen-vo_`` / ``instellingenvo_``) and
  ``duo_vo_besturen`` (``besturenvo_``, CKAN layout for every snapshot);
* pupils, ``duo_vo_leerlingen_onderwijstype``:
  ``01.-leerlingen-vo-per-vestiging-naar-onderwijstype-<YYYY>.csv``, legacy (';', Windows-1252,
  LF, 2-digit VESTIGINGSNUMMER, ELEMENTCODE, exact counts) up to peiljaar 2022, and from 2023 the
  new vintage (quoted, ';', UTF-8 with BOM, CRLF, 1-2 character VESTIGINGSCODE,
  SAMENWERKINGSVERBAND, ERKENDE OPLEIDINGSCODE, counts 1-4 printed as '<5');
* exams, from the pupils of the final leerjaar (``exams``): 5-year windows
  ``examenkandidaten-en-geslaagden-<Y1>-<Y2>.csv`` (legacy up to windows ending 2021, then the
  INSTELLINGSCODE vintage with '<5'; overlapping windows repeat a school year's numbers except a
  few corrected cells in the newer one) and ``geslaagden-gezakten-en-cijfers-<Y1>-<Y2>.csv``;
* mbo (``mbo``): ``instellingenmbo_`` / ``besturenmbo_`` snapshots, the crebo lookup
  ``combinatie-erkende-opleidingscode-en-beroep-<Y1>-<Y2>.csv``, students
  ``<Y1>-<Y2>-03-studenten-per-instelling-...-niv.csv`` (long, JAAR column; overlapping windows
  agree except a few corrections; windows ending by 2023 in the INDICATIEAVG vintage) and ``<YYYY>-nieuw-instromende-studenten-...-vooro.csv``;
* ``bestemming-vo-gediplomeerden-<YYYY>.csv`` (``flows``): vmbo graduates per vestiging, leerweg
  and profiel to mbo crebos, havo or no education; cells of 1-4 are '<5' with destination 'XXXX';
* po address lists ``02.-alle-schoolvestigingen-basisonderwijs_<YYYY>-<MM>.csv`` (``po``).

Rows are written as they are generated (one vestiging, instelling or offering at a time), so
memory does not grow with the row count; what is held is the small mbo sector and the vo codes.
Output is a pure function of the arguments: the same arguments give the same bytes, and a file
whose bytes would not change is not rewritten (its mtime stays).
"""

from __future__ import annotations

import csv
import filecmp
import os
import re
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sto_warehouse.synth import exams, flows, mbo, orgs, po
from sto_warehouse.synth.country import VAKANTIEREGIO, iter_vestigingen
from sto_warehouse.synth.enrollment import vestiging_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sto_warehouse.synth.country import Place, Vestiging

LEERLINGEN = "duo_vo_leerlingen_onderwijstype"
VESTIGINGEN = "duo_vo_vestigingen"
VO_INSTELLINGEN = "duo_vo_instellingen"
VO_BESTUREN = "duo_vo_besturen"
EXAMENKANDIDATEN = "duo_vo_examenkandidaten"
EXAMENCIJFERS = "duo_vo_examencijfers"
MBO_INSTELLINGEN = "duo_mbo_instellingen"
MBO_BESTUREN = "duo_mbo_besturen"
MBO_STUDENTEN = "duo_mbo_studenten"
MBO_INSTROOM = "duo_mbo_instroom"
BESTEMMING = "duo_vo_bestemming"
CREBO = "duo_crebo_sectorkamer"
PO_VESTIGINGEN = "duo_po_vestigingen"
DATASETS = (
    VESTIGINGEN, LEERLINGEN, VO_INSTELLINGEN, VO_BESTUREN, PO_VESTIGINGEN, MBO_INSTELLINGEN,
    MBO_BESTUREN, CREBO, MBO_STUDENTEN, MBO_INSTROOM, EXAMENKANDIDATEN, EXAMENCIJFERS, BESTEMMING,
)  # fmt: skip

# Headers exactly as DUO publishes them (tests check them against the registry vintages).
_ADDRESS_TAIL = [
    "VESTIGINGSNAAM", "STRAATNAAM", "HUISNUMMER-TOEVOEGING", "POSTCODE", "PLAATSNAAM",
    "GEMEENTENUMMER", "GEMEENTENAAM", "DENOMINATIE", "TELEFOONNUMMER", "INTERNETADRES",
    "ONDERWIJSSTRUCTUUR", "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES", "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES", "NODAAL GEBIED CODE", "NODAAL GEBIED NAAM",
    "RPA-GEBIED CODE", "RPA-GEBIED NAAM", "WGR-GEBIED CODE", "WGR-GEBIED NAAM",
    "COROPGEBIED CODE", "COROPGEBIED NAAM", "ONDERWIJSGEBIED CODE", "ONDERWIJSGEBIED NAAM",
    "RMC-REGIO CODE", "RMC-REGIO NAAM",
]  # fmt: skip
ADDRESS_LEGACY_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "VESTIGINGSNUMMER", *_ADDRESS_TAIL,
]  # fmt: skip
ADDRESS_CKAN_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "VESTIGINGSCODE", *_ADDRESS_TAIL,
    "VAKANTIEREGIO",
]  # fmt: skip
COUNT_HEADER = [
    f"LEER- OF VERBLIJFSJAAR {lj} - {sex}" for lj in range(1, 7) for sex in ("MAN", "VROUW")
]
LEERLINGEN_LEGACY_HEADER = [
    "BRIN NUMMER", "VESTIGINGSNUMMER", "INSTELLINGSNAAM VESTIGING", "PLAATSNAAM VESTIGING",
    "PROVINCIE VESTIGING", "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR", "VMBO SECTOR", "AFDELING",
    "ELEMENTCODE", "OPLEIDINGSNAAM", *COUNT_HEADER,
]  # fmt: skip
LEERLINGEN_NEW_HEADER = [
    "INSTELLINGSCODE", "VESTIGINGSCODE", "INSTELLINGSNAAM VESTIGING", "PLAATSNAAM VESTIGING",
    "PROVINCIE VESTIGING", "SAMENWERKINGSVERBAND PASSEND ONDERWIJS VO",
    "ONDERWIJSTYPE VO EN LEER- OF VERBLIJFSJAAR", "VMBO SECTOR", "AFDELING",
    "ERKENDE OPLEIDINGSCODE", "OPLEIDINGSNAAM", *COUNT_HEADER,
]  # fmt: skip

_ORG_TAIL = _ADDRESS_TAIL[1:]  # an instelling's address columns: no VESTIGINGSNAAM
VO_INSTELLINGEN_LEGACY_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "INSTELLINGSNAAM", *_ORG_TAIL,
]  # fmt: skip
VO_INSTELLINGEN_CKAN_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "INSTELLINGSNAAM", *_ORG_TAIL,
]  # fmt: skip
MBO_INSTELLINGEN_HEADER = [h for h in VO_INSTELLINGEN_CKAN_HEADER if h != "ONDERWIJSSTRUCTUUR"]
BESTUREN_HEADER = [
    "BEVOEGD GEZAG NUMMER", "BEVOEGD GEZAG NAAM", "STRAATNAAM", "HUISNUMMER-TOEVOEGING",
    "POSTCODE", "PLAATSNAAM", "GEMEENTENUMMER", "GEMEENTENAAM", "DENOMINATIE", "TELEFOONNUMMER",
    "INTERNETADRES", "STRAATNAAM CORRESPONDENTIEADRES",
    "HUISNUMMER-TOEVOEGING CORRESPONDENTIEADRES", "POSTCODE CORRESPONDENTIEADRES",
    "PLAATSNAAM CORRESPONDENTIEADRES", "ADMINISTRATIEKANTOORNUMMER", "KVK-NUMMER",
]  # fmt: skip
_PO_TAIL = [h for h in _ADDRESS_TAIL if h != "ONDERWIJSSTRUCTUUR"]
PO_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "INSTELLINGSCODE", "VESTIGINGSCODE", *_PO_TAIL,
    "VAKANTIEREGIO",
]  # fmt: skip
PO_LEGACY_HEADER = [
    "PROVINCIE", "BEVOEGD GEZAG NUMMER", "BRIN NUMMER", "VESTIGINGSNUMMER", *_PO_TAIL,
]  # fmt: skip
EXAM_LEGACY_IDENT = [
    "BRIN NUMMER", "VESTIGINGSNUMMER", "INSTELLINGSNAAM VESTIGING", "GEMEENTENAAM",
    "ONDERWIJSTYPE VO", "INSPECTIECODE", "OPLEIDINGSNAAM",
]  # fmt: skip
EXAM_NEW_IDENT = [
    "INSTELLINGSCODE", "VESTIGINGSCODE", "INSTELLINGSNAAM", "GEMEENTENAAM", "ONDERWIJSTYPE",
    "INSPECTIECODE", "OPLEIDINGSNAAM",
]  # fmt: skip
EXAM_SEXES = ("MAN", "VROUW", "ONBEKEND", "TOTAAL")
CIJFERS_LEGACY_HEADER = [
    "BRIN NUMMER", "VESTIGINGSNUMMER", "INSTELLINGSNAAM VESTIGING", "GEMEENTENAAM VESTIGING",
    "PROVINCIE VESTIGING", "ONDERWIJSTYPE VO", "LEERWEG VMBO", "VMBO SECTOR", "AFDELING",
    "EXAMENKANDIDATEN", "GESLAAGDEN", "GEZAKTEN", "GEMIDDELD CIJFER SCHOOLEXAMEN",
    "GEMIDDELD CIJFER CENTRAAL EXAMEN", "GEMIDDELD CIJFER CIJFERLIJST",
]  # fmt: skip
CIJFERS_NEW_HEADER = [
    "INSTELLINGSCODE", "VESTIGINGSCODE",
    *[h for h in CIJFERS_LEGACY_HEADER[2:] if h != "PROVINCIE VESTIGING"],
]  # fmt: skip
CREBO_HEADER = [  # mixed case, as DUO spells the known columns (header matching ignores case)
    "Erkende opleidingscode", "Erkende opleidingsnaam", "Niveau", "Hoofdgroep code",
    "Hoofdgroep naam", "Subgroep code", "Subgroep naam", "Dossier code", "Dossier naam",
    "Sectorkamer naam", "Beroepcode", "Beroepnaam",
]  # fmt: skip
STUDENTEN_HEADER = [
    "JAAR", "PROVINCIE INSTELLING", "INSTELLINGSCODE", "INSTELLINGSNAAM", "PLAATSNAAM INSTELLING",
    "SECTORKAMER NAAM", "LEERWEG", "ERKENDE OPLEIDINGSCODE", "ERKENDE OPLEIDINGSNAAM", "NIVEAU",
    "GESLACHT", "AANTAL STUDENTEN",
]  # fmt: skip
STUDENTEN_AVG_HEADER = [*STUDENTEN_HEADER, "INDICATIEAVG"]
INSTROOM_HEADER = [
    "VOOROPLEIDING VO", "VOOROPLEIDING MBO", "INDICATIE KLEINE OPLEIDING", "INSTELLINGSCODE",
    "INSTELLINGSNAAM", "HOOFDGROEP CODE", "HOOFDGROEP NAAM", "NIVEAU", "LEERWEG",
    "BEROEPSOPLEIDING CODE", "BEROEPSOPLEIDING NAAM", "TOTAAL MBO", "INSTROOM MBO",
    "INSTROOM OPLEIDING",
]  # fmt: skip
BESTEMMING_HEADER = [
    "DIPLOMAJAAR", "INSTELLINGSCODE", "VESTIGINGSCODE", "INSTELLINGSNAAM VESTIGING",
    "GEMEENTENAAM VESTIGING", "ONDERWIJSTYPE VO", "LEERWEG VMBO", "AFDELING", "BESTEMMING",
    "INSTELLINGSCODE BESTEMMING", "INSTELLINGSNAAM BESTEMMING", "GEMEENTENAAM BESTEMMING",
    "ERKENDE OPLEIDINGSCODE BESTEMMING", "NIVEAU BESTEMMING", "AANTAL GEDIPLOMEERDEN",
]  # fmt: skip


def exam_header(y1: int, legacy: bool) -> list[str]:
    """The 5-year window Y1-(Y1+5): 7 columns, then per school year x sex three columns."""
    header = list(EXAM_LEGACY_IDENT if legacy else EXAM_NEW_IDENT)
    for s in range(y1, y1 + EXAM_WINDOW):
        for sex in EXAM_SEXES:
            header += [
                f"EXAMENKANDIDATEN SCHOOLJAAR {s}-{s + 1} - {sex}",
                f"GESLAAGDEN SCHOOLJAAR {s}-{s + 1} - {sex}",
                f"SLAAGPERC SCHOOLJAAR {s}-{s + 1} - {sex}",
            ]
    return header


LAST_LEGACY_ADDRESS_YEAR = 2021  # address snapshots up to 2021: duo.nl legacy; from 2022: CKAN
LAST_LEGACY_LEERLINGEN_YEAR = 2022  # peiljaar up to 2022: legacy; from 2023: new vintage
LAST_LEGACY_EXAM_YEAR = 2021  # exam files whose last school year ends by 2021: legacy vintage
LAST_LEGACY_PO_YEAR = 2021  # po address snapshots up to 2021: BRIN NUMMER vintage
EXAM_WINDOW = 5  # school years per examenkandidaten file
STUDENTEN_WINDOW = 5  # JAAR values per mbo-studenten file
# mbo-studenten windows ending by 2023: the older API convention (a count below 5 printed as 4
# with INDICATIEAVG = 'J'); later windows: CKAN long format with '<5'.
LAST_INDICATIEAVG_YEAR = 2023
# Fixed widths DUO pads empty legacy address fields to (seen in alle-vestigingen-vo_2020-12.csv).
PAD = {"telefoon": 10, "internet": 80, "straat": 24, "huisnummer": 12, "postcode": 7, "plaats": 24}
FAULTY_SAMPLE = "01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017.csv"
SAMPLE_PEILJAREN = range(2018, 2024)
SAMPLE_SNAPSHOTS = ("2018-12", "2021-12", "2022-12", "2023-12")
_SNAPSHOT = re.compile(r"^((?:19|20)\d{2})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Format:
    encoding: str
    delimiter: str
    lineterminator: str
    quoting: int


LEGACY = Format("cp1252", ";", "\n", csv.QUOTE_MINIMAL)
CKAN_ADDRESS = Format("utf-8-sig", ",", "\r\n", csv.QUOTE_ALL)
NEW_LEERLINGEN = Format("utf-8-sig", ";", "\r\n", csv.QUOTE_ALL)
PO_FORMAT = Format("cp1252", ";", "\r\n", csv.QUOTE_MINIMAL)  # like the real August 2026 file
EXAM_NEW = Format("utf-8-sig", ";", "\r\n", csv.QUOTE_MINIMAL)
CREBO_FORMAT = Format("cp1252", ";", "\r\n", csv.QUOTE_MINIMAL)
CKAN_NO_BOM = Format("utf-8", ",", "\r\n", csv.QUOTE_ALL)  # mbo-studenten (CKAN datastore)
INSTROOM_FORMAT = Format("utf-8", ";", "\n", csv.QUOTE_MINIMAL)
BESTEMMING_FORMAT = Format("utf-8", ";", "\r\n", csv.QUOTE_MINIMAL)


@dataclass(frozen=True)
class Written:
    path: Path
    dataset: str
    period: str
    rows: int
    changed: bool  # False: the file already held exactly these bytes and was left alone


# -- writing --------------------------------------------------------------------------------------


class _Sink:
    """One output file: rows stream into a dot-named .tmp file (the ingest pipeline ignores it
    while it is being written), which replaces the file only if the bytes differ."""

    def __init__(self, path: Path, fmt: Format, header: list[str]) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        self.count = 0
        self._fh = self.tmp.open("w", encoding=fmt.encoding, newline="")
        self._writer = csv.writer(
            self._fh,
            delimiter=fmt.delimiter,
            quotechar='"',
            quoting=fmt.quoting,
            lineterminator=fmt.lineterminator,
        )
        self._writer.writerow(header)

    def write(self, row: list[str]) -> None:
        self._writer.writerow(row)
        self.count += 1

    def finish(self) -> tuple[int, bool]:
        self._fh.close()
        if self.path.exists() and filecmp.cmp(self.tmp, self.path, shallow=False):
            self.tmp.unlink()
            return self.count, False
        os.replace(self.tmp, self.path)
        return self.count, True

    def discard(self) -> None:
        self._fh.close()
        self.tmp.unlink(missing_ok=True)


def _write(
    path: Path, fmt: Format, header: list[str], rows: Iterable[list[str]]
) -> tuple[int, bool]:
    """Stream rows into a temporary file, then replace ``path`` only if the bytes differ."""
    sink = _Sink(path, fmt, header)
    try:
        for row in rows:
            sink.write(row)
        return sink.finish()
    finally:
        sink.discard()


def _school_year(snapshot: str) -> int:
    match = _SNAPSHOT.match(snapshot)
    if not match:
        raise ValueError(f"snapshot {snapshot!r} is not YYYY-MM")
    year, month = int(match.group(1)), int(match.group(2))
    return year if month >= 8 else year - 1  # a school year starts on 1 August


# -- address lists --------------------------------------------------------------------------------


def address_filename(snapshot: str) -> str:
    _school_year(snapshot)
    if int(snapshot[:4]) <= LAST_LEGACY_ADDRESS_YEAR:
        return f"02.-alle-vestigingen-vo_{snapshot}.csv"
    return f"vestigingenvo_{snapshot}.csv"


def _address_rows(seed: int, scale: float, snapshot: str, legacy: bool) -> Iterator[list[str]]:
    school_year = _school_year(snapshot)

    def pad(value: str, key: str) -> str:
        return value if value or not legacy else " " * PAD[key]

    for v in iter_vestigingen(seed, scale):
        if not v.exists(school_year):
            continue
        place = v.place
        straat, huisnummer, postcode, plaats = v.correspondentie
        row = [
            place.provincie,
            v.bevoegd_gezag,
            v.brin,
            v.brin6,
            v.name(school_year),
            v.straatnaam,
            v.huisnummer,
            v.postcode,
            place.plaatsnaam,
            place.gemeentenummer,
            place.gemeentenaam,
            v.denominatie,
            pad(v.telefoon, "telefoon"),
            pad(v.internet, "internet"),
            v.structure,
            pad(straat, "straat"),
            pad(huisnummer, "huisnummer"),
            pad(postcode, "postcode"),
            pad(plaats, "plaats"),
        ]
        for kind in ("nodaal", "rpa", "wgr", "corop", "onderwijsgebied", "rmc"):
            row.extend(place.area(kind))
        if not legacy:
            row.append(VAKANTIEREGIO[place.provincie])
        yield row


def write_addresses(out_dir: Path, snapshot: str, *, seed: int, scale: float) -> Written:
    legacy = int(snapshot[:4]) <= LAST_LEGACY_ADDRESS_YEAR
    path = Path(out_dir) / address_filename(snapshot)
    rows, changed = _write(
        path,
        LEGACY if legacy else CKAN_ADDRESS,
        ADDRESS_LEGACY_HEADER if legacy else ADDRESS_CKAN_HEADER,
        _address_rows(seed, scale, snapshot, legacy),
    )
    return Written(path, VESTIGINGEN, snapshot, rows, changed)


# -- pupils ---------------------------------------------------------------------------------------


def leerlingen_filename(peiljaar: int) -> str:
    return f"01.-leerlingen-vo-per-vestiging-naar-onderwijstype-{peiljaar}.csv"


def _suppress(count: int) -> str:
    return "<5" if 1 <= count <= 4 else str(count)


def _leerlingen_rows(
    seed: int, scale: float, peiljaar: int, legacy: bool, drop: str | None = None
) -> Iterator[list[str]]:
    drop_at = LEERLINGEN_LEGACY_HEADER.index(drop) if drop else -1
    for v in iter_vestigingen(seed, scale):
        rows = vestiging_rows(v, peiljaar, seed)
        if not rows:
            continue
        ident = _leerlingen_ident(v, peiljaar, legacy)
        for onderwijstype, sector, afdeling, code, naam, counts in rows:
            if legacy:
                row = [*ident, onderwijstype, sector, afdeling, code, naam]
                row += [str(c) for c in counts]
                if drop_at >= 0:
                    del row[drop_at]
            else:
                row = [*ident, onderwijstype, sector, afdeling, code, naam]
                row += [_suppress(c) for c in counts]
            yield row


def _leerlingen_ident(v: Vestiging, peiljaar: int, legacy: bool) -> list[str]:
    name, plaats, provincie = v.name(peiljaar), v.place.plaatsnaam, v.place.provincie
    if legacy:
        return [v.brin, v.suffix, name, plaats, provincie]
    return [v.brin, str(int(v.suffix)), name, plaats, provincie, v.swv]


def write_leerlingen(
    out_dir: Path,
    peiljaar: int,
    *,
    seed: int,
    scale: float,
    drop_column: str | None = None,
    filename: str | None = None,
) -> Written:
    """One peiljaar of pupils; ``drop_column`` removes a legacy column (faulty fixtures)."""
    legacy = peiljaar <= LAST_LEGACY_LEERLINGEN_YEAR or drop_column is not None
    header = list(LEERLINGEN_LEGACY_HEADER if legacy else LEERLINGEN_NEW_HEADER)
    if drop_column:
        header.remove(drop_column)
    path = Path(out_dir) / (filename or leerlingen_filename(peiljaar))
    rows, changed = _write(
        path,
        LEGACY if legacy else NEW_LEERLINGEN,
        header,
        _leerlingen_rows(seed, scale, peiljaar, legacy, drop_column),
    )
    return Written(path, LEERLINGEN, str(peiljaar), rows, changed)


# -- organisations: vo instellingen and besturen, mbo, po ----------------------------------------


def _legacy_snapshot(snapshot: str) -> bool:
    return int(snapshot[:4]) <= LAST_LEGACY_ADDRESS_YEAR


def _org_cells(
    place: Place,
    straat: str,
    huisnummer: str,
    postcode: str,
    denominatie: str,
    telefoon: str,
    internet: str,
    structure: str | None,
    corr: tuple[str, str, str, str],
    fill: Callable[[str, str], str],
) -> list[str]:
    """STRAATNAAM .. RMC-REGIO NAAM of an address list (ONDERWIJSSTRUCTUUR when not None)."""
    cells = [
        fill(straat, "straat"),
        fill(huisnummer, "huisnummer"),
        fill(postcode, "postcode"),
        place.plaatsnaam,
        place.gemeentenummer,
        place.gemeentenaam,
        denominatie,
        fill(telefoon, "telefoon"),
        fill(internet, "internet"),
    ]
    if structure is not None:
        cells.append(structure)
    cells += [fill(value, key) for value, key in zip(corr, _CORR_KEYS, strict=True)]
    return cells + orgs.area_cells(place)


_CORR_KEYS = ("straat", "huisnummer", "postcode", "plaats")


def _padded(value: str, key: str) -> str:
    return value if value else " " * PAD[key]


def _plain(value: str, key: str) -> str:
    return value


def _space(value: str, key: str) -> str:
    return value or " "


def _vo_instellingen_rows(seed: int, scale: float, snapshot: str) -> Iterator[list[str]]:
    year, legacy = _school_year(snapshot), _legacy_snapshot(snapshot)
    fill = _padded if legacy else _plain
    for group in orgs.iter_brin_groups(seed, scale):
        existing = [v for v in group if v.exists(year)]
        if not existing:
            continue
        main = existing[0]
        yield [
            main.place.provincie,
            main.bevoegd_gezag,
            main.brin,
            main.name(year),
            *_org_cells(
                main.place, main.straatnaam, main.huisnummer, main.postcode, main.denominatie,
                main.telefoon, main.internet, orgs.structure_of(existing), main.correspondentie,
                fill,
            ),
        ]  # fmt: skip


def _bestuur_row(b: orgs.Bestuur, year: int) -> list[str]:
    return [
        b.number,
        b.name(year),
        b.straatnaam,
        b.huisnummer,
        b.postcode,
        b.place.plaatsnaam,
        b.place.gemeentenummer,
        b.place.gemeentenaam,
        b.denominatie,
        b.telefoon,
        b.internet,
        *b.correspondentie,
        b.administratiekantoor,
        b.kvk,
    ]


def _vo_besturen_rows(seed: int, scale: float, snapshot: str) -> Iterator[list[str]]:
    year = _school_year(snapshot)
    for group in orgs.iter_board_groups(seed, scale):
        if any(v.exists(year) for v in group):
            yield _bestuur_row(orgs.vo_bestuur(seed, group), year)


def _mbo_instellingen_rows(seed: int, scale: float, snapshot: str) -> Iterator[list[str]]:
    year = _school_year(snapshot)
    for inst in mbo.mbo_country(seed, scale).instellingen:
        yield [
            inst.place.provincie,
            inst.bestuur,
            inst.code,
            inst.name(year),
            *_org_cells(
                inst.place, inst.straatnaam, inst.huisnummer, inst.postcode, inst.denominatie,
                inst.telefoon, inst.internet, None, inst.correspondentie, _plain,
            ),
        ]  # fmt: skip


def _mbo_besturen_rows(seed: int, scale: float, snapshot: str) -> Iterator[list[str]]:
    year = _school_year(snapshot)
    for bestuur, _members in mbo.mbo_country(seed, scale).besturen:
        yield _bestuur_row(bestuur, year)


def _po_rows(seed: int, scale: float, snapshot: str) -> Iterator[list[str]]:
    year = _school_year(snapshot)
    legacy = int(snapshot[:4]) <= LAST_LEGACY_PO_YEAR
    fill = _padded if legacy else _space
    for v in po.iter_po_vestigingen(seed, scale):
        if not v.exists(year):
            continue
        row = [
            v.place.provincie,
            v.bevoegd_gezag,
            v.brin,
            v.brin6,
            v.name(year),
            *_org_cells(
                v.place, v.straatnaam, v.huisnummer, v.postcode, v.denominatie, v.telefoon,
                v.internet, None, v.correspondentie, fill,
            ),
        ]  # fmt: skip
        if not legacy:
            row.append(VAKANTIEREGIO[v.place.provincie])
        yield row


# -- mbo students -----------------------------------------------------------------------------------


def crebo_filename(year: int) -> str:
    return f"combinatie-erkende-opleidingscode-en-beroep-{year}-{year + 1}.csv"


def studenten_filename(y1: int) -> str:
    return (
        f"{y1}-{y1 + STUDENTEN_WINDOW - 1}-03-studenten-per-instelling-plaats-van-de-instelling-"
        "sectorkamer-leerweg-opleiding-niv.csv"
    )


def instroom_filename(year: int) -> str:
    return (
        f"{year}-nieuw-instromende-studenten-per-instelling-hoofdgroep-leerweg-"
        "beroepsopleiding-niveau-vooro.csv"
    )


def _crebo_rows(year: int) -> Iterator[list[str]]:
    for c in mbo.catalogue():
        if not c.offered(year):
            continue
        for beroepcode, beroepnaam in c.beroepen:
            yield [
                c.code, c.naam, str(c.niveau), *c.hoofdgroep, *c.subgroep, *c.dossier,
                c.sectorkamer, beroepcode, beroepnaam,
            ]  # fmt: skip


def _studenten_rows(seed: int, scale: float, y1: int) -> Iterator[list[str]]:
    last = y1 + STUDENTEN_WINDOW - 1
    avg = last <= LAST_INDICATIEAVG_YEAR
    country = mbo.mbo_country(seed, scale)
    for jaar in range(y1, last + 1):
        for inst in country.instellingen:
            ident = [str(jaar), inst.place.provincie, inst.code, inst.name(jaar),
                     inst.place.plaatsnaam]  # fmt: skip
            for offering in inst.offerings:
                c = offering.crebo
                for leerweg, geslacht, count, fixed in mbo.students(seed, inst, offering, jaar):
                    value = fixed if jaar < last else count  # a later window corrects
                    if not value:
                        continue
                    row = [*ident, c.sectorkamer, leerweg, c.code, c.naam, str(c.niveau), geslacht]
                    if avg:
                        yield [*row, "4", "J"] if value < 5 else [*row, str(value), "N"]
                    else:
                        yield [*row, _suppress(value)]


def _instroom_rows(seed: int, scale: float, year: int) -> Iterator[list[str]]:
    for inst in mbo.mbo_country(seed, scale).instellingen:
        for offering in inst.offerings:
            c = offering.crebo
            for vo, prior, leerweg, n_opl, n_mbo, totaal in mbo.instroom(
                seed, inst, offering, year
            ):
                yield [
                    vo, prior, "J" if totaal < 20 else "N", inst.code, inst.name(year),
                    *c.hoofdgroep, str(c.niveau), leerweg, c.code, c.naam, _suppress(totaal),
                    _suppress(n_mbo), _suppress(n_opl),
                ]  # fmt: skip


# -- exams and destinations: one pass over the vo country ------------------------------------------


def exam_filename(y1: int) -> str:
    return f"examenkandidaten-en-geslaagden-{y1}-{y1 + EXAM_WINDOW}.csv"


def cijfers_filename(year: int) -> str:
    return f"geslaagden-gezakten-en-cijfers-{year}-{year + 1}.csv"


def bestemming_filename(diplomajaar: int) -> str:
    return f"bestemming-vo-gediplomeerden-{diplomajaar}.csv"


def percentage(passed: int, candidates: int) -> str:
    """DUO's pass percentage: '92,5%', '100,0%', and ',0%' for zero (or no candidates)."""
    if candidates <= 0:
        return ",0%"
    text = f"{100.0 * passed / candidates:.1f}".replace(".", ",")
    return (text[1:] if text.startswith("0,") else text) + "%"


def _window_rows(v: Vestiging, y1: int, seed: int) -> Iterator[list[str]]:
    years = range(y1, y1 + EXAM_WINDOW)
    last = years[-1]
    if not any(v.exists(s) for s in years):
        return
    legacy = last + 1 <= LAST_LEGACY_EXAM_YEAR
    show = str if legacy else _suppress
    cells = {s: exams.window_cells(v, s, seed, corrected=s < last) for s in years}
    keys = sorted({k for per_year in cells.values() for k in per_year}, key=lambda k: (k[0], k[1]))
    ident = [v.brin, v.brin6, v.name(last), v.place.gemeentenaam]
    empty = exams.WindowCell((0, 0), (0, 0))
    for key in keys:
        row = [*ident, *key]
        for s in years:
            cell = cells[s].get(key, empty)
            (cm, cv), (pm, pv) = cell.candidates, cell.passed
            for c, p in ((cm, pm), (cv, pv), (0, 0), (cm + cv, pm + pv)):
                row += [show(c), show(p), percentage(p, c)]
        yield row


def _cijfers_rows(v: Vestiging, year: int, seed: int) -> Iterator[list[str]]:
    legacy = year + 1 <= LAST_LEGACY_EXAM_YEAR
    ident = [v.brin, v.brin6, v.name(year), v.place.gemeentenaam]
    if legacy:
        ident.append(v.place.provincie)
    for u in exams.exam_units(v, year, seed):
        candidates, passed = sum(u.candidates), sum(u.passed)
        yield [
            *ident, u.onderwijstype, u.leerweg, u.sector, u.afdeling, str(candidates),
            str(passed), str(candidates - passed), *u.grades,
        ]  # fmt: skip


def _bestemming_rows(
    v: Vestiging, diplomajaar: int, seed: int, country: mbo.MboCountry, vo: orgs.VoIndex
) -> Iterator[list[str]]:
    rows = flows.bestemming_rows(v, diplomajaar, seed, country, vo)
    if rows:
        ident = [str(diplomajaar), v.brin, v.brin6, v.name(diplomajaar - 1),
                 v.place.gemeentenaam, "VMBO"]  # fmt: skip
        for row in rows:
            yield [*ident, *row]


def write_vo_outcomes(
    out_dir: Path,
    *,
    seed: int,
    scale: float,
    windows: Iterable[int] = (),
    cijfer_years: Iterable[int] = (),
    bestemming_years: Iterable[int] = (),
) -> list[Written]:
    """Exam windows, exam grades and graduate destinations in one pass over the vo country
    (each vestiging's exam results are computed once per school year for all three)."""
    windows, cijfer_years = list(windows), list(cijfer_years)
    bestemming_years = list(bestemming_years)
    targets: list[tuple[str, str, Path, Format, list[str], Callable]] = []
    for y1 in windows:
        legacy = y1 + EXAM_WINDOW <= LAST_LEGACY_EXAM_YEAR
        targets.append((
            EXAMENKANDIDATEN, f"{y1}-{y1 + EXAM_WINDOW}", Path(out_dir) / exam_filename(y1),
            LEGACY if legacy else EXAM_NEW, exam_header(y1, legacy),
            lambda v, y=y1: _window_rows(v, y, seed),
        ))  # fmt: skip
    for year in cijfer_years:
        legacy = year + 1 <= LAST_LEGACY_EXAM_YEAR
        targets.append((
            EXAMENCIJFERS, f"{year}-{year + 1}", Path(out_dir) / cijfers_filename(year),
            LEGACY if legacy else EXAM_NEW,
            CIJFERS_LEGACY_HEADER if legacy else CIJFERS_NEW_HEADER,
            lambda v, y=year: _cijfers_rows(v, y, seed),
        ))  # fmt: skip
    if bestemming_years:
        country, vo = mbo.mbo_country(seed, scale), orgs.vo_index(seed, scale)
        for year in bestemming_years:
            targets.append((
                BESTEMMING, str(year), Path(out_dir) / bestemming_filename(year),
                BESTEMMING_FORMAT, BESTEMMING_HEADER,
                lambda v, y=year: _bestemming_rows(v, y, seed, country, vo),
            ))  # fmt: skip
    if not targets:
        return []
    with ExitStack() as stack:
        sinks = []
        for _, _, path, fmt, header, _ in targets:
            sink = _Sink(path, fmt, header)
            stack.callback(sink.discard)
            sinks.append(sink)
        for v in iter_vestigingen(seed, scale):
            for sink, target in zip(sinks, targets, strict=True):
                for row in target[5](v):
                    sink.write(row)
        finished = [sink.finish() for sink in sinks]
    exams.exam_units.cache_clear()
    exams.window_cells.cache_clear()
    return [
        Written(path, dataset, period, rows, changed)
        for (dataset, period, path, *_), (rows, changed) in zip(targets, finished, strict=True)
    ]


# -- public API -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Which periods of which publication to write."""

    snapshots: tuple[str, ...] = ()  # vo vestigingen, instellingen and besturen (YYYY-MM)
    leerlingen: tuple[int, ...] = ()  # peiljaren
    po_snapshots: tuple[str, ...] = ()
    mbo_snapshots: tuple[str, ...] = ()  # mbo instellingen and besturen
    crebo_years: tuple[int, ...] = ()  # school year Y-(Y+1) of the crebo lookup
    studenten_windows: tuple[int, ...] = ()  # first JAAR of a 5-year mbo-studenten file
    instroom_years: tuple[int, ...] = ()
    exam_windows: tuple[int, ...] = ()  # first school year of a 5-year exam window
    cijfer_years: tuple[int, ...] = ()  # school year Y-(Y+1)
    bestemming_years: tuple[int, ...] = ()  # diploma years

    def validate(self) -> None:
        for snapshot in (*self.snapshots, *self.po_snapshots, *self.mbo_snapshots):
            _school_year(snapshot)


def default_snapshots(peiljaren: range) -> list[str]:
    """One December snapshot per peiljaar, plus the latest: September after the last peiljaar."""
    years = list(peiljaren)
    if not years:
        return []
    return [f"{y}-12" for y in years] + [f"{max(years) + 1}-09"]


def default_plan(peiljaren: range, snapshots: list[str] | None = None) -> Plan:
    """Every publication for the peiljaren: exam school years and mbo years are the peiljaren,
    exam windows every 5 consecutive of them, mbo-studenten the last two 5-year windows."""
    years = tuple(peiljaren)
    snaps = tuple(default_snapshots(peiljaren) if snapshots is None else snapshots)
    windows = tuple(y for y in years if y + EXAM_WINDOW - 1 in years)
    studenten = tuple(y for y in years if y + STUDENTEN_WINDOW - 1 in years)[-2:]
    return Plan(
        snapshots=snaps,
        leerlingen=years,
        po_snapshots=snaps,
        mbo_snapshots=snaps,
        crebo_years=years,
        studenten_windows=studenten,
        instroom_years=years,
        exam_windows=windows,
        cijfer_years=years,
        bestemming_years=tuple(y + 1 for y in years),
    )


def _check_datasets(datasets: Iterable[str] | None) -> frozenset[str]:
    if datasets is None:
        return frozenset(DATASETS)
    chosen = frozenset(datasets)
    unknown = sorted(chosen - set(DATASETS))
    if unknown:
        raise ValueError(f"unknown dataset(s) {', '.join(unknown)}; known: {', '.join(DATASETS)}")
    return chosen


def _snapshot_writer(dataset: str, filename: Callable[[str], str], rows, fmt: Callable):
    def write(out_dir: Path, snapshot: str, seed: int, scale: float) -> Written:
        fmt_, header = fmt(snapshot)
        count, changed = _write(
            Path(out_dir) / filename(snapshot), fmt_, header, rows(seed, scale, snapshot)
        )
        return Written(Path(out_dir) / filename(snapshot), dataset, snapshot, count, changed)

    return write


write_vo_instellingen = _snapshot_writer(
    VO_INSTELLINGEN,
    lambda s: (
        f"01.-hoofdvestigingen-vo_{s}.csv" if _legacy_snapshot(s) else f"instellingenvo_{s}.csv"
    ),
    _vo_instellingen_rows,
    lambda s: (
        (LEGACY, VO_INSTELLINGEN_LEGACY_HEADER)
        if _legacy_snapshot(s)
        else (CKAN_ADDRESS, VO_INSTELLINGEN_CKAN_HEADER)
    ),
)
write_vo_besturen = _snapshot_writer(
    VO_BESTUREN, lambda s: f"besturenvo_{s}.csv", _vo_besturen_rows,
    lambda s: (CKAN_ADDRESS, BESTUREN_HEADER),
)  # fmt: skip
write_mbo_instellingen = _snapshot_writer(
    MBO_INSTELLINGEN, lambda s: f"instellingenmbo_{s}.csv", _mbo_instellingen_rows,
    lambda s: (CKAN_ADDRESS, MBO_INSTELLINGEN_HEADER),
)  # fmt: skip
write_mbo_besturen = _snapshot_writer(
    MBO_BESTUREN, lambda s: f"besturenmbo_{s}.csv", _mbo_besturen_rows,
    lambda s: (CKAN_ADDRESS, BESTUREN_HEADER),
)  # fmt: skip
write_po = _snapshot_writer(
    PO_VESTIGINGEN, lambda s: f"02.-alle-schoolvestigingen-basisonderwijs_{s}.csv", _po_rows,
    lambda s: (LEGACY, PO_LEGACY_HEADER)
    if int(s[:4]) <= LAST_LEGACY_PO_YEAR
    else (PO_FORMAT, PO_HEADER),
)  # fmt: skip


def write_plan(
    out_dir: Path,
    plan: Plan,
    *,
    seed: int = 2026,
    scale: float = 1.0,
    datasets: Iterable[str] | None = None,
) -> list[Written]:
    """Write the plan's files of the chosen datasets (None: all) into ``out_dir``."""
    chosen = _check_datasets(datasets)
    plan.validate()
    out_dir = Path(out_dir)
    written: list[Written] = []

    def each(dataset: str, periods, write) -> None:
        if dataset in chosen:
            written.extend(write(period) for period in periods)

    each(VESTIGINGEN, plan.snapshots, lambda s: write_addresses(out_dir, s, seed=seed, scale=scale))
    each(
        LEERLINGEN, plan.leerlingen, lambda y: write_leerlingen(out_dir, y, seed=seed, scale=scale)
    )
    each(VO_INSTELLINGEN, plan.snapshots, lambda s: write_vo_instellingen(out_dir, s, seed, scale))
    each(VO_BESTUREN, plan.snapshots, lambda s: write_vo_besturen(out_dir, s, seed, scale))
    each(PO_VESTIGINGEN, plan.po_snapshots, lambda s: write_po(out_dir, s, seed, scale))
    each(MBO_INSTELLINGEN, plan.mbo_snapshots,
         lambda s: write_mbo_instellingen(out_dir, s, seed, scale))  # fmt: skip
    each(MBO_BESTUREN, plan.mbo_snapshots, lambda s: write_mbo_besturen(out_dir, s, seed, scale))

    def single(dataset: str, period: str, filename: str, fmt: Format, header, rows) -> Written:
        count, changed = _write(out_dir / filename, fmt, header, rows)
        return Written(out_dir / filename, dataset, period, count, changed)

    each(CREBO, plan.crebo_years, lambda y: single(
        CREBO, str(y), crebo_filename(y), CREBO_FORMAT, CREBO_HEADER, _crebo_rows(y)))  # fmt: skip
    each(MBO_STUDENTEN, plan.studenten_windows, lambda y: single(
        MBO_STUDENTEN, f"{y}-{y + STUDENTEN_WINDOW - 1}", studenten_filename(y), CKAN_NO_BOM,
        STUDENTEN_AVG_HEADER if y + STUDENTEN_WINDOW - 1 <= LAST_INDICATIEAVG_YEAR
        else STUDENTEN_HEADER, _studenten_rows(seed, scale, y)))  # fmt: skip
    each(MBO_INSTROOM, plan.instroom_years, lambda y: single(
        MBO_INSTROOM, str(y), instroom_filename(y), INSTROOM_FORMAT, INSTROOM_HEADER,
        _instroom_rows(seed, scale, y)))  # fmt: skip
    written += write_vo_outcomes(
        out_dir,
        seed=seed,
        scale=scale,
        windows=plan.exam_windows if EXAMENKANDIDATEN in chosen else (),
        cijfer_years=plan.cijfer_years if EXAMENCIJFERS in chosen else (),
        bestemming_years=plan.bestemming_years if BESTEMMING in chosen else (),
    )
    return written


def generate_files(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 2026,
    peiljaren: range = range(2015, 2025),
    snapshots: list[str] | None = None,
    datasets: Iterable[str] | None = None,
) -> list[Written]:
    """Like :func:`generate`, with the row count and whether each file changed."""
    plan = default_plan(peiljaren, snapshots)
    return write_plan(out_dir, plan, seed=seed, scale=scale, datasets=datasets)


def generate(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 2026,
    peiljaren: range = range(2015, 2025),
    snapshots: list[str] | None = None,
    datasets: set[str] | None = None,
) -> list[Path]:
    """Write DUO-shaped files into ``out_dir`` and return their paths.

    ``scale`` 1 is a country of ~1,600 vo vestigingen (~650 with vmbo beroepsgericht), ~70 mbo
    instellingen and ~6,100 po vestigingen; the row count grows linearly with it. ``snapshots``
    are address-list months ``YYYY-MM`` (vo, po and mbo); ``None`` means one per peiljaar in
    December plus the latest, ``[]`` means none. Exam school years, diploma years (the year
    after) and mbo years follow ``peiljaren`` (see :func:`default_plan`). ``datasets`` picks
    registry datasets by name; ``None`` means all of them.
    """
    files = generate_files(
        out_dir,
        scale=scale,
        seed=seed,
        peiljaren=peiljaren,
        snapshots=snapshots,
        datasets=datasets,
    )
    return [w.path for w in files]


# The bundled sample: every dataset, both vintages where the registry has two, kept small.
SAMPLE_PLAN = Plan(
    snapshots=SAMPLE_SNAPSHOTS,
    leerlingen=tuple(SAMPLE_PEILJAREN),
    po_snapshots=("2021-12", "2023-12"),
    mbo_snapshots=("2022-12", "2023-12"),
    crebo_years=(2023,),
    studenten_windows=(2019, 2020),
    instroom_years=(2023,),
    # Two overlapping exam windows (2016-2021 legacy vintage, 2017-2022 INSTELLINGSCODE vintage
    # with '<5'): staging takes each school year from the newest window.
    exam_windows=(2016, 2017),
    cijfer_years=(2018, 2022),  # 2018-2019 (legacy) and 2022-2023
    bestemming_years=(2022, 2023),
)


def sample_files(landing_dir: Path, *, scale: float = 0.1, seed: int = 2026) -> list[Written]:
    """Like :func:`write_sample`, with the row count and whether each file changed."""
    target = Path(landing_dir) / "duo"
    written = write_plan(target, SAMPLE_PLAN, seed=seed, scale=scale)
    # One deliberately faulty file: legacy 2017 pupils without the required AFDELING column.
    written.append(
        write_leerlingen(
            target, 2017, seed=seed, scale=scale, drop_column="AFDELING", filename=FAULTY_SAMPLE
        )
    )
    return written


def write_sample(landing_dir: Path, *, scale: float = 0.1, seed: int = 2026) -> list[Path]:
    """The bundled sample data for ``make run``, written into ``landing_dir / "duo"``.

    At least one file of every registry dataset (both vintages where the registry has two):
    pupils for peiljaren 2018-2023, vo address lists, instellingen and besturen for December
    2018, 2021, 2022 and 2023, po address lists 2021 and 2023, mbo instellingen and besturen
    2022 and 2023, the crebo lookup 2023-2024, mbo students 2019-2023 and 2020-2024, new mbo
    students 2023, the exam window 2017-2022, exam grades 2018-2019 and 2022-2023,
    graduate destinations 2022 and 2023; and exactly one faulty file
    (``01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017.csv``, no AFDELING column) that
    the loader rejects with MISSING_COLUMN. Idempotent: a rerun with the same arguments leaves
    every file (bytes and mtime) as it is.
    """
    return [w.path for w in sample_files(landing_dir, scale=scale, seed=seed)]
