"""The SVG chart functions of the monitor report (no database, no browser)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from sto_warehouse.report import charts
from sto_warehouse.report.charts import Series
from sto_warehouse.report.messages import DUTCH, Language
from tests.report.svg import SVG, axes, repeated_ticks


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def marks(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if "mark" in (el.get("class") or "").split()]


def test_line_chart_draws_a_point_per_value_and_a_dashed_national_line():
    svg = charts.line_chart(
        "c1",
        "Aandeel techniek — Twente",
        ["2019", "2020", "2021"],
        [
            Series("Twente", (0.2, 0.25, 0.3)),
            Series("landelijk", (0.18, 0.19, 0.2), reference=True),
        ],
        "pct",
    )
    assert isinstance(svg, Markup), "the templates insert it as it is"
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Aandeel techniek — Twente"
    assert root.find(f"{SVG}desc").text == (
        "2019 tot en met 2021. Twente: 30,0% in 2021; landelijk: 20,0% in 2021"
    )
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    points = [m for m in marks(root) if m.tag == f"{SVG}circle"]
    assert len(points) == 6
    assert "Twente, 2021: 30,0%" in [p.find(f"{SVG}title").text for p in points]
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 2
    reference = [line for line in lines if "reference" in line.get("class")]
    assert reference and reference[0].get("stroke-dasharray")
    assert not lines[1].get("stroke-dasharray"), "the region's own line is solid"
    assert axes(root)["axis y"] == ["0%", "10%", "20%", "30%"]
    assert axes(root)["axis x"] == ["2019", "2020", "2021"]


def test_line_chart_breaks_at_missing_values_and_keeps_lone_points():
    svg = charts.line_chart(
        "c2", "t", ["2018", "2019", "2020", "2021"], [Series("a", (0.1, None, 0.2, 0.3))], "pct"
    )
    root = parse(svg)
    assert len(marks(root)) == 3
    polylines = root.findall(f".//{SVG}polyline")
    assert len(polylines) == 1  # 2020-2021; 2018 stands alone as a marker
    assert len(polylines[0].get("points").split()) == 2


def test_grouped_bars_one_rect_per_value():
    svg = charts.bar_chart(
        "c3",
        "Toegekend en besteed",
        ["2020", "2021"],
        [Series("toegekend", (1_000_000, 1_200_000)), Series("besteed", (800_000, None))],
        "eur",
    )
    root = parse(svg)
    bars = [m for m in marks(root) if m.tag == f"{SVG}rect"]
    assert len(bars) == 3
    assert "toegekend, 2021: € 1.200.000" in [b.find(f"{SVG}title").text for b in bars]
    assert axes(root)["axis y"] == ["€ 0", "€ 0,5 mln", "€ 1,0 mln", "€ 1,5 mln"]


def test_stacked_bars_stack_and_the_axis_covers_the_total():
    svg = charts.bar_chart(
        "c4",
        "fte",
        ["2021"],
        [Series("intern", (3.0,)), Series("extern", (2.0,))],
        "fte",
        stacked=True,
    )
    root = parse(svg)
    bars = sorted(
        (m for m in marks(root) if m.tag == f"{SVG}rect"), key=lambda b: float(b.get("y"))
    )
    assert len(bars) == 2
    top, bottom = bars
    # the upper segment ends where the lower one starts, and both share x and width
    assert float(top.get("y")) + float(top.get("height")) == pytest.approx(
        float(bottom.get("y")), abs=0.2
    )
    assert top.get("x") == bottom.get("x")
    assert max(float(t) for t in axes(root)["axis y"]) >= 5


def test_bars_with_a_norm_segment_per_category():
    svg = charts.bar_chart(
        "c5",
        "Cofinanciering",
        ["2020-2024", "2025-2028"],
        [Series("cofinanciering", (0.09, 0.12))],
        "pct",
        norm=[0.075, 0.10],
    )
    root = parse(svg)
    norms = [m for m in marks(root) if "norm" in m.get("class")]
    assert len(norms) == 2
    assert norms[0].find(f"{SVG}title").text == "norm, 2020-2024: 7,5%"
    assert "norm" in [t.text for t in root.iter(f"{SVG}text")]  # in the legend


def test_horizontal_bars_with_reference_and_missing_values():
    svg = charts.hbar_chart(
        "c6",
        "Aandeel per regio",
        ["A", "B", "C"],
        [0.2, None, 0.1],
        "pct",
        reference=0.15,
        reference_label="landelijk 2022",
    )
    root = parse(svg)
    assert len([m for m in marks(root) if m.tag == f"{SVG}rect"]) == 2
    assert [m for m in marks(root) if "reference" in m.get("class")]
    assert "–" in [t.text for t in root.iter(f"{SVG}text")]
    assert root.find(f"{SVG}desc").text == "3 staven; landelijk 2022: 15,0%"
    assert axes(root)["axis x"] == ["0%", "5%", "10%", "15%", "20%"]


EVIL = "<script>alert(\"x\")</script> & Co 'q'"


def test_every_text_and_attribute_is_escaped():
    svg = charts.line_chart("c7", EVIL, [EVIL], [Series(EVIL, (0.5,))], "pct")
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == EVIL
    assert [t.text for t in root.iter(f"{SVG}title")].count(f"{EVIL}, {EVIL}: 50,0%") == 1
    svg = charts.hbar_chart("c8", "t", [EVIL], [1.0], "count", reference_label=EVIL)
    assert "<script>" not in svg
    parse(svg)
    svg = charts.bar_chart("c9", "t", ["2020"], [Series("a", (1.0,))], "count", norm_label=EVIL,
                           norm=[2.0])  # fmt: skip
    assert "<script>" not in svg
    parse(svg)
    # an attribute value cannot break out of its quotes
    element = charts.el("text", {"class": EVIL}, EVIL)
    assert parse_fragment(element).get("class") == EVIL
    assert charts.el("g", None, Markup("<b/>")) == "<g><b/></g>", "markup children are kept"


def parse_fragment(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


def test_negative_values_get_a_zero_line():
    svg = charts.line_chart("c9", "groei", ["2020", "2021"], [Series("g", (-0.05, 0.1))], "pct")
    labels = axes(parse(svg))["axis y"]
    assert "0%" in labels and any(label.startswith("-") for label in labels)


@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 0.237), (0, 1), (0, 12_345), (-0.05, 0.1), (0, 0), (3, 3), (0, 1_250_000), (0.0, 7.5)],
)
def test_nice_ticks_cover_the_range_with_round_steps(low, high):
    ticks = charts.nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high
    assert 2 <= len(ticks) <= 12
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1


@pytest.mark.parametrize(("low", "high"), [(0, 2), (0, 3), (0, 7), (0, 10), (0, 4), (0, 0.4)])
def test_counts_get_whole_ticks_only(low, high):
    ticks = charts.nice_ticks(low, high, integer=True)
    assert ticks[0] <= low and ticks[-1] >= high
    assert all(float(t).is_integer() for t in ticks), ticks


def test_the_change_since_the_baseline_axis_is_not_plus_0_plus_0_plus_1_plus_2_plus_2():
    """The national "change since the baseline" chart labelled its axis +0, +0, +1, +2, +2: ticks
    every 0.5 percentage point written without decimals."""
    svg = charts.line_chart(
        "baseline",
        "Verandering van het aandeel techniek sinds het basisjaar — Nederland",
        ["2018", "2019", "2020", "2021"],
        [Series("verandering sinds basisjaar", (0.0, 0.004, 0.011, 0.018))],
        "pp",
    )
    root = parse(svg)
    assert axes(root)["axis y"] == ["0", "+0,5", "+1,0", "+1,5", "+2,0"]
    assert repeated_ticks(svg) == []
    assert "procentpunt" in [t.text for t in root.iter(f"{SVG}text")], "the axis says its unit"


UNITS_AND_RANGES = [
    (unit, low, high)
    for unit in charts.UNITS
    for low, high in [
        (0, 0.02),
        (0, 0.0237),
        (-0.013, 0.004),
        (0, 0.004),
        (0, 0.25),
        (0, 2),
        (0, 3.5),
        (0, 7.5),
        (-3, 12),
        (0, 12_345),
        (0, 1_250_000),
        (0, 999_999),
        (0, 2.4e9),
        (2017, 2023),
        (0.0001, 0.0003),
    ]
]


@pytest.mark.parametrize(("unit", "low", "high"), UNITS_AND_RANGES)
def test_tick_labels_never_repeat(unit, low, high):
    for ticks in (charts.nice_ticks(low, high), charts._domain([low, high], unit)):
        labels = charts.axis_labels(ticks, unit)
        assert len(set(labels)) == len(labels), (ticks, labels)
    svg = charts.bar_chart("c", "t", ["a", "b"], [Series("s", (low, high))], unit)
    assert repeated_ticks(svg) == []
    svg = charts.hbar_chart("h", "t", ["a", "b"], [low, high], unit)
    assert repeated_ticks(svg) == []


@pytest.mark.parametrize(
    ("ticks", "unit", "labels"),
    [
        ([0, 0.025, 0.05, 0.075, 0.1], "pct", ["0%", "2,5%", "5,0%", "7,5%", "10,0%"]),
        ([-0.01, -0.005, 0, 0.005], "pp", ["-1,0", "-0,5", "0", "+0,5"]),
        ([0, 250_000, 500_000], "eur", ["€ 0", "€ 250.000", "€ 500.000"]),
        ([0, 1e9, 2e9], "eur", ["€ 0", "€ 1 mld", "€ 2 mld"]),
        ([0, 5000, 10000], "count", ["0", "5.000", "10.000"]),
        ([2018, 2019, 2020], "year", ["2018", "2019", "2020"]),
        ([0, 0.5, 1.0], "fte", ["0", "0,5", "1,0"]),
    ],
)
def test_axis_labels_in_dutch(ticks, unit, labels):
    assert charts.axis_labels(ticks, unit) == labels


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.1955, "pct", "19,6%"),
        (0.186, "pct", "18,6%"),
        (0.2, "pct", "20,0%"),
        (0.012, "pp", "+1,2 procentpunt"),
        (-0.00001, "pp", "0,0 procentpunt"),
        (1234567, "eur", "€ 1.234.567"),
        (12219, "count", "12.219"),
        (12.5, "count", "12,5"),
        (3.24, "fte", "3,2"),
        (2018, "year", "2018"),
        (4.25, "num", "4,25"),
        (None, "pct", "–"),
        (float("nan"), "count", "–"),
    ],
)
def test_format_value_in_dutch(value, unit, text):
    assert charts.format_value(value, unit) == text


def test_another_language_needs_no_other_chart_code():
    english = Language("en", {}, ".", ",", DUTCH.months)
    assert charts.format_value(1234567, "eur", english) == "€1,234,567"
    assert charts.axis_labels([0, 5e5, 1e6], "eur", english) == ["€0", "€0.5 m", "€1.0 m"]
    assert charts.format_value(0.012, "pp", english) == "+1.2 pp"
