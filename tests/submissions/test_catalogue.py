"""The Dutch catalogue: every rule the code can raise has a Dutch message and fix, and is
documented in docs/submissions.md."""

from __future__ import annotations

import re
from pathlib import Path

from sto_warehouse.submissions import messages

PACKAGE = Path(messages.__file__).parent
REPO = PACKAGE.parents[2]
RAISED = re.compile(r"""(?:\.add|Issue|add_issue)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
# Rule codes also travel in tables (e.g. the referential checks of validate.py).
QUOTED_CODE = re.compile(r'"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"')
RULE_MODULES = ("validate.py", "reader.py", "pipeline.py", "grants.py")


def raised_rules() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(RAISED.findall(text))
        if path.name in RULE_MODULES:
            found |= set(QUOTED_CODE.findall(text))
    return found


def test_every_raised_rule_has_dutch_text_and_fix():
    raised = raised_rules()
    assert len(raised) > 40
    missing = sorted(raised - set(messages.CATALOGUE))
    assert not missing, f"rules without a Dutch message and fix: {missing}"
    for code in raised:
        rule = messages.CATALOGUE[code]
        assert rule.severity in (messages.ERROR, messages.WARNING), code
        assert len(rule.message) > 15 and len(rule.fix) > 15, code


def test_no_rule_in_the_catalogue_is_dead():
    assert set(messages.CATALOGUE) - raised_rules() == set()


def test_catalogue_is_dutch():
    english = re.compile(r"\b(the|must|should|file|missing|invalid)\b", re.IGNORECASE)
    for code, rule in messages.CATALOGUE.items():
        assert not english.search(rule.message + " " + rule.fix), code


def test_every_rule_is_documented():
    doc = (REPO / "docs" / "submissions.md").read_text(encoding="utf-8")
    undocumented = [code for code in messages.CATALOGUE if f"`{code}`" not in doc]
    assert not undocumented, undocumented


def test_render_fills_placeholders_and_never_fails():
    severity, message, fix = messages.render("GEEN_BEDRAG", veld="bedrag", waarde="ca. 5")
    assert severity == messages.ERROR
    assert "'bedrag'" in message and "ca. 5" in message and fix
    _, message, _ = messages.render("TOTAAL_KLOPT_NIET")
    assert "?" in message  # a missing placeholder never raises
