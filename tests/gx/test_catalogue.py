"""The suites, their documentation and the published models stay in step."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import expectations
from expectations import catalogue
from expectations.candidate import SUITES

REPO = Path(__file__).resolve().parents[2]


def test_docs_quality_lists_every_check_with_its_severity():
    text = (REPO / "docs" / "quality.md").read_text()
    section = text.split("<!-- catalogue:start -->\n", 1)[1].split("<!-- catalogue:end -->", 1)[0]
    assert section == catalogue.markdown(), "run: python -m expectations.catalogue"


def test_every_published_model_has_a_candidate_suite():
    models = {
        p.stem
        for folder in ("marts", "monitor")
        for p in (REPO / "dbt_project" / "models" / folder).glob("*.sql")
    }
    assert models == set(SUITES)


def test_each_suite_module_documents_its_checks():
    for stage, suite, check, severity, _ in catalogue.rows():
        name = suite.split(".", 1)[1] if stage == "raw" else suite
        module = (
            expectations.raw_suite(name)
            if stage == "raw"
            else importlib.import_module(f"expectations.candidate.{name}")
        )
        documented = module.__doc__ or ""
        if stage == "raw" and module.__name__ != "expectations.raw.common":
            documented += importlib.import_module("expectations.raw.common").__doc__
        assert re.search(rf"\|\s*{re.escape(check)}\s*\|\s*{severity}\s*\|", documented), (
            suite,
            check,
        )
