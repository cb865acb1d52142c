"""The catalogue of every check with its severity, as docs/quality.md shows it.

    python -m expectations.catalogue     # prints the markdown tables (imports GX, ~8 s)

tests/gx/test_catalogue.py checks that docs/quality.md holds exactly this text, so the
documentation can never drift from the suites.
"""

from __future__ import annotations

import expectations

# Pattern-named columns of wide files, so their checks appear in the catalogue.
WIDE_EXAMPLES = {
    "duo_vo_examenkandidaten": {
        "examenkandidaten_2014_2015_man": "count",
        "slaagperc_2014_2015_man": "percentage",
    }
}


def raw_context(entry) -> dict:
    wide = WIDE_EXAMPLES.get(entry.dataset, {})
    return {
        "entry": entry,
        "columns": [*entry.all_columns, *wide],
        "wide": wide,
        "period": "2020",
        "period_source": "column" if entry.period.column else "filename",
        "previous_rows": 100,
    }


def rows() -> list[tuple[str, str, str, str, str]]:
    """(stage, suite, check, severity, description) for every check of every suite."""
    import great_expectations.expectations as gxe

    from sto_warehouse.registry import registry

    out = []
    for dataset, entry in sorted(registry().items()):
        module = expectations.raw_suite(dataset)
        for e in module.build(gxe, raw_context(entry)):
            out.append(("raw", f"raw.{dataset}", e.meta["check"], e.meta["severity"], _describe(e)))
    ctx = {"marts": "marts__wap", "monitor": "monitor__wap", "as_of": "2026-01-01"}
    for name, module in expectations.candidate_suites().items():
        for e in module.build(gxe, ctx):
            out.append(("candidate", name, e.meta["check"], e.meta["severity"], _describe(e)))
    return out


def _describe(expectation) -> str:
    text = expectation.description or expectation.expectation_type.replace("_", " ")
    return text.replace("|", "/").replace("\n", " ")


def markdown() -> str:
    lines = []
    current = None
    for stage, suite, check, severity, description in rows():
        if suite != current:
            if current is not None:
                lines.append("")
            current = suite
            lines.append(f"#### {suite} ({stage})")
            lines.append("")
            lines.append("| check | severity | what |")
            lines.append("|---|---|---|")
        lines.append(f"| `{check}` | {severity} | {description} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
