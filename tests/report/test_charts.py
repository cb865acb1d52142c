"""The SVG chart functions of the monitor report (no database, no browser)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from sto_warehouse.report import charts
from sto_warehouse.report.charts import Series

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def marks(root: ET.Element) -> list[ET.Element]:
    return [el for el in root.iter() if "mark" in (el.get("class") or "").split()]


def test_line_chart_draws_a_point_per_value_and_a_dashed_national_line():
    svg = charts.line_chart(
        "c1",
        "Technical share — Twente",
        ["2019", "2020", "2021"],
        [Series("Twente", (0.2, 0.25, 0.3)), Series("national", (0.18, 0.19, 0.2), reference=True)],
        "pct",
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Technical share — Twente"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    points = [m for m in marks(root) if m.tag == f"{SVG}circle"]
    assert len(points) == 6
    assert "Twente, 2021: 30.0%" in [p.find(f"{SVG}title").text for p in points]
    lines = root.findall(f".//{SVG}polyline")
    assert len(lines) == 2
    reference = [line for line in lines if "reference" in line.get("class")]
    assert reference and reference[0].get("stroke-dasharray")
    ticks = [t.text for t in root.iter(f"{SVG}text")]
    assert "0%" in ticks and "30%" in ticks


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
        "Granted vs spent",
        ["2020", "2021"],
        [Series("granted", (1_000_000, 1_200_000)), Series("spent", (800_000, None))],
        "eur",
    )
    root = parse(svg)
    bars = [m for m in marks(root) if m.tag == f"{SVG}rect"]
    assert len(bars) == 3
    assert "granted, 2021: €1,200,000" in [b.find(f"{SVG}title").text for b in bars]
    axis = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("€")]
    assert "€0" in axis and any(label.endswith("m") for label in axis)


def test_stacked_bars_stack_and_the_axis_covers_the_total():
    svg = charts.bar_chart(
        "c4",
        "fte",
        ["2021"],
        [Series("internal", (3.0,)), Series("external", (2.0,))],
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
    assert max(float(t.text) for t in root.iter(f"{SVG}text") if t.text.isdigit()) >= 5


def test_bars_with_a_norm_segment_per_category():
    svg = charts.bar_chart(
        "c5",
        "Co-financing",
        ["2020-2024", "2025-2028"],
        [Series("co-financing", (0.09, 0.12))],
        "pct",
        norm=[0.075, 0.10],
    )
    root = parse(svg)
    norms = [m for m in marks(root) if "norm" in m.get("class")]
    assert len(norms) == 2
    assert norms[0].find(f"{SVG}title").text == "norm, 2020-2024: 7.5%"
    assert "norm" in [t.text for t in root.iter(f"{SVG}text")]  # in the legend


def test_horizontal_bars_with_reference_and_missing_values():
    svg = charts.hbar_chart(
        "c6",
        "Share per region",
        ["A", "B", "C"],
        [0.2, None, 0.1],
        "pct",
        reference=0.15,
        reference_label="national 2022",
    )
    root = parse(svg)
    assert len([m for m in marks(root) if m.tag == f"{SVG}rect"]) == 2
    assert [m for m in marks(root) if "reference" in m.get("class")]
    assert "–" in [t.text for t in root.iter(f"{SVG}text")]


def test_every_text_is_escaped():
    evil = '<script>alert("x")</script> & Co'
    svg = charts.line_chart("c7", evil, [evil], [Series(evil, (0.5,))], "pct")
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == evil
    svg = charts.hbar_chart("c8", "t", [evil], [1.0], "count")
    assert "<script>" not in svg
    parse(svg)


def test_negative_values_get_a_zero_line():
    svg = charts.line_chart("c9", "growth", ["2020", "2021"], [Series("g", (-0.05, 0.1))], "pct")
    labels = [t.text for t in parse(svg).iter(f"{SVG}text")]
    assert "0%" in labels and any(label.startswith("-") for label in labels if label)


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


@pytest.mark.parametrize(
    ("value", "unit", "axis", "text"),
    [
        (0.1955, "pct", False, "19.6%"),
        (0.2, "pct", True, "20%"),
        (1234567, "eur", False, "€1,234,567"),
        (1_500_000, "eur", True, "€1.5m"),
        (12219, "count", False, "12,219"),
        (3.24, "fte", False, "3.2"),
        (None, "pct", False, "–"),
        (float("nan"), "count", False, "–"),
    ],
)
def test_format_value(value, unit, axis, text):
    assert charts.format_value(value, unit, axis=axis) == text
