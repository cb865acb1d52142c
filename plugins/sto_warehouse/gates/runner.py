"""The one module that talks to Great Expectations.

A suite module in ``expectations/`` exposes ``build(gxe, ctx) -> list[Expectation]``; every
expectation carries ``meta={"severity": "error" | "warning", "check": "<name>"}``. The runner
imports GX once per stage, validates every suite with ``BOOLEAN_ONLY``, then re-runs only the
failing expectations with ``COMPLETE`` to collect sample rows for the message.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg

from sto_warehouse.config import Settings

log = logging.getLogger(__name__)
SAMPLE_ROWS = 5


@dataclass
class SuiteSpec:
    """One suite run against one table."""

    name: str
    schema: str
    table: str
    build: Callable[[Any, dict], list]
    ctx: dict = field(default_factory=dict)
    load_id: int | None = None
    label: str | None = None  # how the table is named in results (default schema.table)


class GateError(RuntimeError):
    """A check could not run: the suite, not the data, is wrong. Nothing is judged on it."""


@dataclass
class CheckResult:
    suite: str
    table: str
    check: str
    expectation: str
    severity: str
    success: bool
    observed: Any = None
    expected: Any = None
    sample: list | None = None
    load_id: int | None = None
    error: str | None = None  # the check could not run (a bug in the suite, not in the data)
    # From the check's meta: "what" (filled from the first offending row), "fix", "line_field".
    hint: dict | None = None

    @property
    def blocking(self) -> bool:
        return not self.success and self.severity == "error"

    def as_dict(self) -> dict:
        return {
            "suite": self.suite,
            "table": self.table,
            "check": self.check,
            "expectation": self.expectation,
            "severity": self.severity,
            "success": self.success,
            "observed": self.observed,
            "expected": self.expected,
            "sample": self.sample,
            "load_id": self.load_id,
            "error": self.error,
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _expected_of(config: Any) -> Any:
    if config.description and "unexpected_rows_query" in (config.kwargs or {}):
        return config.description
    kwargs = dict(config.kwargs or {})
    kwargs.pop("batch_id", None)
    kwargs.pop("column", None)
    return _jsonable(kwargs)


def _sample_of(result: dict) -> list | None:
    details = result.get("details") or {}
    rows = details.get("unexpected_rows")
    if rows is not None:
        return _jsonable(list(rows)[:SAMPLE_ROWS])
    values = result.get("partial_unexpected_list") or result.get("unexpected_list")
    if values is not None:
        return _jsonable(list(values)[:SAMPLE_ROWS])
    return None


def _exception_of(info: Any) -> str | None:
    """GX reports a check that could not run either flat or keyed by metric id."""
    if not isinstance(info, dict):
        return None
    entries = [info] if "exception_message" in info or "raised_exception" in info else info.values()
    for entry in entries:
        if isinstance(entry, dict) and (
            entry.get("raised_exception") or entry.get("exception_message")
        ):
            message = entry.get("exception_message") or entry.get("exception_traceback") or ""
            return str(message).strip().splitlines()[-1][:500] if message else "check failed to run"
    return None


def _gx_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def validate(
    url: str,
    specs: list[SuiteSpec],
    run_id: str | None = None,
    docs_dir: Path | None = None,
) -> list[CheckResult]:
    """Validate every suite against its table; one GX import and one datasource per schema.

    The run id is passed to GX (so its results carry the Airflow run id), and with ``docs_dir``
    the GX Data Docs of this validation are built there as a static site.
    """
    if not specs:
        return []
    started = time.monotonic()
    import great_expectations as gx
    import great_expectations.expectations as gxe

    log.info("great_expectations imported in %.1fs", time.monotonic() - started)
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # Progress bars are noise in task logs.
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    from great_expectations.core.run_identifier import RunIdentifier

    gx_run = RunIdentifier(run_name=run_id or "manual")
    datasources: dict[str, Any] = {}
    results: list[CheckResult] = []
    for index, spec in enumerate(specs):
        if spec.schema not in datasources:
            # One datasource per schema, the schema set as search_path (GX deprecates schema_name).
            separator = "&" if "?" in url else "?"
            datasources[spec.schema] = context.data_sources.add_postgres(
                name=f"warehouse_{len(datasources)}",
                connection_string=_gx_url(url)
                + f"{separator}options=-csearch_path%3D{quote(spec.schema, safe='')}",
            )
        asset = datasources[spec.schema].add_table_asset(
            name=f"a{index}_{spec.table}"[:60], table_name=spec.table
        )
        batch_definition = asset.add_batch_definition_whole_table(name="whole")
        expectations = spec.build(gxe, spec.ctx)

        def run(
            selected: list,
            result_format: str,
            suffix: str,
            spec=spec,
            index=index,
            batch_definition=batch_definition,
        ):
            suite = context.suites.add(
                gx.ExpectationSuite(name=f"{spec.name}#{index}{suffix}", expectations=selected)
            )
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(
                    name=f"{spec.name}#{index}{suffix}", data=batch_definition, suite=suite
                )
            )
            return definition.run(result_format=result_format, run_id=gx_run)

        outcome = run(expectations, "BOOLEAN_ONLY", "")
        by_check: dict[str, Any] = {}
        failing = []
        for item in outcome.results:
            meta = item.expectation_config.meta or {}
            check = meta.get("check") or item.expectation_config.type
            by_check[check] = item
            if not item.success:
                failing.append(check)
        detailed: dict[str, Any] = {}
        if failing:
            again = [e for e in spec.build(gxe, spec.ctx) if (e.meta or {}).get("check") in failing]
            for item in run(again, "COMPLETE", "-complete").results:
                meta = item.expectation_config.meta or {}
                detailed[meta.get("check") or item.expectation_config.type] = item
        for check, item in by_check.items():
            config = item.expectation_config
            meta = config.meta or {}
            full = detailed.get(check, item)
            body = full.result or {}
            error = _exception_of(full.exception_info) if not full.success else None
            if error:
                body = {**body, "exception": error}
            results.append(
                CheckResult(
                    suite=spec.name,
                    table=spec.label or f"{spec.schema}.{spec.table}",
                    check=check,
                    expectation=config.type,
                    severity=meta.get("severity", "error"),
                    success=bool(item.success),
                    observed=_jsonable(body.get("observed_value", body.get("exception"))),
                    expected=_expected_of(config),
                    sample=_sample_of(body),
                    load_id=spec.load_id,
                    error=body.get("exception"),
                    hint={k: meta[k] for k in ("what", "fix", "line_field") if k in meta} or None,
                )
            )
    log.info("validated %d suites in %.1fs", len(specs), time.monotonic() - started)
    if docs_dir is not None:
        build_docs(context, docs_dir)
    return results


def build_docs(context: Any, docs_dir: Path) -> None:
    """GX Data Docs of this run as a static site (replaced on every run of the stage)."""
    import shutil

    from sto_warehouse import sitefolder

    # A folder of this build's own: two gate runs at once (two ingest runs, the CLI next to
    # Airflow) must not build into, or rename away, each other's site.
    staging = sitefolder.staging_folder(docs_dir)
    context.add_data_docs_site(
        site_name="sto",
        site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(staging),
            },
        },
    )
    try:
        context.build_data_docs(site_names=["sto"])
        sitefolder.swap_in(staging, docs_dir)
    except Exception:  # noqa: BLE001 - docs are a convenience; never fail a gate on them
        log.exception("GX Data Docs could not be built or put in place")
        shutil.rmtree(staging, ignore_errors=True)
        return
    log.info("GX Data Docs: %s", docs_dir / "index.html")


def record(
    conn: psycopg.Connection, stage: str, run_id: str | None, results: list[CheckResult]
) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "insert into audit.gate_results (run_id, stage, suite, table_name, expectation,"
            " severity, success, observed, expected, sample, load_id)"
            " values (%s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb, %s)",
            [
                (
                    run_id,
                    stage,
                    r.suite,
                    r.table,
                    r.check,
                    r.severity,
                    r.success,
                    json.dumps(r.observed),
                    json.dumps(r.expected),
                    json.dumps(r.sample) if r.sample is not None else None,
                    r.load_id,
                )
                for r in results
            ],
        )
    conn.commit()


def summarise(results: list[CheckResult]) -> dict:
    errors = [r for r in results if r.blocking]
    warnings = [r for r in results if not r.success and r.severity == "warning"]
    return {
        "passed": not errors,
        "checks": len(results),
        "failed_errors": len(errors),
        "failed_warnings": len(warnings),
        "errors": [r.as_dict() for r in errors],
        "warnings": [r.as_dict() for r in warnings],
    }


def settings_url(settings: Settings, role: str) -> str:
    return settings.url_for(role)
