"""The monitor report: a static HTML site over the published release (`sto report`).

``build(settings)`` writes ``$STO_HOME/reports/monitor/``: ``index.html`` (national),
``region-<id>.html`` per region id found in the indicator tables (the no-region bucket GEEN
included, last), and ``style.css``, in Dutch. Charts are inline SVG drawn here (charts.py), so
the site needs no network and no JavaScript. The site is built in a temporary folder next to the target
and swapped in atomically, so the Airflow UI plugin (``/sto/monitor/``) never serves half a site.

Modules: ``specs`` (every chart, parsed from the indicators' declarations), ``data`` (queries and the shaping of
rows into series), ``charts`` (SVG), ``pages`` (what each page shows, rendered from the Jinja2
templates in ``templates/``), ``messages`` (the Dutch texts, number and date formats).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from pathlib import Path

import psycopg

from sto_warehouse import sitefolder
from sto_warehouse.config import Settings
from sto_warehouse.report import data, pages, programme
from sto_warehouse.report.messages import DUTCH
from sto_warehouse.report.specs import ALL_CHARTS, CHARTS, ChartSpec

__all__ = ["ALL_CHARTS", "CHARTS", "MARKER", "build", "read", "render", "write_site"]

MARKER = ".sto-monitor-report"
ATTEMPTS = 3


def read(settings: Settings, specs: tuple[ChartSpec, ...]) -> tuple[data.Published, data.Status]:
    """Published data (bi_reader) and status (audit) of ONE release: when a publication lands
    while reading, read again."""
    published = status = None
    for _ in range(ATTEMPTS):
        before = _release_id(settings)
        with psycopg.connect(settings.bi_reader_url, application_name="sto-report") as conn:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            published = data.read_published(conn, specs)
        status = _status(settings)
        if status.release is None or status.release["release_id"] == before:
            break
    status.freshness = data.read_freshness(settings)
    return published, status


def _release_id(settings: Settings) -> int | None:
    try:
        with _audit(settings) as conn:
            return data.release_id(conn)
    except (psycopg.Error, RuntimeError):  # RuntimeError: no transformer password configured
        return None


@contextlib.contextmanager
def _audit(settings: Settings):
    """audit is read as the transformer role (it may SELECT releases and gate results), read-only."""
    with psycopg.connect(settings.transformer_url, application_name="sto-report") as conn:
        conn.read_only = True
        yield conn


def _status(settings: Settings) -> data.Status:
    try:
        with _audit(settings) as conn:
            return data.read_status(conn)
    except (psycopg.Error, RuntimeError) as exc:
        message = DUTCH.t("release and gate status unavailable: %(error)s", error=exc)
        return data.Status(problems=[message.strip()])


def render(
    settings: Settings,
    published: data.Published,
    status: data.Status,
    specs: tuple[ChartSpec, ...],
    generated_at: dt.datetime | None = None,
    source_quality: str | None = None,
) -> dict[str, str]:
    """File name -> content of every file of the site."""
    site = pages.Site(
        status=status,
        regions=published.regions,
        datadocs_dir=str(settings.datadocs),
        generated_at=generated_at or dt.datetime.now(dt.UTC),
        source_quality=source_quality,
    )
    files = {
        pages.CSS_NAME: pages.stylesheet(),
        "index.html": pages.national_page(specs, published.charts, site),
        programme.FILENAME: programme.page(published.charts, site),
    }
    for region_id in published.regions:
        files[pages.region_filename(region_id)] = pages.region_page(
            region_id, specs, published.charts, site
        )
    files[MARKER] = "Written by `sto report`; this folder is replaced on every build.\n"
    return files


def build(
    settings: Settings,
    out_dir: Path | None = None,
    *,
    specs: tuple[ChartSpec, ...] = CHARTS,
) -> Path:
    """Write the site and return the path of its index.html."""
    target = Path(out_dir) if out_dir else settings.reports / "monitor"
    target = target.expanduser().absolute()
    published, status = read(settings, (*specs, *programme.CHARTS))
    quality = _source_quality(settings)
    write_site(target, render(settings, published, status, specs, source_quality=quality))
    return target / "index.html"


def _source_quality(settings: Settings) -> str | None:
    """The current release's source quality (migration 0005): the banner on every page."""
    try:
        with _audit(settings) as conn:
            row = conn.execute(
                "select source_quality from audit.releases order by release_id desc limit 1"
            ).fetchone()
    except (psycopg.Error, RuntimeError):
        return None
    return row[0] if row else None


# -- writing -------------------------------------------------------------------------------------


def write_site(target: Path, files: dict[str, str]) -> None:
    """Write into a fresh sibling folder, then swap it with ``target`` atomically."""
    if target.exists() and not target.is_dir():
        raise FileExistsError(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise FileExistsError(
            f"{target} is not empty and was not written by `sto report`; choose another --out"
        )
    staging = sitefolder.staging_folder(target)
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    sitefolder.swap_in(staging, target)
