"""The report's texts: every message the templates and the Python code use has a Dutch text
with the same placeholders, no Dutch text is unused, data values never pass through the
trusted ``_()``, every template autoescapes, and the templates ship with the package."""

from __future__ import annotations

import ast
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from sto_warehouse.report import pages
from sto_warehouse.report.messages import DUTCH
from sto_warehouse.report.specs import ALL_CHARTS

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "plugins" / "sto_warehouse"
REPORT = PACKAGE / "report"
PYTHON = [
    REPORT / name
    for name in ("__init__.py", "pages.py", "charts.py", "messages.py", "programme.py")
]
MSGID_ARGUMENTS = {"_": 1, "gettext": 1, "ngettext": 2}  # the count after them may vary


def templates() -> dict[str, str]:
    env = pages.environment()
    return {name: env.loader.get_source(env, name)[0] for name in env.list_templates(["j2"])}


def template_messages() -> list[str | tuple[str, str]]:
    env = pages.environment()
    found = []
    for source in templates().values():
        for _line, function, message in env.extract_translations(source):
            # a tuple when the call has more arguments: None for each non-literal one
            message = message if isinstance(message, tuple) else (message,)
            found.append(tuple(message[:2]) if function == "ngettext" else message[0])
    return found


def python_messages() -> list[str | tuple[str, str]]:
    """Literal msgids of ``t()``, ``lang.t()``, ``gettext()`` and ``ngettext()`` calls."""
    found = []
    for path in PYTHON:
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", None))
            literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name in ("t", "gettext") and literals and isinstance(literals[0], str):
                found.append(literals[0])
            elif name == "ngettext" and len(literals) >= 2:
                found.append((literals[0], literals[1]))
    return found


def dynamic_messages() -> set[str]:
    """Values from the data that the pages translate: gate states, severities, freshness
    states and the time columns of the indicator tables."""
    columns = {spec.x for spec in ALL_CHARTS}
    return {*pages.GATE_STATES, *pages.SEVERITIES, *pages.FRESHNESS_STATES, *columns}


def test_every_message_has_a_dutch_text():
    used = template_messages() + python_messages()
    assert len(used) > 60, "the extraction finds the messages"
    missing = [m for m in [*used, *dynamic_messages()] if m not in DUTCH.messages]
    assert missing == []


def test_no_dutch_text_is_unused():
    sources = "".join(templates().values()) + "".join(p.read_text() for p in PYTHON)
    used = set(template_messages()) | set(python_messages()) | dynamic_messages()
    unused = []
    for key in DUTCH.messages:
        literal = all(f'"{part}"' in sources for part in (key if isinstance(key, tuple) else [key]))
        if key not in used and not literal:
            unused.append(key)
    assert unused == []


@pytest.mark.parametrize("msgid", list(DUTCH.messages), ids=str)
def test_a_dutch_text_keeps_the_placeholders_of_its_msgid(msgid):
    def placeholders(text):
        return sorted(re.findall(r"%\((\w+)\)s", text))

    keys = msgid if isinstance(msgid, tuple) else (msgid,)
    texts = DUTCH.messages[msgid]
    texts = texts if isinstance(texts, tuple) else (texts,)
    assert len(keys) == len(texts)
    for key, text in zip(keys, texts, strict=True):
        assert placeholders(key) == placeholders(text), (key, text)


def test_only_literal_msgids_go_through_the_trusted_gettext():
    """``_()`` marks its translation as safe markup: a data value passed to it would reach the
    page unescaped. Data values use the |translated filter."""
    env = pages.environment()
    for name, source in templates().items():
        for call in env.parse(source).find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name in MSGID_ARGUMENTS:
                msgids = call.args[: MSGID_ARGUMENTS[call.node.name]]
                assert all(isinstance(a, nodes.Const) for a in msgids), (name, call.lineno)


def test_every_template_autoescapes():
    env = pages.environment()
    assert env.autoescape is True
    for name in templates():
        rendered = env.from_string("{{ value }}").render(value="<b>&</b>")
        assert rendered == "&lt;b&gt;&amp;&lt;/b&gt;", name
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing.attribute }}").render()


def test_the_templates_ship_with_the_package():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text())
    globs = pyproject["tool"]["setuptools"]["package-data"]["sto_warehouse"]
    shipped = sorted(pages.TEMPLATES.iterdir())
    assert {p.name for p in shipped} >= {"base.html.j2", "style.css"}
    for path in shipped:
        relative = path.relative_to(PACKAGE).as_posix()
        assert any(fnmatch(relative, glob) for glob in globs), f"{relative} not in package-data"
