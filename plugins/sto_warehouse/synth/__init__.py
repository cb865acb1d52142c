"""Synthetic data shaped like the real sources (DUO open data): the project's one generator.

``write_sample`` writes the bundled sample data for ``make run`` (at least one file of every
registry dataset); ``generate`` writes a synthetic country of any size, optionally only some
datasets. CLI: ``python -m sto_warehouse.synth --out DIR [--scale N] [--seed S] [--sample]
[--years YYYY-YYYY] [--datasets a,b]``.

Modules: ``country`` (vo vestigingen), ``enrollment`` (pupils), ``orgs`` (instellingen, besturen,
free codes), ``exams`` (candidates, graduates, grades), ``mbo`` (crebos, instellingen, students),
``flows`` (graduate destinations), ``po`` (primary schools), ``duo`` (file layouts and the API).
"""

from __future__ import annotations

from sto_warehouse.synth.duo import generate, write_sample

__all__ = ["generate", "write_sample"]
