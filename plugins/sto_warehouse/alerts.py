"""One concise alert per failed DAG run: what failed, which run, links to the log and Data Docs.

Configured by environment (`$STO_HOME/.env` works too): ``STO_ALERT_WEBHOOK_URL`` (POSTs JSON with
a Slack/Teams-style ``text`` field) and/or ``STO_ALERT_EMAIL_TO`` with ``STO_SMTP_HOST``,
``STO_SMTP_PORT`` (25), ``STO_ALERT_EMAIL_FROM``, optional ``STO_SMTP_USER``/``STO_SMTP_PASSWORD``
and ``STO_SMTP_STARTTLS=true``. Without either, alerts are only logged. Sending never raises: an
alert that cannot be delivered must not hide the failure it reports.

Used as the DAG-level ``on_failure_callback`` of every DAG (run by Airflow's DAG processor), and
callable directly (`sto` tests it against a local HTTP receiver and SMTP sink).
"""

from __future__ import annotations

import json
import logging
import smtplib
import urllib.parse
import urllib.request
from email.message import EmailMessage

log = logging.getLogger(__name__)


def _settings():
    from sto_warehouse.config import load_settings

    return load_settings()


def _failed_checks(settings, run_id: str | None) -> list[str]:
    if not run_id:
        return []
    try:
        import psycopg

        with psycopg.connect(settings.admin_url, connect_timeout=5) as conn:
            rows = conn.execute(
                "select stage, table_name, expectation from audit.gate_results where run_id = %s"
                " and not success and severity = 'error' order by gate_result_id limit 3",
                (run_id,),
            ).fetchall()
    except Exception:  # noqa: BLE001 - the alert goes out with or without this detail
        return []
    return [f"{stage} gate: {check} on {table}" for stage, table, check in rows]


def build_message(context: dict, settings=None) -> dict:
    settings = settings or _settings()
    dag = context.get("dag")
    dag_id = getattr(dag, "dag_id", None) or context.get("dag_id") or "?"
    run_id = context.get("run_id") or getattr(context.get("dag_run"), "run_id", None)
    ti = context.get("ti") or context.get("task_instance")
    task_id = getattr(ti, "task_id", None)
    base = settings.get("STO_AIRFLOW_URL") or settings.airflow_base_url
    quoted_run = urllib.parse.quote(run_id or "", safe="")
    links = {"run": f"{base}/dags/{dag_id}/runs/{quoted_run}"}
    if task_id:
        links["log"] = f"{base}/dags/{dag_id}/runs/{quoted_run}/tasks/{task_id}"
    stage = "candidate" if "transform" in dag_id else "raw"
    links["data_docs"] = f"{base}/sto/datadocs/{stage}/index.html"
    checks = _failed_checks(settings, run_id)
    reason = context.get("reason") or context.get("exception")
    what = f"task {task_id} failed" if task_id else "the run failed"
    text = f"[sto-warehouse] {dag_id} run {run_id}: {what}"
    if checks:
        text += "; " + "; ".join(checks)
    elif reason:
        text += f" ({str(reason)[:200]})"
    text += f". Log: {links.get('log', links['run'])} Data Docs: {links['data_docs']}"
    return {
        "text": text,
        "dag_id": dag_id,
        "run_id": run_id,
        "task_id": task_id,
        "failed_checks": checks,
        "links": links,
    }


def send(message: dict, settings=None) -> dict[str, str]:
    """Deliver to every configured channel; returns channel -> 'sent' | error text."""
    settings = settings or _settings()
    outcome: dict[str, str] = {}
    webhook = settings.get("STO_ALERT_WEBHOOK_URL")
    if webhook:
        try:
            request = urllib.request.Request(
                webhook,
                data=json.dumps(message).encode(),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
            outcome["webhook"] = "sent"
        except Exception as exc:  # noqa: BLE001 - never raise from an alert
            outcome["webhook"] = f"failed: {exc}"
    to = settings.get("STO_ALERT_EMAIL_TO")
    host = settings.get("STO_SMTP_HOST")
    if to and host:
        try:
            email = EmailMessage()
            email["Subject"] = message["text"][:120]
            email["From"] = settings.get("STO_ALERT_EMAIL_FROM", "sto-warehouse@localhost")
            email["To"] = to
            email.set_content(message["text"] + "\n\n" + json.dumps(message["links"], indent=2))
            with smtplib.SMTP(
                host, int(settings.get("STO_SMTP_PORT", "25") or 25), timeout=10
            ) as smtp:
                if (settings.get("STO_SMTP_STARTTLS") or "").lower() == "true":
                    smtp.starttls()
                user = settings.get("STO_SMTP_USER")
                if user:
                    smtp.login(user, settings.get("STO_SMTP_PASSWORD", "") or "")
                smtp.send_message(email)
            outcome["email"] = "sent"
        except Exception as exc:  # noqa: BLE001 - never raise from an alert
            outcome["email"] = f"failed: {exc}"
    for channel, result in outcome.items():
        (log.info if result == "sent" else log.error)("alert via %s: %s", channel, result)
    if not outcome:
        log.warning("no alert channel configured: %s", message["text"])
    return outcome


def on_failure(context: dict) -> None:
    """DAG-level on_failure_callback."""
    try:
        settings = _settings()
        send(build_message(context, settings), settings)
    except Exception:  # noqa: BLE001 - a broken alert must not break the DAG processor
        log.exception("failure alert could not be built")
