"""The indicators' declarations: the ``meta`` block of each monitor model's YAML.

dbt reads the same block (``config.get('meta')`` in the macro ``small_cell_protect_declared``);
the candidate gate, the disclosure audit, the report (its ``report:`` charts, parsed by
``sto_warehouse.report.specs``) and the tests read it here, from the same files, so no copy of a
group, a count list or a chart exists outside the YAML. A test compares this reading with the
manifest dbt writes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from sto_warehouse.config import REPO_ROOT

MONITOR_MODELS = REPO_ROOT / "dbt_project" / "models" / "monitor"
MARTS_MODELS = REPO_ROOT / "dbt_project" / "models" / "marts"


@cache
def models(folder: Path = MONITOR_MODELS) -> dict[str, dict]:
    """Model name -> its YAML entry (description, config, columns) for every monitor model."""
    found: dict[str, dict] = {}
    for path in sorted(folder.glob("*.yml")):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []):
            found[model["name"]] = model
    return found


def meta(model: str) -> dict:
    return models()[model].get("config", {}).get("meta", {})


def columns(model: str) -> list[str]:
    return [c["name"] for c in models()[model].get("columns", [])]


def protected() -> dict[str, dict]:
    """Model -> its ``protection`` block, for every indicator protected on publication."""
    return {
        name: entry["config"]["meta"]["protection"]
        for name, entry in models().items()
        if "protection" in entry.get("config", {}).get("meta", {})
    }


def protection(model: str) -> dict:
    try:
        return protected()[model]
    except KeyError:
        raise KeyError(f"{model}: no meta.protection in its YAML (docs/monitor.md)") from None


def sentinel(model: str, count: str) -> str:
    """A published column that is NULL exactly when ``count`` is withheld: its lower bound where
    the model publishes one (the count itself may be NULL above the DUO threshold), else the
    count."""
    return f"{count}_lower" if f"{count}_lower" in columns(model) else count


def complements(model: str) -> list[tuple[str, str]]:
    """(part, whole) of every implicit count ``whole - part`` the declaration names."""
    return [(i["part"], i["whole"]) for i in protection(model).get("implicit", [])]


def duo_rule_facts() -> dict[str, dict]:
    """Fact -> its ``duo_rule`` block: the published counts of people in a DUO fact (marts) that
    DUO's current rule governs (0 or at least 5, else NULL), the complements a reader can take
    within a row (``whole - part``), and the seed keys of the rule's range."""
    return {
        name: entry["config"]["meta"]["duo_rule"]
        for name, entry in models(MARTS_MODELS).items()
        if "duo_rule" in entry.get("config", {}).get("meta", {})
    }


def _text(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return " ".join(str(value or "").split()).replace("|", "\\|")


def indicator_table() -> str:
    """The indicator list of docs/monitor.md, generated from the declarations."""
    lines = [
        "| model | indicators | grain | formula | protected counts | report charts |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(models()):
        declared = meta(name)
        protected_counts = declared.get("protection", {}).get("counts", [])
        charts = [str(c.get("key")) for c in declared.get("report", []) if isinstance(c, dict)]
        lines.append(
            f"| `{name}` | {_text(declared.get('indicator'))} | {_text(declared.get('grain'))}"
            f" | {_text(declared.get('formula'))} | {_text(protected_counts) or '-'}"
            f" | {_text(charts) or '-'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m sto_warehouse.disclosure.declarations
    print(indicator_table(), end="")
