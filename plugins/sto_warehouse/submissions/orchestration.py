"""What the `submissions` task group of dags/sto_ingest.py calls. Import-light (the DAG processor
imports it): openpyxl, psycopg work and the validation are imported inside the functions."""

from __future__ import annotations

import logging

POOL = "submissions"
POOL_SLOTS = 4
POOL_DESCRIPTION = "Regional submissions: one slow file never blocks the others (issue 4)"
# A mapped task costs Airflow ~5-10 s of overhead: new submissions are mapped in at most this
# many batches (one file per batch while there are few), each file judged on its own.
MAX_BATCHES = 16

log = logging.getLogger(__name__)


def settings():
    from sto_warehouse.config import load_settings

    return load_settings()


def discover(conf: dict | None = None) -> dict[str, list[dict]]:
    from sto_warehouse.submissions import pipeline

    if (conf or {}).get("reload") is not None:
        log.info("a reload of DUO partitions: no submission is judged in this run")
        return {"registrations": [], "others": []}
    found = pipeline.discover(settings())
    log.info(
        "%d new registration(s), %d other new submission(s)",
        len(found["registrations"]),
        len(found["others"]),
    )
    return found


def process(task: dict, run_id: str | None) -> dict:
    from sto_warehouse.submissions import pipeline

    return pipeline.process(settings(), task, run_id)


def batches(tasks: list[dict], max_batches: int = MAX_BATCHES) -> list[list[dict]]:
    """Split the new submissions into at most ``max_batches`` mapped tasks, in order."""
    if not tasks:
        return []
    size = -(-len(tasks) // max_batches)
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def process_batch(tasks: list[dict], run_id: str | None) -> list[dict]:
    """Judge each submission of a batch on its own: a file that breaks the code (a bug, not a
    bad file) is logged and left unjudged - it is tried again next run - and never stops the
    others."""
    results = []
    for task in tasks:
        try:
            results.append(process(task, run_id))
        except Exception:  # noqa: BLE001 - isolate one file from the rest of its batch
            log.exception("could not judge %s; it stays in the landing folder", task.get("names"))
    return results


def summarise(results: list[dict | list[dict] | None]) -> dict:
    from sto_warehouse.submissions import pipeline

    flat: list[dict | None] = []
    for item in results:
        flat.extend(item if isinstance(item, list) else [item])
    summary = pipeline.summarise(flat)
    for item in summary["rejected"]:
        log.warning(
            "REJECTED %s (%s): [%s] %s | feedback: %s",
            item.get("names"),
            item.get("region_id"),
            item.get("code"),
            item.get("reason"),
            item.get("feedback_html"),
        )
    for item in summary["loaded"]:
        log.info(
            "loaded %s -> %s %s %s",
            item.get("names"),
            item.get("region_id"),
            item.get("submission_type"),
            item.get("period"),
        )
    return summary


def ensure_pool(client) -> None:
    """Create the Airflow pool the per-file tasks run in (idempotent; REST API v2)."""
    from sto_warehouse.airflow_client import AirflowError

    try:
        client._request("GET", f"/api/v2/pools/{POOL}")
        return
    except AirflowError as exc:
        if "HTTP 404" not in str(exc):
            raise
    client._request(
        "POST",
        "/api/v2/pools",
        {
            "name": POOL,
            "slots": POOL_SLOTS,
            "description": POOL_DESCRIPTION,
            "include_deferred": False,
        },
    )
