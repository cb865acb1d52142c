"""Synthetic data shaped like the real sources (DUO open data): the project's one generator.

``write_sample`` writes the bundled sample data for ``make run``; ``duo.generate`` writes a
synthetic country of any size. CLI: ``python -m sto_warehouse.synth --out DIR [--scale N]
[--seed S] [--sample]``.
"""

from __future__ import annotations

from sto_warehouse.synth.duo import generate, write_sample

__all__ = ["generate", "write_sample"]
