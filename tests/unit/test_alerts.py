"""Failure alerts to a local HTTP receiver and a local SMTP sink (no database needed)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sto_warehouse import alerts, config
from tests.receivers import SmtpSink, Webhook


@pytest.fixture
def receivers():
    hook, smtp = Webhook(), SmtpSink()
    yield hook, smtp
    hook.close()
    smtp.close()


def _settings(tmp_path, **extra):
    return config.load_settings(
        tmp_path, STO_AIRFLOW_PORT="8080", STO_PG_PORT="1", STO_PG_SUPERUSER_PASSWORD="x", **extra
    )


CONTEXT = {
    "dag": SimpleNamespace(dag_id="sto_transform"),
    "run_id": "asset_triggered__2026-11-28T01:00:00+00:00_abc",
    "ti": SimpleNamespace(task_id="candidate_gate"),
    "reason": "task_failure",
}


def test_one_concise_message_to_webhook_and_email(tmp_path, receivers):
    hook, smtp = receivers
    settings = _settings(
        tmp_path,
        STO_ALERT_WEBHOOK_URL=hook.url,
        STO_ALERT_EMAIL_TO="monitor@example.org",
        STO_SMTP_HOST="127.0.0.1",
        STO_SMTP_PORT=str(smtp.port),
    )
    message = alerts.build_message(CONTEXT, settings)
    assert alerts.send(message, settings) == {"webhook": "sent", "email": "sent"}
    (body,) = hook.received
    assert body["dag_id"] == "sto_transform" and body["task_id"] == "candidate_gate"
    assert "sto_transform run asset_triggered__2026-11-28T01:00:00+00:00_abc" in body["text"]
    assert body["links"]["log"].endswith("/tasks/candidate_gate")
    assert body["links"]["data_docs"].endswith("/sto/datadocs/candidate/index.html")
    (mail,) = smtp.messages
    assert "monitor@example.org" in mail["rcpt"][0]
    assert "candidate_gate failed" in mail["data"]


def test_unreachable_channels_never_raise(tmp_path):
    settings = _settings(
        tmp_path,
        STO_ALERT_WEBHOOK_URL="http://127.0.0.1:9/hook",
        STO_ALERT_EMAIL_TO="x@example.org",
        STO_SMTP_HOST="127.0.0.1",
        STO_SMTP_PORT="9",
    )
    outcome = alerts.send(alerts.build_message(CONTEXT, settings), settings)
    assert outcome["webhook"].startswith("failed") and outcome["email"].startswith("failed")
    alerts.on_failure({})  # even an empty context only logs
