"""The raw gate: every pending table of this run against its raw suite, in one GX session."""

from __future__ import annotations

from sto_warehouse import db
from sto_warehouse.config import Settings
from sto_warehouse.gates import runner
from sto_warehouse.ingest.copy_loader import RAW
from sto_warehouse.ingest.errors import Problem
from sto_warehouse.registry import get


def _previous_rows(conn, dataset: str, period: str) -> int | None:
    row = conn.execute(
        "select row_count from audit.partitions where dataset = %s and period <> %s"
        " order by period desc limit 1",
        (dataset, period),
    ).fetchone()
    return int(row[0]) if row else None


def specs_for(settings: Settings, pending: list[dict]) -> list[runner.SuiteSpec]:
    import expectations

    specs = []
    with db.loader(settings) as conn:
        for item in pending:
            entry = get(item["dataset"])
            columns = [
                r[0]
                for r in conn.execute(
                    "select attname from pg_attribute where attrelid = %s::regclass"
                    " and attnum > 0 and not attisdropped",
                    (f'{RAW}."{item["pending_table"]}"',),
                ).fetchall()
            ]
            module = expectations.raw_suite(entry.dataset)
            specs.append(
                runner.SuiteSpec(
                    name=f"raw.{entry.dataset}",
                    schema=RAW,
                    table=item["pending_table"],
                    build=module.build,
                    ctx={
                        "entry": entry,
                        "columns": columns,
                        "wide": (item.get("identification") or {}).get("wide_columns") or {},
                        "period": item["period"],
                        "period_source": (item.get("identification") or {}).get("period_source"),
                        "previous_rows": _previous_rows(conn, entry.dataset, item["period"]),
                    },
                    load_id=item["load_id"],
                    label=f"raw.{entry.dataset} period {item['period']} ({item['original_name']})",
                )
            )
    return specs


def _cell_text(result: runner.CheckResult, first: dict) -> str | None:
    """ "line 8, column x: '-3' is not a count; counts are whole numbers ≥ 0 or '<5'": what to
    change and where, from the check's own words (its meta) and the first offending row."""
    hint = result.hint or {}
    if not hint.get("fix"):
        return None
    where = []
    line = first.get(hint.get("line_field") or "line") or first.get("first_line")
    if line is not None:
        where.append(f"line {line}")
    if first.get("column_name"):
        where.append(f"column {first['column_name']}")
    try:
        what = hint["what"].format(**first) if hint.get("what") else ""
    except (KeyError, IndexError, ValueError):
        what = ""
    text = "; ".join(t for t in (what, hint["fix"]) if t)
    return f"{', '.join(where)}: {text}" if where else text


def problem_for(item: dict, result: runner.CheckResult) -> Problem:
    sample = result.sample or []
    first = sample[0] if sample and isinstance(sample[0], dict) else {}
    line_field = (result.hint or {}).get("line_field") or "line"
    line = first.get(line_field) or first.get("line") or first.get("first_line")
    column = first.get("column_name") or None
    fix = _cell_text(result, first)
    if fix and len(sample) > 1:
        fix += f" ({result.observed or len(sample)} offending rows in all; the first is named)"
    return Problem(
        code="RAW_GATE",
        message=f"check '{result.check}' ({result.expectation}) failed on the loaded values",
        file=item["original_name"],
        line=int(line) if line is not None else None,
        column=column,
        expected=str(result.expected)[:300],
        found=(
            f"{result.observed} offending row(s); first: {sample[0]}"
            if sample
            else str(result.observed)
        )[:300],
        fix=fix,
        details={"sample": sample, "severity": result.severity},
    )


def judge(pending: list[dict], results: list[runner.CheckResult]) -> dict[int, dict]:
    """Per pending table (by load id): passed or not, its failures as Problems, its warnings."""
    outcomes: dict[int, dict] = {}
    for item in pending:
        own = [r for r in results if r.load_id == item["load_id"]]
        errors = [r for r in own if r.blocking]
        warnings = [r for r in own if not r.success and r.severity == "warning"]
        outcomes[item["load_id"]] = {
            "passed": not errors,
            "checks": len(own),
            "failures": [
                {"check": r.check, "problem": problem_for(item, r).as_dict()} for r in errors
            ],
            "warnings": [
                {
                    "code": "RAW_GATE_WARNING",
                    "check": r.check,
                    "observed": r.observed,
                    "expected": r.expected,
                }
                for r in warnings
            ],
        }
    return outcomes


def _unrunnable(results: list[runner.CheckResult]) -> None:
    broken = [r for r in results if r.error]
    if broken:
        # A check that cannot run says nothing about the file: fail the task and keep the files
        # staged, so they are judged again once the suite is fixed (never quarantined for it).
        raise runner.GateError(
            "raw checks could not run: "
            + "; ".join(f"{r.table} {r.check}: {r.error}" for r in broken[:5])
        )


def check(settings: Settings, pending: list[dict]) -> dict[int, dict]:
    """The same suites on `sto duo check`'s pending copy: nothing recorded, no Data Docs."""
    results = runner.validate(settings.loader_url, specs_for(settings, pending), None, None)
    _unrunnable(results)
    return judge(pending, results)


def run(settings: Settings, pending: list[dict], run_id: str | None) -> dict[int, dict]:
    specs = specs_for(settings, pending)
    results = runner.validate(settings.loader_url, specs, run_id, settings.datadocs / "raw")
    with db.loader(settings) as conn:
        runner.record(conn, "raw", run_id, results)
    _unrunnable(results)
    return judge(pending, results)
