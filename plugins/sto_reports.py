"""Airflow UI plugin: the STO reports next to the DAGs.

Serves, from $STO_HOME, the GX Data Docs of the last raw and candidate gates, the monitor report
and the dbt docs under /sto/..., and adds them to the Airflow UI's navigation (shown in the UI as
embedded pages). Kept light: no GX, pandas or dbt; the folders may not exist yet.
"""

from __future__ import annotations

from airflow.plugins_manager import AirflowPlugin
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from sto_warehouse.config import load_settings

_settings = load_settings()
_folders = {
    "datadocs": _settings.datadocs,
    "monitor": _settings.reports / "monitor",
    "dbt-docs": _settings.dbt_runs / "docs",
}

app = FastAPI(title="STO reports")
for _route, _folder in _folders.items():
    app.mount(f"/{_route}", StaticFiles(directory=str(_folder), html=True, check_dir=False))


class StoReportsPlugin(AirflowPlugin):
    name = "sto_reports"
    fastapi_apps = [{"app": app, "url_prefix": "/sto", "name": "STO reports"}]
    external_views = [
        {
            "name": "GX Data Docs (candidate gate)",
            "href": "/sto/datadocs/candidate/index.html",
            "url_route": "sto-datadocs-candidate",
            "destination": "nav",
            "category": "STO",
        },
        {
            "name": "GX Data Docs (raw gate)",
            "href": "/sto/datadocs/raw/index.html",
            "url_route": "sto-datadocs-raw",
            "destination": "nav",
            "category": "STO",
        },
        {
            "name": "Monitor report",
            "href": "/sto/monitor/index.html",
            "url_route": "sto-monitor",
            "destination": "nav",
            "category": "STO",
        },
        {
            "name": "dbt docs",
            "href": "/sto/dbt-docs/index.html",
            "url_route": "sto-dbt-docs",
            "destination": "nav",
            "category": "STO",
        },
    ]
