"""The monitor report (`sto report`): chart specs against what is published, the pages, the
atomic write; on a private database with the synthetic sample loaded, built, gated and
published; and, where Chromium is installed, every page type opened in headless Chromium
(console errors, drawn marks, screenshots in tests/report/screenshots/)."""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner
from markupsafe import escape

from sto_warehouse import config, dbt_runner, publish, synth
from sto_warehouse.gates import candidate_gate
from sto_warehouse.ingest import pipeline as ingest
from sto_warehouse.report import MARKER, build, data, pages, render, write_site
from sto_warehouse.report.specs import CHARTS, NATIONAL, REGION, ChartSpec, Measure
from tests.report import synthetic
from tests.report.browser import Browser, find_chromium
from tests.report.svg import axes, charts_of, repeated_ticks

SCREENSHOTS = Path(__file__).parent / "screenshots"
MISSING_TABLE = ChartSpec(
    key="zz_missing_table",
    title="A chart whose table is not there",
    description="test",
    kind="line",
    table="monitor.ind_does_not_exist",
    measures=(Measure("value", "value"),),
    unit="count",
)
MISSING_COLUMN = ChartSpec(
    key="zz_missing_column",
    title="A chart whose column is not there",
    description="test",
    kind="bars",
    table="monitor.ind_tech_share_upper",
    measures=(Measure("n_no_such_column", "value"),),
    unit="count",
)


class Sections(HTMLParser):
    """data-chart -> data-state of every chart section, and the <svg> ids per section."""

    def __init__(self, text: str):
        super().__init__()
        self.states: dict[str, str] = {}
        self.svgs: dict[str, int] = {}
        self._current = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "data-chart" in attrs:
            self._current = attrs["data-chart"]
            self.states[self._current] = attrs["data-state"]
        if tag == "svg" and self._current:
            self.svgs[self._current] = self.svgs.get(self._current, 0) + 1


# -- specs and shaping, no database ---------------------------------------------------------------


def test_chart_keys_are_unique_and_kinds_known():
    keys = [spec.key for spec in CHARTS]
    assert len(keys) == len(set(keys))
    assert {spec.kind for spec in CHARTS} <= {"line", "bars", "stacked", "bars_norm", "hbar_latest"}
    required = {"tech_share", "profiles_offered", "grant_money", "cofinancing", "fte_contract"}
    assert required <= set(keys)
    for spec in CHARTS:
        assert spec.table.startswith("monitor."), spec.key


def test_a_missing_table_or_column_is_a_reason_not_an_error():
    tables = {"monitor.ind_tech_share_upper": ["peiljaar", "region_id", "share_tech_pupils"]}
    missing = data.resolve(MISSING_TABLE, tables)
    assert isinstance(missing, data.Unavailable)
    assert "monitor.ind_does_not_exist" in missing.reason
    column = data.resolve(MISSING_COLUMN, tables)
    assert isinstance(column, data.Unavailable) and "n_no_such_column" in column.reason
    no_x = data.resolve(MISSING_TABLE, {"monitor.ind_does_not_exist": ["value"]})
    assert isinstance(no_x, data.Unavailable) and "tijdkolom" in no_x.reason


def test_a_partly_published_chart_draws_what_exists_and_says_what_does_not():
    spec = next(s for s in CHARTS if s.key == "grant_money")
    tables = {spec.table: ["subsidiejaar", "region_id", "granted_eur"]}
    resolved = data.resolve(spec, tables)
    assert isinstance(resolved, data.Resolved)
    assert [m.column for m in resolved.measures] == ["granted_eur"]
    assert any("paid_eur" in note for note in resolved.notes)


def _dataset(spec: ChartSpec, columns: list[str], rows: list[dict]) -> data.Dataset:
    resolved = data.resolve(spec, {spec.table: columns})
    assert isinstance(resolved, data.Resolved), resolved
    return data.Dataset(resolved, [{c: r.get(c) for c in resolved.columns()} for r in rows])


def test_national_values_are_the_national_rows_never_added_up_from_the_regions():
    """The national page shows the table's national rows (computed in SQL, with the regions it
    lacks in n_regions_missing); a table without them shows nothing nationally rather than a
    sum the report made up."""
    spec = next(s for s in CHARTS if s.key == "grant_money")
    columns = [
        "subsidiejaar",
        "scope",
        "region_id",
        "granted_eur",
        "spent_eur",
        "n_regions_missing",
    ]
    regions = [
        {
            "subsidiejaar": 2021,
            "scope": "region",
            "region_id": "R1",
            "granted_eur": 100,
            "spent_eur": 40,
            "n_regions_missing": 0,
        },
        {
            "subsidiejaar": 2021,
            "scope": "region",
            "region_id": "R2",
            "granted_eur": 50,
            "spent_eur": None,
            "n_regions_missing": 1,
        },
    ]
    national = [
        {"subsidiejaar": 2021, "scope": "national", "region_id": "NL", "granted_eur": 150,
         "spent_eur": 40, "n_regions_missing": 1},
        {"subsidiejaar": 2022, "scope": "national", "region_id": "NL", "granted_eur": 70,
         "spent_eur": 70, "n_regions_missing": 0},
    ]  # fmt: skip
    ds = _dataset(spec, columns, regions + national)
    frame = ds.frame(data.NATIONAL_ID)
    assert frame.categories == [2021, 2022]
    assert dict(frame.series) == {"toegekend": [150, 70], "besteed": [40, 70]}
    assert [n for n in frame.notes if "n_regions_missing" in n] == [
        "landelijk zonder de regio's zonder waarde (aantal, kolom n_regions_missing): 2021: 1"
    ]
    assert dict(ds.frame("R2").series) == {"toegekend": [50], "besteed": [None]}
    assert ds.region_ids() == ["R1", "R2"]
    only_regions = _dataset(spec, columns, regions).frame(data.NATIONAL_ID)
    assert only_regions.categories == [] and not only_regions.has_values


def test_a_national_ratio_is_the_published_one_never_recomputed():
    spec = next(s for s in CHARTS if s.key == "tech_share")
    columns = ["peiljaar", "scope", "region_id", "share_tech_pupils", "n_tech_pupils_upper"]
    rows = [
        {"peiljaar": 2020, "scope": "region", "region_id": "R1", "share_tech_pupils": 0.5,
         "n_tech_pupils_upper": 1},
        {"peiljaar": 2020, "scope": "national", "region_id": "NL", "share_tech_pupils": None,
         "n_tech_pupils_upper": 11},
    ]  # fmt: skip
    national = _dataset(spec, columns, rows).frame(data.NATIONAL_ID)
    assert dict(national.series)["aandeel techniek"] == [None], "withheld stays withheld"


def test_filters_prefer_the_spec_value_and_say_when_they_fall_back():
    spec = next(s for s in CHARTS if s.key == "tech_share")
    columns = ["definition", "peiljaar", "scope", "region_id", "share_tech_pupils"]
    rows = [
        {"definition": d, "peiljaar": 2020, "scope": "national", "region_id": "NL",
         "share_tech_pupils": v}
        for d, v in (("hard_techniek", 0.1), ("sto_2020", 0.2))
    ]  # fmt: skip
    assert dict(_dataset(spec, columns, rows).frame("NL").series)["aandeel techniek"] == [0.2]
    other = _dataset(spec, columns, rows[:1]).frame("NL")
    assert dict(other.series)["aandeel techniek"] == [0.1]
    assert any("definition = hard_techniek" in n for n in other.notes)


def test_several_different_values_per_year_are_left_empty_with_a_note():
    spec = next(s for s in CHARTS if s.key == "tech_growth")
    columns = ["peiljaar", "scope", "region_id", "growth_tech_lj3_yoy", "profiel_code"]
    rows = [
        {"peiljaar": 2021, "scope": "region", "region_id": "R1", "growth_tech_lj3_yoy": g}
        for g in (0.1, 0.3)
    ]
    frame = _dataset(spec, columns, rows).frame("R1")
    assert frame.series[0][1] == [None]
    assert any("meerdere verschillende waarden" in n for n in frame.notes)


def test_series_follow_the_declared_order():
    spec = next(s for s in CHARTS if s.key == "tech_pupils_leerweg")
    rows = [
        {"peiljaar": 2021, "scope": "national", "region_id": "NL", "leerweg": lw,
         "n_tech_pupils_upper": 1}
        for lw in ("GL", "KB", "BB")
    ]  # fmt: skip
    ds = _dataset(spec, ["peiljaar", "scope", "region_id", "leerweg", "n_tech_pupils_upper"], rows)
    assert [name for name, _ in ds.frame("NL").series] == ["BB", "KB", "GL"]


def test_region_file_names_are_safe_and_distinct():
    assert pages.region_filename("PH01") == "region-PH01.html"
    names = {pages.region_filename(r) for r in ("a/b", "a_b", "a b", "../x", "Zeeland")}
    assert len(names) == 5
    assert all(re.fullmatch(r"region-[A-Za-z0-9_-]+\.html", n) for n in names)


def test_every_chart_kind_renders_and_every_text_is_escaped(tmp_path):
    settings = config.load_settings(tmp_path)
    files = render(settings, synthetic.published(), data.Status(), CHARTS)
    assert set(files) >= {"index.html", "style.css", MARKER, "region-R01.html", "region-GEEN.html"}
    index = Sections(files["index.html"])
    national_specs = [s.key for s in CHARTS if NATIONAL in s.pages]
    assert list(index.states) == national_specs
    assert set(index.states.values()) == {"ok"}, index.states
    assert all(index.svgs.get(k) == 1 for k in national_specs)
    region = Sections(files["region-R02.html"])
    assert set(region.states.values()) == {"ok"}
    assert list(region.states) == [s.key for s in CHARTS if REGION in s.pages]
    no_region = Sections(files["region-GEEN.html"])
    grant = {s.key for s in CHARTS if s.grant and REGION in s.pages}
    assert {k for k, v in no_region.states.items() if v == "not-applicable"} == grant
    for text in files.values():
        assert not re.search(r'(?:src|href)\s*=\s*"(?:https?:)?//', text), "external reference"
        assert "<script" not in text and "url(" not in text
    assert repeated_ticks("".join(files.values())) == []


EVIL = "<script>alert(\"x\")</script> & 'Co' <img src=x onerror=alert(1)>"
# Every element the pages and charts write; anything else on a page came from the data.
TAGS = {
    *"html head meta title link body header p a h1 h2 dl div dt dd strong span details".split(),
    *"summary ul li code main section figure table caption thead tbody tr th td footer".split(),
    *"svg desc rect g line text polyline circle".split(),
}


class Page(HTMLParser):
    """The elements, attribute names and text of a page, as a browser would parse them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes |= {name for name, _ in attrs}

    def handle_data(self, data):
        self.text.append(data)


def test_hostile_strings_from_the_data_are_text_on_every_page(tmp_path):
    """A region's name and id, a series value, a release reason, run ids, gate checks, source
    names and notes with markup, quotes and ampersands: shown as text on every page, never
    markup (the templates autoescape; the SVG is built through markupsafe)."""
    status = data.Status(
        release={"release_id": 3, "run_id": EVIL, "published_at": None, "forced": True,
                 "reason": EVIL, "gate_summary": {}},
        inputs=[{"dataset": EVIL, "latest": EVIL, "periods": 1, "first": EVIL}],
        gate={"run_id": EVIL, "checked_at": EVIL, "checks": 1, "errors": 1, "warnings": 0,
              "state": "failed", "failed": [{"severity": "error", "table": EVIL, "check": EVIL}]},
        freshness={"generated_at": EVIL, "sources": {EVIL: {"status": EVIL, "max_loaded_at": EVIL}}},
        problems=[EVIL],
    )  # fmt: skip
    settings = config.load_settings(tmp_path, STO_DATADOCS_DIR=str(tmp_path / EVIL))
    files = render(settings, synthetic.published(), status, CHARTS)
    hostile_page = pages.region_filename(synthetic.HOSTILE_ID)
    assert re.fullmatch(r"region-[A-Za-z0-9_-]+\.html", hostile_page) and hostile_page in files
    html = {name: text for name, text in files.items() if name.endswith(".html")}
    assert len(html) == 2 + len(synthetic.REGIONS)  # index, programme (issue 12), one per region
    for name, text in html.items():
        page = Page(text)
        assert page.tags <= TAGS, (name, page.tags - TAGS)
        assert not [a for a in page.attributes if a.startswith("on")], name
        shown = "".join(page.text)
        assert shown.count(EVIL) >= 8, (name, "the header shows each hostile status field")
    index = "".join(Page(html["index.html"]).text)
    for hostile in (synthetic.HOSTILE_NAME, synthetic.HOSTILE_ID, synthetic.HOSTILE_TYPE):
        assert hostile in index, hostile
    assert synthetic.HOSTILE_NAME in "".join(Page(html["region-R02.html"]).text)
    assert synthetic.HOSTILE_ID in "".join(Page(html[hostile_page]).text)
    # the page's own markup is untouched by the escaping
    assert '<span class="badge bad">afgekeurd</span>' in html["index.html"]


def test_the_header_says_when_the_gate_failed_and_a_release_was_forced():
    status = data.Status(
        release={
            "release_id": 7,
            "run_id": "run-a",
            "published_at": "2026-11-01T02:30:00+00:00",
            "forced": True,
            "reason": "<b>accepted</b> by the lead",
            "gate_summary": {},
        },
        gate={
            "run_id": "run-b",
            "checked_at": "2026-11-02T02:30:00+00:00",
            "checks": 40,
            "errors": 2,
            "warnings": 1,
            "state": "failed",
            "failed": [{"severity": "error", "table": "monitor__wap.ind_x", "check": "share"}],
        },
        freshness={"generated_at": None, "sources": {}, "error": "freshness.json is not JSON"},
    )
    site = pages.Site(status, {}, "/home/x/datadocs", dt.datetime(2026, 11, 2))
    header = pages.status_header(site)
    assert "<strong>7</strong>, gepubliceerd op 1 november 2026, 03:30 uur" in header
    assert 'class="badge bad">geforceerd: &lt;b&gt;accepted&lt;/b&gt; by the lead' in header
    assert '<span class="badge bad">afgekeurd</span> 40 controles, 2 fouten, 1 waarschuwing' in (
        header
    )
    assert "de gepubliceerde versie blijft publicatie 7" in header
    assert "<li>fout: monitor__wap.ind_x — share</li>" in header
    assert "freshness.json is not JSON" in header
    summer = pages.Site(
        data.Status(gate={**status.gate, "checked_at": dt.datetime(2026, 7, 1, 1, 5, tzinfo=dt.UTC),
                          "errors": 0, "warnings": 0, "checks": 1, "state": "passed",
                          "failed": []}),
        {}, "/x", dt.datetime(2026, 7, 1),
    )  # fmt: skip
    header = pages.status_header(summer)
    assert '<span class="badge ok">goedgekeurd</span> 1 controle, 0 fouten, 0 waarschuwingen' in (
        header
    )
    assert "1 juli 2026, 03:05 uur" in header, "Dutch summer time"
    assert "nog niets gepubliceerd" in header and "actualiteit nog niet gemeten" in header


def test_the_site_is_swapped_whole_and_a_foreign_folder_is_refused(tmp_path):
    target = tmp_path / "monitor"
    write_site(target, {MARKER: "", "index.html": "one", "region-A.html": "a"})
    write_site(target, {MARKER: "", "index.html": "two"})
    assert sorted(p.name for p in target.iterdir()) == sorted([MARKER, "index.html"])
    assert (target / "index.html").read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["monitor"], "no staging folder left"
    foreign = tmp_path / "home"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("keep me")
    with pytest.raises(FileExistsError):
        write_site(foreign, {"index.html": "x"})
    assert (foreign / "thesis.tex").read_text() == "keep me"


# -- on a real, published warehouse ---------------------------------------------------------------


@pytest.fixture(scope="module")
def published_settings(fresh_settings, tmp_path_factory):
    """The bundled sample in a private landing folder, loaded, built (without the dbt tests),
    gated and published."""
    private = tmp_path_factory.mktemp("report")
    settings = config.Settings(
        home=fresh_settings.home,
        env=fresh_settings.env,
        overrides={
            **fresh_settings.overrides,
            "STO_LANDING_DIR": str(private / "landing"),
            "STO_DBT_RUNS_DIR": str(private / "dbt"),
            "STO_DATADOCS_DIR": str(private / "datadocs"),
        },
    )
    synth.write_sample(settings.landing)
    loaded = ingest.load_paths(settings, "report-test")
    assert loaded["loaded"], loaded
    # Seeds and models with their contracts; the dbt tests run in tests/integration (time).
    build_args = [
        "build",
        "--exclude-resource-type",
        "test",
        "--exclude-resource-type",
        "unit_test",
    ]
    result = dbt_runner.run(settings, build_args, "report-test", capture=True)
    assert result.returncode == 0, result.stdout[-5000:]
    summary = candidate_gate.run(settings, "report-test")
    assert summary["passed"], summary["errors"]
    publish.publish(settings, "report-test", summary)
    # The freshness result the transform DAG writes, with one stale source.
    (settings.dbt_runs / "freshness.json").write_text(
        json.dumps(
            {
                "metadata": {"generated_at": "2026-11-01T02:10:00Z"},
                "results": [
                    {
                        "unique_id": "source.sto_warehouse.duo.duo_vo_vestigingen",
                        "status": "pass",
                        "max_loaded_at": "2026-11-01T02:00:00+00:00",
                    },
                    {
                        "unique_id": "source.sto_warehouse.duo.duo_vo_examencijfers",
                        "status": "warn",
                        "max_loaded_at": "2025-05-01T02:00:00+00:00",
                    },
                ],
            }
        )  # fmt: skip
    )
    return settings


@pytest.fixture(scope="module")
def site(published_settings, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "monitor"
    index = build(published_settings, out, specs=(*CHARTS, MISSING_TABLE, MISSING_COLUMN))
    assert index == out / "index.html"
    return out


def _regions(settings) -> dict[str, str]:
    with psycopg.connect(settings.bi_reader_url) as conn:
        return dict(
            conn.execute(
                "select distinct region_id, region_name from monitor.ind_tech_share_upper"
                " where scope = 'region'"
            ).fetchall()
        )


def test_one_page_per_region_id_including_the_no_region_bucket(published_settings, site):
    regions = _regions(published_settings)
    assert "GEEN" in regions and len(regions) > 2
    written = {p.name for p in site.glob("region-*.html")}
    assert written == {pages.region_filename(r) for r in regions}
    index = (site / "index.html").read_text()
    for region_id, name in regions.items():
        assert f'href="{pages.region_filename(region_id)}"' in index
        page = (site / pages.region_filename(region_id)).read_text()
        assert escape(name) in page


def test_the_header_shows_release_freshness_gate_and_data_docs(published_settings, site):
    with psycopg.connect(published_settings.admin_url) as conn:
        release, checks = conn.execute(
            "select max(release_id), (select count(*) from audit.gate_results"
            " where run_id = 'report-test' and stage = 'candidate') from audit.releases"
        ).fetchone()
    for page in [site / "index.html", *site.glob("region-*.html")]:
        text = page.read_text()
        assert f"<dt>Publicatie</dt><dd><strong>{release}</strong>, gepubliceerd op" in text
        assert f'<span class="badge ok">goedgekeurd</span> {checks} controles' in text or (
            f'<span class="badge warn">goedgekeurd met waarschuwingen</span> {checks} controles'
            in text
        )
        assert "1 verouderd</span> duo_vo_examencijfers" in text
        assert "leerlingen tot en met peiljaar 2023" in text
        assert 'href="/sto/datadocs/candidate/index.html"' in text
        assert str(published_settings.datadocs / "candidate" / "index.html") in text


def test_published_indicators_are_charted_and_missing_ones_are_boxes(published_settings, site):
    index = Sections((site / "index.html").read_text())
    assert index.states["tech_share"] == "ok" and index.svgs["tech_share"] == 1
    assert index.states["tech_share_regions"] == "ok"
    assert index.states["zz_missing_table"] == "unavailable"
    assert index.states["zz_missing_column"] == "unavailable"
    text = (site / "index.html").read_text()
    assert (
        "Nog niet beschikbaar:</strong> nog niet gepubliceerd (monitor.ind_does_not_exist)" in text
    )
    assert "heeft nog geen van de kolommen n_no_such_column" in text
    with psycopg.connect(published_settings.bi_reader_url) as conn:
        tables = data.catalogue(conn)
    for spec in CHARTS:
        if NATIONAL in spec.pages and spec.table not in tables:
            assert index.states[spec.key] == "unavailable", spec.key
    region = Sections((site / "region-GEEN.html").read_text())
    assert region.states["tech_share"] == "ok"
    grant = [s.key for s in CHARTS if s.grant and REGION in s.pages]
    assert {region.states[key] for key in grant} == {"not-applicable"}


def test_no_axis_repeats_a_tick_label_on_any_page(site):
    """Every chart of every page of the report over the published sample; the national "change
    since the baseline" chart labelled its axis +0, +0, +1, +2, +2 (ticks every 0.5 pp)."""
    drawn = 0
    for page in [site / "index.html", *site.glob("region-*.html")]:
        text = page.read_text()
        drawn += len(charts_of(text))
        assert repeated_ticks(text) == [], page.name
    assert drawn >= 20, drawn
    index = {r.get("id"): r for r in charts_of((site / "index.html").read_text())}
    baseline = axes(index["svg-tech_share_vs_baseline"])["axis y"]
    print("national change since the baseline, axis:", baseline)
    assert len(baseline) >= 3 and len(set(baseline)) == len(baseline)
    assert all(re.fullmatch(r"0|[+-]\d+(,\d+)?", label) for label in baseline), baseline


def test_sto_report_command_writes_the_site(published_settings, tmp_path):
    env = {**published_settings.overrides, "STO_HOME": str(published_settings.home)}
    from sto_warehouse import cli

    result = CliRunner().invoke(cli.main, ["report", "--out", str(tmp_path / "m")], env=env)
    assert result.exit_code == 0, result.output
    assert "monitor report:" in result.output and "regions" in result.output
    assert (tmp_path / "m" / "index.html").exists()
    refused = CliRunner().invoke(cli.main, ["report", "--out", str(tmp_path)], env=env)
    assert refused.exit_code != 0 and "not written by `sto report`" in refused.output


# -- in a browser -------------------------------------------------------------------------------

CHECK_CHARTS = """
(() => {
  const out = {};
  for (const section of document.querySelectorAll('section[data-chart]')) {
    const svgs = section.querySelectorAll('svg.chart');
    out[section.dataset.chart] = {
      state: section.dataset.state,
      svgs: svgs.length,
      marks: [...svgs].map(s => s.querySelectorAll('.mark').length),
      sizes: [...svgs].map(s => { const r = s.getBoundingClientRect(); return [r.width, r.height]; }),
      titled: [...svgs].every(s => s.querySelector('title') && s.getAttribute('aria-labelledby')),
    };
  }
  out.__css = getComputedStyle(document.body).fontFamily.includes('system-ui');
  return out;
})()
"""


def _png_is_not_blank(path: Path) -> None:
    raw = path.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 20_000, path
    width, height = struct.unpack(">II", raw[16:24])
    assert width == 1280 and height >= 2000, (path, width, height)
    chunks, pos = [], 8
    while pos < len(raw):
        length, kind = struct.unpack(">I4s", raw[pos : pos + 8])
        if kind == b"IDAT":
            chunks.append(raw[pos + 8 : pos + 8 + length])
        pos += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    assert len(set(pixels[: 1 << 22])) > 32, f"{path} looks uniform"


@pytest.fixture(scope="module")
def chromium():
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "headless Chromium not found (/usr/bin/chromium or chromium on PATH): install it"
            " with `apt-get install chromium` (.ci/run does) to run the browser tests"
        )
    SCREENSHOTS.mkdir(exist_ok=True)
    with Browser(executable) as browser:
        yield browser


def _open_and_check(browser: Browser, page_path: Path, shot: str) -> dict:
    page = browser.open(page_path.as_uri())
    result = page.evaluate(CHECK_CHARTS)
    problems = page.problems()
    _png_is_not_blank(page.screenshot(SCREENSHOTS / f"{shot}.png"))
    assert problems == [], f"{page_path.name}: {problems}"
    assert result.pop("__css"), "style.css did not load"
    for key, chart in result.items():
        if chart["state"] == "ok":
            assert chart["svgs"] == 1 and chart["titled"], (page_path.name, key, chart)
            assert all(n >= 1 for n in chart["marks"]), (page_path.name, key, chart)
            assert all(w > 300 and h > 100 for w, h in chart["sizes"]), (page_path.name, key)
        else:
            assert chart["svgs"] == 0, (page_path.name, key, chart)
    return result


@pytest.mark.browser
def test_the_console_check_catches_errors(chromium, tmp_path):
    """The check is not vacuous: an uncaught error, console.error, a missing stylesheet and a
    blocked external script (the report's Content-Security-Policy) are all reported."""
    page = tmp_path / "faulty.html"
    page.write_text(
        f'<!doctype html><html><head><meta http-equiv="Content-Security-Policy"'
        f' content="{escape(pages.CSP)}"><link rel="stylesheet" href="missing.css">'
        '<script src="https://cdn.example.org/lib.js"></script></head><body>'
        '<p>x</p><img src="missing.png"></body></html>'
    )
    problems = chromium.open(page.as_uri()).problems()
    text = "\n".join(problems)
    assert "missing.css" in text, problems
    assert "cdn.example.org" in text, problems
    inline = tmp_path / "inline.html"
    inline.write_text(
        "<!doctype html><html><body><script>console.error('boom');"
        " undefinedFunction();</script></body></html>"
    )
    problems = chromium.open(inline.as_uri()).problems()
    assert any("boom" in p for p in problems), problems
    assert any("undefinedFunction" in p for p in problems), problems


@pytest.mark.browser
def test_national_and_region_pages_render_in_chromium(chromium, published_settings, site):
    regions = list(_regions(published_settings))
    sample = sorted(r for r in regions if r != "GEEN")[:2] + ["GEEN"]
    index = _open_and_check(chromium, site / "index.html", "published-index")
    assert index["tech_share"]["state"] == "ok" and index["tech_share_regions"]["state"] == "ok"
    for region_id in sample:
        name = pages.region_filename(region_id)
        result = _open_and_check(chromium, site / name, f"published-{name[:-5]}")
        assert result["tech_share"]["state"] == "ok"
        assert result["tech_share"]["marks"][0] >= 2, "the region line and the national line"


@pytest.mark.browser
def test_every_chart_kind_renders_in_chromium(chromium, tmp_path):
    site = tmp_path / "gallery"
    write_site(
        site, render(config.load_settings(tmp_path), synthetic.published(), data.Status(), CHARTS)
    )
    for name in ("index.html", "region-R02.html", "region-GEEN.html"):
        result = _open_and_check(chromium, site / name, f"synthetic-{name[:-5]}")
        kinds = {s.key: s.kind for s in CHARTS}
        drawn = {kinds[k] for k, v in result.items() if v["state"] == "ok"}
        if name != "region-GEEN.html":
            assert drawn >= {"line", "bars", "stacked", "bars_norm"}, drawn


# -- through Airflow ----------------------------------------------------------------------------


@pytest.mark.pipeline
def test_the_transform_run_writes_the_report(pipeline, test_env):
    assert "[transform] report: success" in pipeline.first.stdout, pipeline.first.stdout[-3000:]
    index = test_env.home / "reports" / "monitor" / "index.html"
    assert index.exists()
    assert "<dt>Publicatie</dt><dd><strong>" in index.read_text()
    assert "Monitor report: " in test_env.run("status").stdout
