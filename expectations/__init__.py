"""Great Expectations suites as code (DESIGN §6, issue 6).

One module per raw dataset (``expectations/raw/<dataset>.py``) and per published model
(``expectations/candidate/<model>.py``). Each exposes ``build(gxe, ctx) -> list`` and receives the
``great_expectations.expectations`` module as ``gxe``, so importing a suite module never imports GX
(it takes ~8 s; only the gate task pays it). Every expectation states its severity in
``meta``: ``error`` blocks the load or the publication, ``warning`` passes and is flagged.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def raw_suite(dataset: str) -> ModuleType:
    """The raw suite for a dataset, or the registry-driven default when it has none of its own."""
    try:
        return importlib.import_module(f"expectations.raw.{dataset}")
    except ModuleNotFoundError as exc:
        if exc.name != f"expectations.raw.{dataset}":
            raise
        return importlib.import_module("expectations.raw.common")


def candidate_suites() -> dict[str, ModuleType]:
    """Every candidate suite, by published model name."""
    from expectations.candidate import SUITES

    return {name: importlib.import_module(f"expectations.candidate.{name}") for name in SUITES}
