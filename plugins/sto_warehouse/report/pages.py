"""Page templates of the monitor report: plain HTML, one shared stylesheet, no script.

Every text that reaches a page goes through ``e()`` (html.escape): region names and labels come
from regional submissions. The pages declare a Content-Security-Policy that allows nothing but
the stylesheet next to them, so a stray external reference (a CDN, a web font) can never load and
shows up as a console error in the browser test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from html import escape
from zoneinfo import ZoneInfo

from sto_warehouse.report import charts
from sto_warehouse.report.data import (
    NATIONAL_ID,
    NO_REGION_ID,
    Dataset,
    Frame,
    Status,
    Unavailable,
    label,
    sort_key,
)
from sto_warehouse.report.specs import NATIONAL, REGION, ChartSpec

TZ = ZoneInfo("Europe/Amsterdam")
CSS_NAME = "style.css"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none';"
    " form-action 'none'"
)
DATADOCS_URL = "/sto/datadocs/{stage}/index.html"
REPORT_URL = "/sto/monitor/"


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def when(value: object) -> str:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(TZ).strftime("%Y-%m-%d %H:%M %Z")
    return "–" if value is None else str(value)


@dataclass
class Site:
    """What every page shares: the status header and the region list."""

    status: Status
    regions: dict[str, str]
    datadocs_dir: str
    generated_at: dt.datetime


def region_filename(region_id: str) -> str:
    """``region-<id>.html``; an id with other characters than A-Z, 0-9, - and _ gets a hash
    suffix, so two ids never share a file."""
    text = str(region_id)
    safe = "".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "_" for c in text)
    if safe != text or not safe:
        safe = f"{safe}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return f"region-{safe}.html"


# -- the header ----------------------------------------------------------------------------------


def status_header(site: Site) -> str:
    status = site.status
    items = []
    release = status.release
    if release:
        forced = (
            f' <span class="badge bad">forced: {e(release["reason"] or "no reason")}</span>'
            if release["forced"]
            else ""
        )
        items.append(
            f"<div><dt>Release</dt><dd><strong>{e(release['release_id'])}</strong>, published"
            f" {e(when(release['published_at']))}"
            f' <span class="muted">(run {e(release["run_id"])})</span>{forced}</dd></div>'
        )
    else:
        items.append("<div><dt>Release</dt><dd>nothing published yet</dd></div>")
    items.append(f"<div><dt>Data</dt><dd>{freshness_summary(status)}</dd></div>")
    items.append(f"<div><dt>Quality gate</dt><dd>{gate_summary(status)}</dd></div>")
    docs = DATADOCS_URL.format(stage="candidate")
    items.append(
        f'<div><dt>Data Docs</dt><dd><a href="{e(docs)}">candidate gate</a> ·'
        f' <a href="{e(DATADOCS_URL.format(stage="raw"))}">raw gate</a>'
        ' <span class="muted">(links work in the Airflow UI, STO menu; opened as files, see'
        f" <code>{e(site.datadocs_dir)}/candidate/index.html</code>)</span></dd></div>"
    )
    for problem in status.problems:
        items.append(f'<div><dt>Note</dt><dd class="warn">{e(problem)}</dd></div>')
    return f'<dl class="status">{"".join(items)}</dl>{freshness_details(status)}'


def freshness_summary(status: Status) -> str:
    fresh = status.freshness
    pupils = [i["latest"] for i in status.inputs if i["dataset"].startswith("duo_vo_leerlingen")]
    parts = []
    if pupils:
        parts.append(f"pupils up to peiljaar {e(max(pupils))}")
    if status.inputs:
        parts.append(f"{len(status.inputs)} sources in this release")
    if fresh is None:
        parts.append('<span class="muted">freshness not measured yet</span>')
    elif fresh.get("error"):
        parts.append(f'<span class="warn">{e(fresh["error"])}</span>')
    else:
        stale = [n for n, s in fresh["sources"].items() if s["status"] != "pass"]
        measured = f"(dbt source freshness {e(when(fresh['generated_at']))})"
        if stale:
            parts.append(
                f'<span class="badge warn">{len(stale)} stale</span> {e(", ".join(stale))}'
                f" {measured}"
            )
        else:
            parts.append(
                f'<span class="badge ok">all {len(fresh["sources"])} fresh</span> {measured}'
            )
    return "; ".join(parts) if parts else "–"


def freshness_details(status: Status) -> str:
    if not status.inputs and not (status.freshness and status.freshness.get("sources")):
        return ""
    sources = (status.freshness or {}).get("sources", {})
    names = sorted({i["dataset"] for i in status.inputs} | set(sources))
    by_name = {i["dataset"]: i for i in status.inputs}
    rows = []
    for name in names:
        item = by_name.get(name, {})
        state = sources.get(name, {}).get("status", "–")
        css = "ok" if state == "pass" else ("warn" if state != "–" else "")
        periods = f"{e(item['first'])} – {e(item['latest'])} ({item['periods']})" if item else "–"
        loaded = sources.get(name, {}).get("max_loaded_at")
        rows.append(
            f'<tr><th scope="row">{e(name)}</th><td>{periods}</td>'
            f'<td class="{css}">{e(state)}</td><td>{e(when(loaded) if loaded else "–")}</td></tr>'
        )
    return (
        '<details class="freshness"><summary>Sources and periods in this release</summary>'
        '<table class="data"><thead><tr><th scope="col">source</th>'
        '<th scope="col">periods (count)</th><th scope="col">freshness</th>'
        '<th scope="col">newest load</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></details>"
    )


def gate_summary(status: Status) -> str:
    gate = status.gate
    if gate is None:
        return '<span class="muted">no candidate gate has run yet</span>'
    css = {"passed": "ok", "passed with warnings": "warn"}.get(gate["state"], "bad")
    text = (
        f'<span class="badge {css}">{e(gate["state"])}</span> {gate["checks"]} checks,'
        f" {gate['errors']} failed errors, {gate['warnings']} failed warnings"
        f' <span class="muted">(run {e(gate["run_id"])}, {e(when(gate["checked_at"]))})</span>'
    )
    release = status.release
    if gate["errors"] and release and release.get("run_id") != gate["run_id"]:
        text += f"; the published release stays {e(release['release_id'])}"
    if gate["failed"]:
        items = "".join(
            f"<li>{e(f['severity'])}: {e(f['table'])} — {e(f['check'])}</li>"
            for f in gate["failed"]
        )
        text += (
            f'<details><summary>failed checks</summary><ul class="checks">{items}</ul></details>'
        )
    return text


# -- charts --------------------------------------------------------------------------------------


def box(kind: str, title: str, text: str) -> str:
    return f'<div class="box {e(kind)}" role="note"><strong>{e(title)}</strong> {e(text)}</div>'


def data_table(
    spec: ChartSpec, x_name: str, frame: Frame, reference: Frame | None, page: str
) -> str:
    heads = [x_name] + [name for name, _ in frame.series]
    columns = [values for _, values in frame.series]
    if frame.norm is not None:
        heads.append("norm")
        columns.append(frame.norm)
    for name, values in frame.extra:
        heads.append(name)
        columns.append(values)
    if reference is not None:
        for name, values in reference.series:
            heads.append(f"national: {name}" if len(reference.series) > 1 else "national")
            columns.append(values)
    head = "".join(f'<th scope="col">{e(h)}</th>' for h in heads)
    body = []
    for i, category in enumerate(frame.labels):
        cells = "".join(
            f"<td>{e(charts.format_value(values[i], value_unit(spec, heads[j + 1])))}</td>"
            for j, values in enumerate(columns)
        )
        body.append(f'<tr><th scope="row">{e(category)}</th>{cells}</tr>')
    caption = f"Data: {spec.title} ({'national' if page == NATIONAL else 'region'})"
    return (
        f'<table class="data"><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def value_unit(spec: ChartSpec, heading: str) -> str:
    """An extra table column has its own unit (``Measure.unit``), else counts."""
    for measure in spec.table_extra:
        if measure.label == heading:
            return measure.unit or "count"
    if heading == "norm" and spec.norm is not None:
        return spec.norm.unit or spec.unit
    return spec.unit


def chart_section(
    spec: ChartSpec,
    data: Dataset | Unavailable,
    page: str,
    region_id: str | None,
    site: Site,
) -> str:
    anchor = f"chart-{spec.key}"
    head = (
        f'<h2 id="{e(anchor)}-h">{e(spec.title)}</h2><p class="definition">'
        f"{e(spec.description)}</p>"
    )

    def section(state: str, body: str, notes: list[str] | None = None, source: str = "") -> str:
        extra = "".join(f'<p class="note">{e(n)}</p>' for n in dict.fromkeys(notes or []))
        src = f'<p class="source">Source: <code>{e(source)}</code></p>' if source else ""
        return (
            f'<section class="chart-block" id="{e(anchor)}" data-chart="{e(spec.key)}"'
            f' data-state="{e(state)}" aria-labelledby="{e(anchor)}-h">'
            f"{head}{body}{extra}{src}</section>"
        )

    if page == REGION and spec.grant and region_id == NO_REGION_ID:
        return section(
            "not-applicable",
            box("na", "Not applicable.", "Vestigingen outside every STO region receive no grant."),
        )
    if isinstance(data, Unavailable):
        return section("unavailable", box("pending", "Not available yet:", data.reason))
    resolved = data.resolved
    national = data.frame(NATIONAL_ID)
    if spec.kind == "hbar_latest":
        return section(*latest_by_region(spec, data, national, site), source=resolved.table)
    frame = national if page == NATIONAL else data.frame(region_id or "")
    if not frame.categories:
        what = "the country" if page == NATIONAL else "this region"
        return section(
            "empty",
            box("pending", "No data yet", f"for {what} in {resolved.table}."),
            frame.notes,
            resolved.table,
        )
    reference = None
    if page == REGION and spec.national_reference and national.has_values:
        categories = sorted(set(frame.categories) | set(national.categories), key=sort_key)
        frame, reference = frame.reindex(categories), national.reindex(categories)
    table = data_table(spec, resolved.x, frame, reference, page)
    if not frame.has_values:
        return section(
            "empty",
            box("pending", "No values:", "every value is withheld or missing (see the table).")
            + table,
            frame.notes,
            resolved.table,
        )
    svg = render_chart(spec, frame, reference, page, region_id, site)
    withheld = any(v is None for _, values in frame.series for v in values)
    notes = list(frame.notes)
    if withheld:
        notes.append(
            "– = not published: withheld (suppressed DUO cells or small-cell protection) or no"
            " data."
        )
    return section("ok", f'<figure class="chart">{svg}</figure>{table}', notes, resolved.table)


def render_chart(
    spec: ChartSpec,
    frame: Frame,
    reference: Frame | None,
    page: str,
    region_id: str | None,
    site: Site,
) -> str:
    chart_id = f"svg-{spec.key}"
    where = "Nederland" if page == NATIONAL else site.regions.get(region_id or "", region_id)
    title = f"{spec.title} — {where}"
    series = [charts.Series(name, tuple(values)) for name, values in frame.series]
    if len(series) == 1 and page == REGION and spec.kind == "line":
        series = [charts.Series(str(where), series[0].values)]
    if spec.kind == "line":
        if reference is not None:
            series += [
                charts.Series(
                    "national" if len(reference.series) == 1 else f"national: {name}",
                    tuple(values),
                    reference=True,
                )
                for name, values in reference.series
            ]
        return charts.line_chart(chart_id, title, frame.labels, series, spec.unit)
    return charts.bar_chart(
        chart_id,
        title,
        frame.labels,
        series,
        spec.unit,
        stacked=spec.kind == "stacked",
        norm=frame.norm if spec.kind == "bars_norm" else None,
    )


def latest_by_region(
    spec: ChartSpec, data: Dataset, national: Frame, site: Site
) -> tuple[str, str, list[str]]:
    frames = {r: data.frame(r) for r in data.region_ids()}
    categories = sorted(
        {c for f in frames.values() for c, _ in zip(f.categories, f.series[0][1], strict=True)},
        key=sort_key,
    )
    latest = next(
        (
            c
            for c in reversed(categories)
            if any(f.reindex([c]).series[0][1][0] is not None for f in frames.values())
        ),
        None,
    )
    if latest is None:
        return "empty", box("pending", "No values:", "no region has a published value."), []
    ordered = [r for r in site.regions if r in frames]
    values = [frames[r].reindex([latest]).series[0][1][0] for r in ordered]
    labels = [f"{site.regions.get(r, r)} ({r})" for r in ordered]
    when_label = label(latest)
    national_value = national.reindex([latest]).series[0][1][0] if national.categories else None
    reference = national_value if spec.national_reference else None
    svg = charts.hbar_chart(
        f"svg-{spec.key}",
        f"{spec.title}: {when_label}",
        labels,
        values,
        spec.unit,
        reference=reference,
        reference_label=f"national {when_label}",
        series_label=f"{spec.measures[0].label}, {when_label}",
    )
    rows = "".join(
        f'<tr><th scope="row"><a href="{e(region_filename(r))}">{e(text)}</a></th>'
        f"<td>{e(charts.format_value(v, spec.unit))}</td></tr>"
        for r, text, v in zip(ordered, labels, values, strict=True)
    )
    national_name = "national (from the regions)" if data.national_derived else "national"
    table = (
        f'<table class="data"><caption>{e(f"Data: {spec.title} ({when_label})")}</caption>'
        f'<thead><tr><th scope="col">region</th><th scope="col">{e(when_label)}</th></tr>'
        f'</thead><tbody>{rows}<tr><th scope="row">{e(national_name)}</th>'
        f"<td>{e(charts.format_value(national_value, spec.unit))}</td></tr></tbody></table>"
    )
    notes = []
    if any(v is None for v in values):
        notes.append("– = withheld (suppression or small-cell protection) or no data.")
    return "ok", f'<figure class="chart">{svg}</figure>{table}', notes


# -- pages ---------------------------------------------------------------------------------------


def page(title: str, crumbs: str, body: str, site: Site) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(CSP)}">'
        f"<title>{e(title)} · Monitor Sterk Techniekonderwijs</title>"
        '<link rel="icon" href="data:,">'
        f'<link rel="stylesheet" href="{CSS_NAME}"></head><body>'
        f'<header class="site"><p class="crumbs">{crumbs}</p><h1>{e(title)}</h1>'
        f"{status_header(site)}</header><main>{body}</main>"
        '<footer class="site"><p>Monitor Sterk Techniekonderwijs · generated'
        f" {e(when(site.generated_at))} by <code>sto report</code> from the published schemas"
        " <code>monitor</code> and <code>marts</code> (read-only role bi_reader). Served by the"
        f" Airflow UI at <code>{e(REPORT_URL)}</code>; readable offline.</p></footer>"
        "</body></html>\n"
    )


def national_page(
    specs: tuple[ChartSpec, ...], charts_data: dict[str, Dataset | Unavailable], site: Site
) -> str:
    sections = [
        chart_section(spec, charts_data[spec.key], NATIONAL, None, site)
        for spec in specs
        if NATIONAL in spec.pages
    ]
    return page(
        "Nederland",
        '<a href="index.html">STO monitor</a> › national · <a href="#regions">regions</a>',
        "".join(sections) + region_list(site),
        site,
    )


def region_list(site: Site) -> str:
    if not site.regions:
        return (
            '<section id="regions" class="regions"><h2>Regions</h2>'
            + box("pending", "No regions yet:", "no published indicator table has region rows.")
            + "</section>"
        )
    items = "".join(
        f'<li><a href="{e(region_filename(r))}">{e(name)}</a>'
        f' <span class="muted">{e(r)}</span></li>'
        for r, name in site.regions.items()
    )
    return (
        f'<section id="regions" class="regions"><h2>Regions ({len(site.regions)})</h2>'
        '<p class="definition">One page per region id in the indicator tables; the last, GEEN,'
        " holds the vestigingen outside every STO region.</p>"
        f'<ul class="regions">{items}</ul></section>'
    )


def region_page(
    region_id: str,
    specs: tuple[ChartSpec, ...],
    charts_data: dict[str, Dataset | Unavailable],
    site: Site,
) -> str:
    ids = list(site.regions)
    index = ids.index(region_id)
    neighbours = []
    if index > 0:
        neighbours.append(f'<a href="{e(region_filename(ids[index - 1]))}" rel="prev">previous</a>')
    if index < len(ids) - 1:
        neighbours.append(f'<a href="{e(region_filename(ids[index + 1]))}" rel="next">next</a>')
    name = site.regions[region_id]
    crumbs = (
        f'<a href="index.html">STO monitor</a> › <a href="index.html#regions">regions</a> ›'
        f" {e(region_id)} · {' · '.join(neighbours)}"
    )
    intro = ""
    if region_id == NO_REGION_ID:
        intro = (
            '<p class="definition">The vestigingen that belong to no STO region: shown so the'
            " regions and this bucket add up to the national total. Grant indicators do not"
            " apply.</p>"
        )
    sections = [
        chart_section(spec, charts_data[spec.key], REGION, region_id, site)
        for spec in specs
        if REGION in spec.pages
    ]
    return page(f"{name} ({region_id})", crumbs, intro + "".join(sections), site)


STYLESHEET = """\
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9d9; --ok: #1e7a34; --warn: #8a5a00;
  --bad: #b3261e; --accent: #0072b2; --panel: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: #fff; }
a { color: var(--accent); }
header.site, main, footer.site { max-width: 980px; margin: 0 auto; padding: 0 20px; }
header.site { padding-top: 12px; border-bottom: 1px solid var(--line); padding-bottom: 8px; }
.crumbs { margin: 0; color: var(--muted); font-size: 14px; }
h1 { margin: 4px 0 8px; font-size: 26px; }
h2 { margin: 0 0 4px; font-size: 19px; }
dl.status { display: grid; grid-template-columns: 1fr; gap: 2px; margin: 0; font-size: 14px; }
dl.status > div { display: flex; gap: 10px; }
dl.status dt { min-width: 110px; font-weight: 600; color: var(--muted); }
dl.status dd { margin: 0; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 13px;
  font-weight: 600; border: 1px solid currentColor; }
.ok { color: var(--ok); } .warn { color: var(--warn); } .bad { color: var(--bad); }
details { margin: 4px 0; font-size: 14px; }
ul.checks { margin: 4px 0; padding-left: 20px; }
section.chart-block { margin: 26px 0; padding-bottom: 18px; border-bottom: 1px solid var(--line); }
p.definition { margin: 0 0 10px; color: var(--muted); font-size: 14px; max-width: 760px; }
figure.chart { margin: 0 0 8px; }
figure.chart svg { width: 100%; max-width: 760px; height: auto; display: block; }
table.data { border-collapse: collapse; font-size: 13px; margin: 6px 0; min-width: 300px; }
table.data caption { text-align: left; color: var(--muted); font-size: 12px; padding-bottom: 2px; }
table.data th, table.data td { border: 1px solid var(--line); padding: 2px 8px; }
table.data td { text-align: right; font-variant-numeric: tabular-nums; }
table.data th[scope=row] { text-align: left; font-weight: normal; }
table.data thead th { background: var(--panel); }
.box { padding: 12px 14px; border-radius: 6px; border: 1px dashed #9aa0a6; background: var(--panel);
  max-width: 760px; margin: 6px 0; font-size: 14px; }
.box.na { border-style: dotted; }
p.note, p.source { margin: 4px 0; font-size: 13px; color: var(--muted); }
ul.regions { columns: 2; padding-left: 20px; }
footer.site { color: var(--muted); font-size: 13px; padding-bottom: 30px; }
code { font-size: 12.5px; }
@media (max-width: 640px) { ul.regions { columns: 1; } dl.status > div { display: block; } }
@media print { details { display: none; } }
"""
