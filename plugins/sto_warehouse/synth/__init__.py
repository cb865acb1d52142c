"""Synthetic data shaped like the real sources (DUO open data): the project's one generator.

``write_sample`` writes the bundled sample data for ``make run`` (at least one file of every
registry dataset); ``generate`` writes a synthetic country of any size, optionally only some
datasets. CLI: ``python -m sto_warehouse.synth --out DIR [--scale N] [--seed S] [--sample]
[--years YYYY-YYYY] [--datasets a,b]``.

Modules: ``country`` (vo vestigingen), ``enrollment`` (pupils), ``orgs`` (instellingen, besturen,
free codes), ``exams`` (candidates, graduates, grades), ``mbo`` (crebos, instellingen, students),
``flows`` (graduate destinations), ``po`` (primary schools), ``duo`` (file layouts and the API),
``submissions`` (the regions' submissions and the grant administrator's exports).
"""

from __future__ import annotations

from pathlib import Path

from sto_warehouse.synth import duo
from sto_warehouse.synth.duo import generate

__all__ = ["generate", "write_sample"]


def write_sample(landing_dir: Path, *, scale: float = 0.1, seed: int = 2026) -> list[Path]:
    """The bundled sample for ``make run``: the DUO files (``duo.write_sample``, whose paths are
    returned) and, beside them in ``landing_dir / "submissions"``, the regions' submissions of
    the same synthetic country (``submissions.write_submissions``). Idempotent: a rerun leaves
    every file (bytes and mtime) as it is."""
    from sto_warehouse.synth.submissions import write_submissions

    written = duo.write_sample(landing_dir, scale=scale, seed=seed)
    write_submissions(landing_dir, seed=seed, scale=scale)
    return written
