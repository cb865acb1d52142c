"""Which inputs are made up (issue 12; docs/programme.md).

The synthetic generator's files look exactly like real ones (DUO's headers and quirks, the
regions' templates), so their quality cannot be read from their bytes. Whoever writes them
records their sha256 in ``audit.synthetic_files``; from there the quality follows the hash:
``marts.dim_data_source`` per input, ``audit.releases.source_quality`` per release (a trigger,
migration 0005), the report's banner and ``sto release list``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from sto_warehouse import db
from sto_warehouse.config import Settings

GENERATOR = "sto_warehouse.synth"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record_synthetic(settings: Settings, paths: Iterable[Path], generator: str = GENERATOR) -> int:
    """Record ``paths`` as synthetic inputs; returns how many were new. Idempotent. A CSV
    group (one submission in several files) is also recorded under the identity the loader
    gives the submission (``verdict.submission_sha256``)."""
    from sto_warehouse.submissions import reader, verdict

    files = [(p, _sha256(p)) for p in paths if p.is_file()]
    rows = [(sha, p.name, generator) for p, sha in files]
    groups: dict[tuple[Path, str], list[tuple[str, str]]] = {}
    for path, sha in files:
        key = reader.csv_group_key(path.name)
        if key is not None:
            groups.setdefault((path.parent, key[0]), []).append((path.name, sha))
    for (_folder, prefix), members in groups.items():
        rows.append((verdict.submission_sha256(members), f"{prefix} (CSV group)", generator))
    with db.admin(settings) as conn:
        before = conn.execute("select count(*) from audit.synthetic_files").fetchone()[0]
        with conn.cursor() as cur:
            cur.executemany(
                "insert into audit.synthetic_files (file_sha256, original_name, generator)"
                " values (%s, %s, %s) on conflict (file_sha256) do nothing",
                rows,
            )
        after = conn.execute("select count(*) from audit.synthetic_files").fetchone()[0]
    return after - before


def write_sample(settings: Settings, landing_dir: Path | None = None, **kwargs) -> list[Path]:
    """``synth.write_sample`` into the landing folder, every file it wrote recorded as
    synthetic (the DUO files it returns and the submissions beside them)."""
    from sto_warehouse import synth
    from sto_warehouse.synth.submissions import write_submissions

    landing = Path(landing_dir) if landing_dir is not None else settings.landing
    written = synth.write_sample(landing, **kwargs)
    submissions = write_submissions(
        landing, seed=kwargs.get("seed", 2026), scale=kwargs.get("scale", 0.1)
    )
    record_synthetic(settings, [*written, *submissions])
    return written


def release_quality(settings: Settings, release_id: int) -> str | None:
    with db.admin(settings) as conn:
        row = conn.execute(
            "select source_quality from audit.releases where release_id = %s", (release_id,)
        ).fetchone()
    return row[0] if row else None
