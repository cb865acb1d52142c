"""The pages of the monitor report: Jinja2 templates (``templates/*.html.j2``), one shared
stylesheet (``templates/style.css``), no script.

Every template is rendered with autoescaping on, so every value that reaches a page is escaped:
region names and labels come from regional submissions. The only markup inserted as it is
comes from the SVG charts (charts.py, built with markupsafe). The texts are Dutch, from the
message catalogue (messages.py): the templates call ``_()`` / ``ngettext`` with the English
msgid, so an English edition is another ``Language``, not other templates. The pages declare a
Content-Security-Policy that allows nothing but the stylesheet next to them, so a stray
external reference (a CDN, a web font) can never load and shows up as a console error in the
browser test.

This module decides what each chart section shows (``chart_section``: chart and table, or a
box saying why not) as plain objects; the templates decide how it looks.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from sto_warehouse.report import charts
from sto_warehouse.report.data import (
    NATIONAL_ID,
    NO_REGION_ID,
    Dataset,
    Frame,
    Status,
    Unavailable,
    sort_key,
)
from sto_warehouse.report.messages import DUTCH, Language
from sto_warehouse.report.specs import NATIONAL, REGION, ChartSpec

TEMPLATES = Path(__file__).with_name("templates")
CSS_NAME = "style.css"
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none';"
    " form-action 'none'"
)
DATADOCS_URL = "/sto/datadocs/{stage}/index.html"
REPORT_URL = "/sto/monitor/"
# Values the pages translate as they come from the audit tables and dbt (each has a Dutch text
# in the catalogue; tests/report checks it).
GATE_STATES = {"passed": "ok", "passed with warnings": "warn", "failed": "bad"}
SEVERITIES = ("error", "warning")
FRESHNESS_STATES = ("pass", "warn", "error", "runtime error")


@functools.cache
def environment(lang: Language = DUTCH) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # _() and ngettext() trust their msgid as template text (a translation may hold markup):
    # only literal msgids go there. A value from the data is translated with the
    # |translated filter, whose result is escaped like any other value.
    env.install_gettext_callables(lang.gettext, lang.ngettext, newstyle=True)
    env.filters["translated"] = lang.gettext
    env.filters["when"] = lang.when
    env.filters["region_file"] = region_filename
    env.globals.update(
        lang=lang,
        CSP=CSP,
        CSS_NAME=CSS_NAME,
        DATADOCS_URL=DATADOCS_URL,
        REPORT_URL=REPORT_URL,
        GATE_STATES=GATE_STATES,
        NO_REGION_ID=NO_REGION_ID,
    )
    return env


def stylesheet() -> str:
    return (TEMPLATES / CSS_NAME).read_text(encoding="utf-8")


@dataclass
class Site:
    """What every page shares: the status header and the region list."""

    status: Status
    regions: dict[str, str]
    datadocs_dir: str
    generated_at: dt.datetime
    lang: Language = DUTCH
    # real / synthetic / mixed: the current release's inputs (audit.releases.source_quality);
    # every page carries a banner unless real (issue 12).
    source_quality: str | None = None

    @functools.cached_property
    def header(self) -> Markup:
        """The same on every page: rendered once per site."""
        return status_header(self)


def region_filename(region_id: str) -> str:
    """``region-<id>.html``; an id with other characters than A-Z, 0-9, - and _ gets a hash
    suffix, so two ids never share a file."""
    text = str(region_id)
    safe = "".join(c if (c.isascii() and c.isalnum()) or c in "-_" else "_" for c in text)
    if safe != text or not safe:
        safe = f"{safe}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return f"region-{safe}.html"


def category_label(value: object, lang: Language) -> str:
    """An x value (year, period, date) as the pages write it."""
    if isinstance(value, dt.date):
        return lang.when(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# -- the header ----------------------------------------------------------------------------------


def _header(site: Site) -> dict:
    """What the status header shows beyond ``status`` itself: the latest pupils peiljaar, the
    stale sources and one row per source."""
    status = site.status
    pupils = [i["latest"] for i in status.inputs if i["dataset"].startswith("duo_vo_leerlingen")]
    fresh = status.freshness or {}
    sources = fresh.get("sources", {})
    by_name = {i["dataset"]: i for i in status.inputs}
    rows = [
        {
            "name": name,
            "input": by_name.get(name),
            "state": sources.get(name, {}).get("status"),
            "loaded": sources.get(name, {}).get("max_loaded_at"),
        }
        for name in sorted(set(by_name) | set(sources))
    ]
    return {
        "site": site,
        "status": status,
        "pupils_year": max(pupils) if pupils else None,
        "stale": [n for n, s in sources.items() if s["status"] != "pass"],
        "sources": rows,
    }


def status_header(site: Site) -> Markup:
    """The header every page starts with (release, data, quality gate, Data Docs)."""
    return Markup(environment(site.lang).get_template("_status.html.j2").render(_header(site)))


# -- chart sections ------------------------------------------------------------------------------


@dataclass
class Box:
    """Instead of a chart: why there is none (``pending``) or that it does not apply (``na``)."""

    kind: str
    title: str
    text: str


@dataclass
class Row:
    head: str
    cells: list[str]
    href: str | None = None


@dataclass
class Table:
    caption: str
    heads: list[str]
    rows: list[Row]


@dataclass
class Section:
    """One chart on one page: ``state`` is ok / empty / unavailable / not-applicable."""

    spec: ChartSpec
    state: str
    box: Box | None = None
    svg: Markup | None = None
    table: Table | None = None
    notes: list[str] = field(default_factory=list)
    source: str = ""


def where(page: str, region_id: str | None, site: Site) -> str:
    if page == NATIONAL:
        return site.lang.t("the Netherlands")
    return site.regions.get(region_id or "", region_id or "")


def data_table(
    spec: ChartSpec,
    x_name: str,
    frame: Frame,
    reference: Frame | None,
    page: str,
    region_id: str | None,
    site: Site,
) -> Table:
    t = site.lang.t
    heads = [t(x_name)] + [name for name, _ in frame.series]
    columns = [(values, spec.unit) for _, values in frame.series]
    if frame.norm is not None:
        heads.append(t("norm"))
        columns.append((frame.norm, (spec.norm.unit if spec.norm else None) or spec.unit))
    units = {m.label: m.unit or "count" for m in spec.table_extra}
    for name, values in frame.extra:
        heads.append(name)
        columns.append((values, units.get(name, "count")))
    if reference is not None:
        for name, values in reference.series:
            several = len(reference.series) > 1
            heads.append(t("national: %(series)s", series=name) if several else t("national"))
            columns.append((values, spec.unit))
    rows = [
        Row(
            category_label(category, site.lang),
            [charts.format_value(values[i], unit, site.lang) for values, unit in columns],
        )
        for i, category in enumerate(frame.categories)
    ]
    caption = t(
        "Table: %(title)s — %(where)s", title=spec.title, where=where(page, region_id, site)
    )
    return Table(caption, heads, rows)


def chart_section(
    spec: ChartSpec,
    data: Dataset | Unavailable,
    page: str,
    region_id: str | None,
    site: Site,
) -> Section:
    t = site.lang.t
    if page == REGION and spec.grant and region_id == NO_REGION_ID:
        box = Box(
            "na", t("Not applicable."), t("Vestigingen outside every STO region receive no grant.")
        )
        return Section(spec, "not-applicable", box)
    if isinstance(data, Unavailable):
        return Section(spec, "unavailable", Box("pending", t("Not available yet:"), data.reason))
    resolved = data.resolved
    national = data.frame(NATIONAL_ID)
    if spec.kind == "hbar_latest":
        return latest_by_region(spec, data, national, site)
    frame = national if page == NATIONAL else data.frame(region_id or "")
    if not frame.categories:
        if page == NATIONAL:
            text = t("for the Netherlands in %(table)s.", table=resolved.table)
        else:
            text = t("for this region in %(table)s.", table=resolved.table)
        box = Box("pending", t("No data yet"), text)
        return Section(spec, "empty", box, notes=frame.notes, source=resolved.table)
    reference = None
    if page == REGION and spec.national_reference and national.has_values:
        categories = sorted(set(frame.categories) | set(national.categories), key=sort_key)
        frame, reference = frame.reindex(categories), national.reindex(categories)
    table = data_table(spec, resolved.x, frame, reference, page, region_id, site)
    notes = list(frame.notes)
    if not frame.has_values:
        box = Box(
            "pending", t("No values:"), t("every value is withheld or missing (see the table).")
        )
        return Section(spec, "empty", box, table=table, notes=notes, source=resolved.table)
    if any(v is None for _, values in frame.series for v in values):
        notes.append(
            t(
                "– = not published: withheld (suppressed DUO cells or small-cell protection) or no"
                " data."
            )
        )
    svg = render_chart(spec, frame, reference, page, region_id, site)
    return Section(spec, "ok", svg=svg, table=table, notes=notes, source=resolved.table)


def render_chart(
    spec: ChartSpec,
    frame: Frame,
    reference: Frame | None,
    page: str,
    region_id: str | None,
    site: Site,
) -> Markup:
    lang = site.lang
    chart_id = f"svg-{spec.key}"
    place = where(page, region_id, site)
    title = f"{spec.title} — {place}"
    labels = [category_label(c, lang) for c in frame.categories]
    series = [charts.Series(name, tuple(values)) for name, values in frame.series]
    if len(series) == 1 and page == REGION and spec.kind == "line":
        series = [charts.Series(place, series[0].values)]
    if spec.kind == "line":
        if reference is not None:
            several = len(reference.series) > 1
            series += [
                charts.Series(
                    lang.t("national: %(series)s", series=name) if several else lang.t("national"),
                    tuple(values),
                    reference=True,
                )
                for name, values in reference.series
            ]
        return charts.line_chart(chart_id, title, labels, series, spec.unit, lang=lang)
    return charts.bar_chart(
        chart_id,
        title,
        labels,
        series,
        spec.unit,
        stacked=spec.kind == "stacked",
        norm=frame.norm if spec.kind == "bars_norm" else None,
        norm_label=spec.norm.label if spec.norm else None,
        lang=lang,
    )


def latest_by_region(spec: ChartSpec, data: Dataset, national: Frame, site: Site) -> Section:
    """Every region's value in the latest x with a value, as horizontal bars with links."""
    lang, t = site.lang, site.lang.t
    source = data.resolved.table
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
        box = Box("pending", t("No values:"), t("no region has a published value."))
        return Section(spec, "empty", box, source=source)
    ordered = [r for r in site.regions if r in frames]
    values = [frames[r].reindex([latest]).series[0][1][0] for r in ordered]
    labels = [f"{site.regions.get(r, r)} ({r})" for r in ordered]
    when_label = category_label(latest, lang)
    national_value = national.reindex([latest]).series[0][1][0] if national.categories else None
    svg = charts.hbar_chart(
        f"svg-{spec.key}",
        f"{spec.title}: {when_label}",
        labels,
        values,
        spec.unit,
        reference=national_value if spec.national_reference else None,
        reference_label=t("national %(when)s", when=when_label),
        series_label=t("%(measure)s, %(when)s", measure=spec.measures[0].label, when=when_label),
        lang=lang,
    )
    rows = [
        Row(text, [charts.format_value(v, spec.unit, lang)], region_filename(r))
        for r, text, v in zip(ordered, labels, values, strict=True)
    ]
    rows.append(Row(t("national"), [charts.format_value(national_value, spec.unit, lang)]))
    caption = t("Table: %(title)s — %(where)s", title=spec.title, where=when_label)
    table = Table(caption, [t("region"), when_label], rows)
    notes = []
    if any(v is None for v in values):
        notes.append(
            t(
                "– = not published: withheld (suppressed DUO cells or small-cell protection) or no"
                " data."
            )
        )
    return Section(spec, "ok", svg=svg, table=table, notes=notes, source=source)


# -- pages ---------------------------------------------------------------------------------------


def _render(template: str, site: Site, **context) -> str:
    return (
        environment(site.lang)
        .get_template(template)
        .render(site=site, header=site.header, **context)
    )


def national_page(
    specs: tuple[ChartSpec, ...], charts_data: dict[str, Dataset | Unavailable], site: Site
) -> str:
    sections = [
        chart_section(spec, charts_data[spec.key], NATIONAL, None, site)
        for spec in specs
        if NATIONAL in spec.pages
    ]
    return _render(
        "national.html.j2", site, title=site.lang.t("the Netherlands"), sections=sections
    )


def region_page(
    region_id: str,
    specs: tuple[ChartSpec, ...],
    charts_data: dict[str, Dataset | Unavailable],
    site: Site,
) -> str:
    ids = list(site.regions)
    index = ids.index(region_id)
    sections = [
        chart_section(spec, charts_data[spec.key], REGION, region_id, site)
        for spec in specs
        if REGION in spec.pages
    ]
    return _render(
        "region.html.j2",
        site,
        title=f"{site.regions[region_id]} ({region_id})",
        region_id=region_id,
        previous=ids[index - 1] if index > 0 else None,
        next=ids[index + 1] if index < len(ids) - 1 else None,
        sections=sections,
    )
