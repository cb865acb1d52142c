"""Synthetic DUO files, byte-shaped like DUO's own (the project's one generator for them).

Two publications, each in the vintages of the registry (``registry/duo.toml``):

* address lists, ``duo_vo_vestigingen``: ``02.-alle-vestigingen-vo_<YYYY>-<MM>.csv`` (legacy:
  ';', Windows-1252, LF, unquoted, fixed-width padding of empty fields, BRIN NUMMER + 6-character
  VESTIGINGSNUMMER) for snapshots up to 2021, ``vestigingenvo_<YYYY>-<MM>.csv`` (CKAN: every field
  quoted, ',', UTF-8 with BOM, CRLF, INSTELLINGSCODE + VESTIGINGSCODE, VAKANTIEREGIO) from 2022;
* pupils, ``duo_vo_leerlingen_onderwijstype``:
  ``01.-leerlingen-vo-per-vestiging-naar-onderwijstype-<YYYY>.csv``, legacy (';', Windows-1252,
  LF, 2-digit VESTIGINGSNUMMER, ELEMENTCODE, exact counts) up to peiljaar 2022, and from 2023 the
  new vintage (quoted, ';', UTF-8 with BOM, CRLF, 1-2 character VESTIGINGSCODE,
  SAMENWERKINGSVERBAND, ERKENDE OPLEIDINGSCODE, counts 1-4 printed as '<5').

Rows are written as they are generated (one vestiging at a time), so memory does not grow with
``scale``. Output is a pure function of the arguments: the same arguments give the same bytes,
and a file whose bytes would not change is not rewritten (its mtime stays).
"""

from __future__ import annotations

import csv
import filecmp
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sto_warehouse.synth.country import VAKANTIEREGIO, iter_vestigingen
from sto_warehouse.synth.enrollment import vestiging_rows

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sto_warehouse.synth.country import Vestiging

LEERLINGEN = "duo_vo_leerlingen_onderwijstype"
VESTIGINGEN = "duo_vo_vestigingen"

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

LAST_LEGACY_ADDRESS_YEAR = 2021  # address snapshots up to 2021: duo.nl legacy; from 2022: CKAN
LAST_LEGACY_LEERLINGEN_YEAR = 2022  # peiljaar up to 2022: legacy; from 2023: new vintage
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


@dataclass(frozen=True)
class Written:
    path: Path
    dataset: str
    period: str
    rows: int
    changed: bool  # False: the file already held exactly these bytes and was left alone


# -- writing --------------------------------------------------------------------------------------


def _write(
    path: Path, fmt: Format, header: list[str], rows: Iterable[list[str]]
) -> tuple[int, bool]:
    """Stream rows into a temporary file, then replace ``path`` only if the bytes differ."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A dot-name ending in .tmp: the ingest pipeline ignores it while it is being written.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    count = 0
    try:
        with tmp.open("w", encoding=fmt.encoding, newline="") as fh:
            writer = csv.writer(
                fh,
                delimiter=fmt.delimiter,
                quotechar='"',
                quoting=fmt.quoting,
                lineterminator=fmt.lineterminator,
            )
            writer.writerow(header)
            for row in rows:
                writer.writerow(row)
                count += 1
        if path.exists() and filecmp.cmp(tmp, path, shallow=False):
            tmp.unlink()
            return count, False
        os.replace(tmp, path)
        return count, True
    finally:
        tmp.unlink(missing_ok=True)


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


# -- public API -----------------------------------------------------------------------------------


def default_snapshots(peiljaren: range) -> list[str]:
    """One December snapshot per peiljaar, plus the latest: September after the last peiljaar."""
    years = list(peiljaren)
    if not years:
        return []
    return [f"{y}-12" for y in years] + [f"{max(years) + 1}-09"]


def generate_files(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 2026,
    peiljaren: range = range(2015, 2025),
    snapshots: list[str] | None = None,
) -> list[Written]:
    """Like :func:`generate`, with the row count and whether each file changed."""
    out_dir = Path(out_dir)
    snapshots = default_snapshots(peiljaren) if snapshots is None else list(snapshots)
    for snapshot in snapshots:
        _school_year(snapshot)  # validate before writing anything
    written = [write_addresses(out_dir, s, seed=seed, scale=scale) for s in snapshots]
    written += [write_leerlingen(out_dir, y, seed=seed, scale=scale) for y in peiljaren]
    return written


def generate(
    out_dir: Path,
    *,
    scale: float = 1.0,
    seed: int = 2026,
    peiljaren: range = range(2015, 2025),
    snapshots: list[str] | None = None,
) -> list[Path]:
    """Write DUO-shaped files into ``out_dir`` and return their paths.

    ``scale`` 1 is a country of ~1,600 vo vestigingen (~650 with vmbo beroepsgericht); the row
    count grows linearly with it. ``snapshots`` are address-list months ``YYYY-MM``; ``None``
    means one per peiljaar in December plus the latest, ``[]`` means none.
    """
    files = generate_files(
        out_dir, scale=scale, seed=seed, peiljaren=peiljaren, snapshots=snapshots
    )
    return [w.path for w in files]


def sample_files(landing_dir: Path, *, scale: float = 0.1, seed: int = 2026) -> list[Written]:
    """Like :func:`write_sample`, with the row count and whether each file changed."""
    target = Path(landing_dir) / "duo"
    written = generate_files(
        target,
        scale=scale,
        seed=seed,
        peiljaren=SAMPLE_PEILJAREN,
        snapshots=list(SAMPLE_SNAPSHOTS),
    )
    # One deliberately faulty file: legacy 2017 pupils without the required AFDELING column.
    written.append(
        write_leerlingen(
            target, 2017, seed=seed, scale=scale, drop_column="AFDELING", filename=FAULTY_SAMPLE
        )
    )
    return written


def write_sample(landing_dir: Path, *, scale: float = 0.1, seed: int = 2026) -> list[Path]:
    """The bundled sample data for ``make run``, written into ``landing_dir / "duo"``.

    Pupils for peiljaren 2018-2023 (legacy vintage up to 2022, new vintage 2023), address lists
    for a few December snapshots on both sides of the 2022 vintage change, and exactly one faulty
    file (``01.-leerlingen-vo-per-vestiging-naar-onderwijstype-2017.csv``, no AFDELING column)
    that the loader rejects with MISSING_COLUMN. Idempotent: a rerun with the same arguments
    leaves every file (bytes and mtime) as it is.
    """
    return [w.path for w in sample_files(landing_dir, scale=scale, seed=seed)]
