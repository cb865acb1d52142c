"""The front half of the load protocol, one module for DUO files and the regions' submissions
alike (DESIGN §3 and §10), and the path the portal hands files to the night through.

- ``landed``: which files in ``$STO_HOME/landing/<source>/`` count (not hidden, not a symlink,
  not still being written: ``IGNORED_SUFFIXES``);
- ``archive``: the bytes stored once as ``$STO_HOME/archive/<source>/<sha256>`` and registered in
  ``audit.files`` (their first-seen moment is the landing date / the received-at the night
  judges with);
- ``LOADER_VERSION``: the loader's part of every skip key (DUO: sha256, registry-entry version,
  loader version; submissions: sha256, SPEC_VERSION, loader version);
- ``deliver``: a file set placed in a landing folder atomically (the portal's approved uploads);
- ``summary``: what a run of either source did (loaded, skipped, rejected, changed), the shape
  the ingest DAG's ``announce`` and `sto run` read.

What a file *is* stays with its source: DUO identification and COPY in ``ingest/``, reading and
validating a submission in ``submissions/``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg

from sto_warehouse.config import Settings
from sto_warehouse.ingest import files

# Bump when the loader changes how files are read: every file is then loaded again (DESIGN §3).
LOADER_VERSION = 1
# Names of files still being written (browsers, rsync, our own hand-over): never listed.
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".partial")


@dataclass(frozen=True)
class Archived:
    sha256: str
    path: Path  # archive/<source>/<sha256>
    first_seen: datetime  # when these bytes were first registered (audit.files)
    size: int


def landing_root(settings: Settings, source: str) -> Path:
    return settings.landing / source


def landed(settings: Settings, source: str) -> list[Path]:
    """The files waiting in ``landing/<source>/`` (recursively), in name order."""
    root = landing_root(settings, source)
    if not root.exists():
        return []
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not path.is_symlink()
        and not path.name.startswith(".")
        and not path.name.lower().endswith(IGNORED_SUFFIXES)
    ]


def register(
    conn: psycopg.Connection, source: str, name: str, sha256: str, size: int, archived: Path
) -> datetime:
    """Record the bytes in ``audit.files`` once; the moment they were first seen."""
    row = conn.execute(
        "insert into audit.files (file_sha256, source, original_name, size_bytes, archive_path)"
        " values (%s, %s, %s, %s, %s) on conflict (file_sha256) do update"
        " set file_sha256 = excluded.file_sha256 returning first_seen_at",
        (sha256, source, name, size, str(archived)),
    ).fetchone()
    assert row is not None
    return row[0]


def archive(
    settings: Settings,
    conn: psycopg.Connection,
    source: str,
    name: str,
    *,
    path: Path | None = None,
    data: bytes | None = None,
    sha256: str | None = None,
) -> Archived:
    """Store a landed file (``path``) or received bytes (``data``) in the archive by sha256 and
    register them; ``sha256`` when the caller hashed the file already (one pass over it)."""
    if (path is None) == (data is None):
        raise ValueError("archive either a path or bytes")
    if data is not None:
        import hashlib

        sha256 = hashlib.sha256(data).hexdigest()
        size = len(data)
        stored = files.archive_path(settings.archive, source, sha256)
        if not stored.exists():
            settings.archive.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=settings.archive, prefix=".upload-") as tmp:
                tmp.write(data)
                tmp.flush()
                stored = files.store_in_archive(settings.archive, source, Path(tmp.name), sha256)
    else:
        assert path is not None
        sha256 = sha256 or files.sha256_file(path)
        size = path.stat().st_size
        stored = files.store_in_archive(settings.archive, source, path, sha256)
    first_seen = register(conn, source, name, sha256, size, stored)
    return Archived(sha256, stored, first_seen, size)


def deliver(
    settings: Settings,
    source: str,
    folder: str,
    key: str,
    contents: list[tuple[str, bytes]],
    staging_name: str,
) -> Path:
    """Place ``contents`` in ``landing/<source>/<folder>/<key>/`` for the night, atomically (a
    file set appears whole or not at all): written as ``.part`` in a staging folder outside
    every source folder (``landing/<staging_name>``), then moved into place in one rename."""
    root = landing_root(settings, source) / folder
    target = root / key
    staging_root = settings.landing / staging_name
    staging_root.mkdir(parents=True, exist_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{key}.", suffix=".part", dir=staging_root))
    try:
        for name, data in contents:
            final = staging / Path(name).name
            part = final.with_name(final.name + ".part")
            with part.open("xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, final)
        os.chmod(staging, 0o750)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def summary(loaded: list[dict], rejected: list[dict], skipped: list[dict] | None = None) -> dict:
    """A run's outcome for one source: raw changed when anything loaded (then the Asset).
    ``skipped`` (bytes a partition already holds) only where a source has such a state (DUO)."""
    outcome = {"loaded": loaded, "rejected": rejected, "changed": bool(loaded)}
    if skipped is not None:
        outcome["skipped"] = skipped
    return outcome
