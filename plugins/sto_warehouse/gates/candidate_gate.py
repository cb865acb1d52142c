"""The candidate gate: every candidate suite against the *__wap build, in one GX session, and
the disclosure audit of the whole release (sto_warehouse.disclosure.audit: linear programming
over every published count, docs/monitor.md "Disclosure control")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sto_warehouse import db
from sto_warehouse.config import Settings
from sto_warehouse.gates import runner

CANDIDATE = {"marts": "marts__wap", "monitor": "monitor__wap"}


def as_of(settings: Settings) -> str:
    return settings.as_of or datetime.now(ZoneInfo("Europe/Amsterdam")).date().isoformat()


def specs(settings: Settings) -> list[runner.SuiteSpec]:
    import expectations
    from expectations.candidate import schema_of

    ctx = {**CANDIDATE, "as_of": as_of(settings)}
    return [
        runner.SuiteSpec(
            name=f"candidate.{name}",
            schema=CANDIDATE[schema_of(name)],
            table=name,
            build=module.build,
            ctx=ctx,
        )
        for name, module in expectations.candidate_suites().items()
    ]


def run(settings: Settings, run_id: str | None) -> dict:
    results = runner.validate(
        settings.transformer_url, specs(settings), run_id, settings.datadocs / "candidate"
    )
    with db.transformer(settings) as conn:
        results += disclosure_audit(conn)
        runner.record(conn, "candidate", run_id, results)
    return runner.summarise(results)


def disclosure_audit(conn) -> list[runner.CheckResult]:
    """The release-wide audit; scipy (HiGHS) is imported only here, when the gate runs."""
    from sto_warehouse.disclosure import audit

    return audit.gate_results(conn, CANDIDATE["monitor"])
