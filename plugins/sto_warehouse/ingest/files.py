"""Bytes on disk: hashing, sniffing the CSV dialect, the archive and the quarantine.

Nothing here rewrites a value. We read the file once to hash it and to learn its encoding, and
read the header line to learn its delimiter and columns; PostgreSQL's COPY does the parsing and the
transcoding (``ENCODING 'WIN1252'``) when the rows are loaded.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from sto_warehouse.ingest.errors import Problem, Rejected

CHUNK = 1 << 20
UNDEFINED_WIN1252 = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
HEADER_LIMIT = 1 << 16
DELIMITERS = (";", ",", "\t", "|")


@dataclass(frozen=True)
class Scan:
    sha256: str
    size: int
    encoding: str  # PostgreSQL encoding name: UTF8 or WIN1252
    bom: bool
    has_nul: bool
    newline: str  # LF or CRLF
    first_nul_line: int | None = None  # 1-based line of the first NUL byte
    # 1-based line of the first byte Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D):
    # PostgreSQL would turn it into a control character; Python's cp1252 refuses it.
    first_undefined_line: int | None = None

    @property
    def python_encoding(self) -> str:
        return "utf-8-sig" if self.encoding == "UTF8" else "cp1252"


@dataclass(frozen=True)
class Dialect:
    delimiter: str
    quoted: bool
    header: tuple[str, ...]  # as published (decoded, quotes removed, not normalised)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def scan(path: Path) -> Scan:
    """One streaming pass: sha256, NUL bytes, and whether every byte is valid UTF-8."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8_ok = True
    has_nul = False
    first_nul_line = None
    first_undefined = None
    lines_before = 0
    size = 0
    first = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            if not first:
                first = chunk[:HEADER_LIMIT]
            size += len(chunk)
            digest.update(chunk)
            if first_undefined is None:
                hits = [p for p in (chunk.find(b) for b in UNDEFINED_WIN1252) if p >= 0]
                if hits:
                    first_undefined = lines_before + chunk.count(b"\n", 0, min(hits)) + 1
            if not has_nul:
                position = chunk.find(b"\x00")
                if position >= 0:
                    has_nul = True
                    first_nul_line = lines_before + chunk.count(b"\n", 0, position) + 1
            lines_before += chunk.count(b"\n")
            if utf8_ok:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8_ok = False
        if utf8_ok:
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                utf8_ok = False
    line_end = first.find(b"\n")
    newline = "CRLF" if line_end > 0 and first[line_end - 1 : line_end] == b"\r" else "LF"
    return Scan(
        sha256=digest.hexdigest(),
        size=size,
        # Windows-1252, not latin-1: DUO's curly quotes are 0x91/0x92 (DESIGN, duo-samples).
        encoding="UTF8" if utf8_ok else "WIN1252",
        bom=first.startswith(codecs.BOM_UTF8),
        has_nul=has_nul,
        newline=newline,
        first_nul_line=first_nul_line,
        first_undefined_line=None if utf8_ok else first_undefined,
    )


def read_header_line(path: Path, scan_: Scan) -> str:
    with path.open("rb") as fh:
        head = fh.read(HEADER_LIMIT)
    line = head.split(b"\n", 1)[0].rstrip(b"\r")
    return line.decode(scan_.python_encoding, errors="replace")


# What a file name may contain: letters (any script), digits, space and . _ - ( ) + ,
SAFE_FILE_NAME = re.compile(r"^[\w .()+,-]+$")


def check_name(name: str) -> None:
    """A file name with shell/SQL metacharacters is refused before anything reads its bytes."""
    if not SAFE_FILE_NAME.match(name) or name.startswith((".", "-")):
        raise Rejected(
            Problem(
                "BAD_FILE_NAME",
                "the file name contains characters no DUO file name has",
                name,
                column="file name",
                expected="letters, digits, spaces and . _ - ( ) + ,",
                found=name[:120],
            )
        )


def sniff(path: Path, scan_: Scan, name: str) -> Dialect:
    """Delimiter, quoting and header fields from the header line."""
    check_name(name)
    if scan_.size == 0:
        raise Rejected(Problem("EMPTY_FILE", "the file is empty (0 bytes)", name, line=1))
    if scan_.has_nul:
        raise Rejected(
            Problem(
                "NOT_TEXT",
                "the file contains NUL bytes, so it is not a CSV text file",
                name,
                line=scan_.first_nul_line,
                expected="text (UTF-8 or Windows-1252)",
                found="binary data (e.g. a spreadsheet, an image or UTF-16 text)",
            )
        )
    if scan_.first_undefined_line is not None:
        raise Rejected(
            Problem(
                "BAD_ENCODING",
                "a byte that is neither UTF-8 nor a Windows-1252 character",
                name,
                line=scan_.first_undefined_line,
                expected="UTF-8 or Windows-1252 text",
                found="one of the bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D",
            )
        )
    line = read_header_line(path, scan_).lstrip("\ufeff")
    if not line.strip():
        raise Rejected(Problem("NO_HEADER", "the first line is empty", name, line=1))
    counts = {}
    for delimiter in DELIMITERS:
        fields = next(csv.reader(io.StringIO(line), delimiter=delimiter, quotechar='"'))
        counts[delimiter] = len(fields)
    delimiter = max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))
    if counts[delimiter] < 2:
        raise Rejected(
            Problem(
                "NO_HEADER",
                "the first line has no ';', ',', tab or '|' separated column names",
                name,
                line=1,
                expected="a header line such as 'BRIN NUMMER;VESTIGINGSNUMMER;…'",
                found=line[:120],
            )
        )
    header = tuple(next(csv.reader(io.StringIO(line), delimiter=delimiter, quotechar='"')))
    return Dialect(delimiter=delimiter, quoted=line.lstrip().startswith('"'), header=header)


def read_first_row(path: Path, scan_: Scan, dialect: Dialect) -> list[str] | None:
    """The first data row, parsed like the header (for a period read from a column)."""
    with path.open("rb") as fh:
        head = fh.read(HEADER_LIMIT)
    text = head.decode(scan_.python_encoding, errors="replace").lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=dialect.delimiter, quotechar='"')
    next(reader, None)
    return next(reader, None)


# -- archive and quarantine --------------------------------------------------------------------


def archive_path(archive_root: Path, source: str, sha256: str) -> Path:
    return archive_root / source / sha256


def store_in_archive(archive_root: Path, source: str, path: Path, sha256: str) -> Path:
    """Copy the file to archive/<source>/<sha256> once; the archive is the system of record."""
    target = archive_path(archive_root, source, sha256)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{sha256}.{os.getpid()}.tmp")
    shutil.copyfile(path, tmp)
    if sha256_file(tmp) != sha256:
        tmp.unlink(missing_ok=True)
        raise RuntimeError(f"{path} changed while it was being archived; it will be retried")
    os.chmod(tmp, 0o444)
    os.replace(tmp, target)
    return target


def quarantine(
    quarantine_root: Path,
    source: str,
    sha256: str,
    original_name: str,
    archived: Path,
    problems: list[Problem],
    extra: dict | None = None,
) -> Path:
    """Keep the rejected bytes with reason.json (code, file, line/cell, expected, found, fix)."""
    folder = quarantine_root / source / sha256
    folder.mkdir(parents=True, exist_ok=True)
    safe_name = Path(original_name).name.replace(os.sep, "_") or "file"
    target = folder / safe_name
    if not target.exists():
        shutil.copyfile(archived, target)
    reason = {
        "file": original_name,
        "sha256": sha256,
        "source": source,
        "rejected_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "code": problems[0].code,
        "message": str(problems[0]),
        "problems": [p.as_dict() for p in problems],
        **(extra or {}),
    }
    (folder / "reason.json").write_text(json.dumps(reason, indent=2, ensure_ascii=False) + "\n")
    return folder


def scan_as_dict(scan_: Scan) -> dict:
    return asdict(scan_)
