"""A small client for Airflow 3's REST API v2 (SimpleAuthManager login, JWT bearer)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from sto_warehouse.config import Settings


class AirflowError(RuntimeError):
    pass


@dataclass
class AirflowClient:
    base_url: str
    username: str
    password: str
    timeout: float = 30
    _token: str | None = field(default=None, repr=False)

    @classmethod
    def for_settings(cls, settings: Settings) -> AirflowClient:
        return cls(
            settings.airflow_base_url,
            settings.airflow_user,
            settings.require("STO_AIRFLOW_ADMIN_PASSWORD"),
        )

    def _request(
        self,
        method: str,
        path: str,
        body: Any = None,
        auth: bool = True,
        params: dict | None = None,
    ) -> Any:
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params, doseq=True)
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if auth:
            headers["Authorization"] = f"Bearer {self.token()}"
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode(errors="replace")[:500]
            if exc.code == 401 and auth and self._token:
                self._token = None
                return self._request(method, path, body, auth, params)
            raise AirflowError(f"{method} {path}: HTTP {exc.code}: {detail}") from exc
        return json.loads(text) if text else None

    def token(self) -> str:
        if self._token is None:
            answer = self._request(
                "POST",
                "/auth/token",
                {"username": self.username, "password": self.password},
                auth=False,
            )
            self._token = answer["access_token"]
        return self._token

    # -- endpoints ------------------------------------------------------------------------------
    def health(self) -> dict:
        return self._request("GET", "/api/v2/monitor/health", auth=False)

    def dag(self, dag_id: str) -> dict | None:
        try:
            return self._request("GET", f"/api/v2/dags/{dag_id}")
        except AirflowError as exc:
            if "HTTP 404" in str(exc):
                return None
            raise

    def unpause(self, dag_id: str) -> None:
        self._request(
            "PATCH",
            f"/api/v2/dags/{dag_id}",
            {"is_paused": False},
            params={"update_mask": "is_paused"},
        )

    def trigger(
        self,
        dag_id: str,
        run_id: str | None = None,
        conf: dict | None = None,
        logical_date: str | None = None,
    ) -> dict:
        body: dict[str, Any] = {"logical_date": logical_date}
        if run_id:
            body["dag_run_id"] = run_id
        if conf:
            body["conf"] = conf
        return self._request("POST", f"/api/v2/dags/{dag_id}/dagRuns", body)

    def run(self, dag_id: str, run_id: str) -> dict:
        quoted = urllib.parse.quote(run_id, safe="")
        return self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns/{quoted}")

    def runs(self, dag_id: str, limit: int = 10, **filters: Any) -> list[dict]:
        params = {"order_by": "-run_after", "limit": limit, **filters}
        return self._request("GET", f"/api/v2/dags/{dag_id}/dagRuns", params=params)["dag_runs"]

    def task_instances(self, dag_id: str, run_id: str) -> list[dict]:
        """Every task instance of the run (the API pages them: one per dbt node is hundreds)."""
        quoted = urllib.parse.quote(run_id, safe="")
        found: list[dict] = []
        while True:
            answer = self._request(
                "GET",
                f"/api/v2/dags/{dag_id}/dagRuns/{quoted}/taskInstances",
                # By the task instance's id: a stable order, so no page repeats or skips a task
                # whose state changed between two requests (the default order is not).
                params={"limit": 100, "offset": len(found), "order_by": "id"},
            )
            found.extend(answer["task_instances"])
            if not answer["task_instances"] or len(found) >= answer["total_entries"]:
                return found

    def asset_events(self, source_dag_id: str, source_run_id: str) -> list[dict]:
        """The Asset events a run emitted, each with the runs they created (``created_dagruns``)."""
        answer = self._request(
            "GET",
            "/api/v2/assets/events",
            params={"source_dag_id": source_dag_id, "source_run_id": source_run_id},
        )
        return answer["asset_events"]

    def import_errors(self) -> list[dict]:
        return self._request("GET", "/api/v2/importErrors")["import_errors"]

    def xcom(
        self, dag_id: str, run_id: str, task_id: str, key: str = "return_value", map_index: int = -1
    ) -> Any:
        quoted = urllib.parse.quote(run_id, safe="")
        answer = self._request(
            "GET",
            f"/api/v2/dags/{dag_id}/dagRuns/{quoted}/taskInstances/{task_id}/xcomEntries/{key}",
            params={"map_index": map_index, "deserialize": "true"},
        )
        return answer.get("value")

    def task_log(self, dag_id: str, run_id: str, task_id: str, try_number: int = 1) -> list[str]:
        """The lines of one try's log (for a task that ran in the triggerer, its trigger's)."""
        quoted = urllib.parse.quote(run_id, safe="")
        answer = self._request(
            "GET",
            f"/api/v2/dags/{dag_id}/dagRuns/{quoted}/taskInstances/{task_id}/logs/{try_number}",
            params={"full_content": "true"},
        )
        content = answer.get("content") or []
        if isinstance(content, str):
            return content.splitlines()
        return [
            str(line.get("event", line)) if isinstance(line, dict) else str(line)
            for line in content
        ]

    def wait_for_dag(self, dag_id: str, timeout: float = 180) -> dict:
        deadline = time.monotonic() + timeout
        errors_since: float | None = None
        while time.monotonic() < deadline:
            found = self.dag(dag_id)
            if found is not None:
                return found
            errors = self.import_errors()
            # An import error may be stale until the DAG processor re-parses the file (30 s).
            if errors and errors_since is None:
                errors_since = time.monotonic()
            if errors and time.monotonic() - errors_since > 45:
                detail = "; ".join(f"{e['filename']}: {e['stack_trace'][-600:]}" for e in errors)
                raise AirflowError(f"DAG files fail to import: {detail}")
            time.sleep(1)
        raise AirflowError(f"DAG {dag_id} did not appear within {timeout:.0f}s")
