"""Static sites (the monitor report, GX Data Docs) are built in a sibling folder of their own and
swapped in whole: a reader sees the old site or the new one, never a mix, and two builds at once
never write into, or rename away, each other's folder."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
import time
from pathlib import Path


def staging_folder(target: Path) -> Path:
    """A fresh, empty sibling folder for one build of ``target`` (leftovers of crashed builds
    older than an hour are removed first)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(target.parent, target.name)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Put the built ``staging`` folder in place of ``target``; ``staging`` is gone afterwards.

    Raises OSError when the filesystem refuses (e.g. another build's site took the place
    between the two renames of the fallback); the current site then stays as it was.
    """
    try:
        os.chmod(staging, 0o755)
        if not target.exists():
            os.rename(staging, target)
            return
        if _exchange(staging, target):
            return  # staging now holds the previous site: removed below
        # No atomic exchange here (not Linux, or the filesystem refuses): two renames, so a
        # request in between gets a 404 — never a mix of two builds.
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        try:
            os.rename(target, old / "site")
            os.rename(staging, target)
        finally:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """renameat2(RENAME_EXCHANGE): swap two folders in one atomic step (Linux)."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0


def _remove_leftovers(parent: Path, name: str, age: float = 3600) -> None:
    """Folders of builds that crashed (older than an hour: a running build keeps its own)."""
    for pattern in (f".{name}.new-*", f".{name}.old-*"):
        for folder in parent.glob(pattern):
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime > age:
                    shutil.rmtree(folder, ignore_errors=True)
