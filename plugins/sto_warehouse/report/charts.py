"""Server-side SVG charts for the monitor report: no JavaScript, no external library, no CDN.

Every function returns one self-contained ``<svg>`` string (presentation attributes only, no
inline ``style``, so the pages can forbid inline styles in their Content-Security-Policy) with a
``<title>``/``<desc>`` and ``role="img"`` for screen readers. Every drawn data mark (a point, a
bar, a norm segment) carries ``class="mark …"`` and its own ``<title>`` (the browser's native
tooltip). Every text is escaped here: labels come from regional submissions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
REFERENCE_COLOUR = "#595959"
NORM_COLOUR = "#D55E00"
GRID_COLOUR = "#e3e3e3"
AXIS_COLOUR = "#8c8c8c"
TEXT_COLOUR = "#222222"
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'

WIDTH, HEIGHT = 720, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 72, 20, 44, 44

UNITS = ("pct", "pp", "count", "eur", "fte", "num", "year")


@dataclass(frozen=True)
class Series:
    """One line / bar series. ``reference`` draws it as the grey dashed reference (national)."""

    name: str
    values: tuple[float | None, ...]
    reference: bool = False


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# -- numbers -------------------------------------------------------------------------------------


def format_value(value: float | None, unit: str, *, axis: bool = False) -> str:
    """A value as the pages print it; ``axis`` gives the shorter tick-label form."""
    if not finite(value):
        return "–"
    if unit == "pct":
        return f"{value * 100:.0f}%" if axis and _whole(value * 100) else f"{value * 100:.1f}%"
    if unit == "pp":
        return f"{value * 100:+.1f} pp" if not axis else f"{value * 100:+.0f}"
    if unit == "eur":
        if axis:
            for size, suffix in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
                if abs(value) >= size:
                    return f"€{_trim(value / size)}{suffix}"
            return f"€{_trim(value)}"
        return f"€{value:,.0f}"
    if unit == "year":
        return f"{value:.0f}"
    if unit == "count":
        return f"{value:,.0f}" if axis or _whole(value) else f"{value:,.1f}"
    if unit == "fte":
        return _trim(value) if axis else f"{value:,.1f}"
    return _trim(value) if axis else f"{value:,.2f}".rstrip("0").rstrip(".")


def _whole(value: float) -> bool:
    return abs(value - round(value)) < 1e-9


def _trim(value: float) -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (always including 0 when the range allows)."""
    if not (finite(low) and finite(high)):
        return [0.0, 1.0]
    if high < low:
        low, high = high, low
    if high == low:
        if high == 0:
            return [0.0, 1.0]
        low, high = (0.0, high) if high > 0 else (high, 0.0)
    raw = (high - low) / max(count - 1, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 12))
        value += step
    if len(ticks) < 2:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def _domain(values: Sequence[float | None], *, include_zero: bool = True) -> list[float]:
    present = [v for v in values if finite(v)]
    if not present:
        return [0.0, 1.0]
    low, high = min(present), max(present)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    return nice_ticks(low, high)


# -- building blocks -----------------------------------------------------------------------------


def _open(chart_id: str, title: str, description: str, width: int, height: int, kind: str) -> str:
    cid = e(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" data-kind="{e(kind)}"'
        f' id="{cid}" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-labelledby="{cid}-title {cid}-desc"'
        f' preserveAspectRatio="xMinYMin meet">'
        f'<title id="{cid}-title">{e(title)}</title><desc id="{cid}-desc">{e(description)}</desc>'
        f'<rect class="background" x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
    )


def _text(
    x: float, y: float, text: str, *, anchor: str = "middle", size: int = 12, tooltip: str = ""
) -> str:
    hint = f"<title>{e(tooltip)}</title>" if tooltip else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}"'
        f' fill="{TEXT_COLOUR}" {FONT}>{hint}{e(text)}</text>'
    )


def _y_axis(ticks: list[float], scale, unit: str, left: float, right: float) -> str:
    parts = []
    for tick in ticks:
        y = scale(tick)
        colour = AXIS_COLOUR if tick == 0 else GRID_COLOUR
        parts.append(
            f'<line class="grid" x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}"'
            f' stroke="{colour}" stroke-width="1"/>'
        )
        parts.append(_text(left - 8, y + 4, format_value(tick, unit, axis=True), anchor="end"))
    return "".join(parts)


def _x_labels(labels: Sequence[str], centres: Sequence[float], y: float, band: float) -> str:
    longest = max((len(label) for label in labels), default=1)
    every = max(1, math.ceil(longest * 7.2 / max(band, 1)))
    return "".join(
        _text(x, y, label)
        for i, (label, x) in enumerate(zip(labels, centres, strict=True))
        if i % every == 0 or i == len(labels) - 1
    )


def _legend(items: Sequence[tuple[str, str, str]], left: float, y: float, width: float) -> str:
    """items: (label, colour, shape) with shape 'line', 'dash' or 'box'; wraps onto new rows."""
    parts, x = [], left
    for label, colour, shape in items:
        text_width = min(len(label), 48) * 6.6
        if x > left and x + 24 + text_width > left + width:
            x, y = left, y + 16
        if shape == "box":
            swatch = f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="12" height="12" fill="{colour}"/>'
        else:
            dash = ' stroke-dasharray="5 3"' if shape == "dash" else ""
            swatch = (
                f'<line x1="{x:.1f}" x2="{x + 18:.1f}" y1="{y - 3:.1f}" y2="{y - 3:.1f}"'
                f' stroke="{colour}" stroke-width="2.5"{dash}/>'
            )
        parts.append(
            f'<g class="legend-item">{swatch}{_text(x + 24, y + 1, label, anchor="start")}</g>'
        )
        x += 24 + text_width + 18
    return "".join(parts)


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _summary(categories: Sequence[str], series: Sequence[Series], unit: str) -> str:
    bits = []
    for s in series:
        last = next(
            (
                (c, v)
                for c, v in zip(reversed(categories), reversed(s.values), strict=True)
                if finite(v)
            ),
            None,
        )
        if last:
            bits.append(f"{s.name}: {format_value(last[1], unit)} in {last[0]}")
    span = f"{categories[0]} to {categories[-1]}" if categories else "no categories"
    return f"{span}. " + "; ".join(bits) if bits else f"{span}. No values."


# -- chart types ---------------------------------------------------------------------------------


def line_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    *,
    include_zero: bool = True,
) -> str:
    """Lines over ordered categories (years); a ``reference`` series is the dashed national line.
    A missing value breaks the line; a lone point between gaps is still drawn as a marker."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    ticks = _domain([v for s in series for v in s.values], include_zero=include_zero)
    low, high = ticks[0], ticks[-1]

    def sy(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    n = max(len(categories), 1)
    band = (right - left) / n
    centres = [left + band * (i + 0.5) for i in range(len(categories))]
    parts = [
        _open(chart_id, title, _summary(categories, series, unit), WIDTH, HEIGHT, "line"),
        _y_axis(ticks, sy, unit, left, right),
        _x_labels(categories, centres, bottom + 20, band),
    ]
    legend = []
    styles = {}
    colour_index = 0
    for s in series:
        if s.reference:
            styles[id(s)] = (REFERENCE_COLOUR, ' stroke-dasharray="6 4"', "dash")
        else:
            styles[id(s)] = (_colour(colour_index), "", "line")
            colour_index += 1
        legend.append((s.name, styles[id(s)][0], styles[id(s)][2]))
    # references (national) first, so the region's own line is drawn on top of them
    for s in sorted(series, key=lambda item: not item.reference):
        colour, dash, _ = styles[id(s)]
        segments, current = [], []
        for x, value in zip(centres, s.values, strict=True):
            if finite(value):
                current.append(f"{x:.1f},{sy(value):.1f}")
            elif current:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        kind = "reference" if s.reference else "series"
        for points in segments:
            if len(points) > 1:
                parts.append(
                    f'<polyline class="line {kind}" points="{" ".join(points)}" fill="none"'
                    f' stroke="{colour}" stroke-width="2.5" stroke-linejoin="round"{dash}/>'
                )
        for x, category, value in zip(centres, categories, s.values, strict=True):
            if not finite(value):
                continue
            radius = 3 if s.reference else 4
            parts.append(
                f'<circle class="mark point {kind}" cx="{x:.1f}" cy="{sy(value):.1f}"'
                f' r="{radius}" fill="{colour}"><title>{e(s.name)}, {e(category)}:'
                f" {e(format_value(value, unit))}</title></circle>"
            )
    parts.append(_legend(legend, left, 18, right - left))
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    *,
    stacked: bool = False,
    norm: Sequence[float | None] | None = None,
    norm_label: str = "norm",
) -> str:
    """Grouped (or stacked) vertical bars per category, optionally with a norm per category
    drawn as a dashed segment across the category (e.g. the co-financing norm)."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    n = max(len(categories), 1)
    if stacked:
        sums = []
        for i in range(len(categories)):
            values = [s.values[i] for s in series if finite(s.values[i])]
            sums += [sum(v for v in values if v > 0), sum(v for v in values if v < 0)]
        extent = sums
    else:
        extent = [v for s in series for v in s.values]
    ticks = _domain(list(extent) + list(norm or []))
    low, high = ticks[0], ticks[-1]

    def sy(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    band = (right - left) / n
    centres = [left + band * (i + 0.5) for i in range(len(categories))]
    inner = band * 0.72
    parts = [
        _open(chart_id, title, _summary(categories, series, unit), WIDTH, HEIGHT, "bar"),
        _y_axis(ticks, sy, unit, left, right),
        _x_labels(categories, centres, bottom + 20, band),
    ]
    legend = [(s.name, _colour(i), "box") for i, s in enumerate(series)]
    zero = sy(max(low, min(0.0, high)))
    for ci, (centre, category) in enumerate(zip(centres, categories, strict=True)):
        up = down = 0.0
        for si, s in enumerate(series):
            value = s.values[ci]
            if not finite(value):
                continue
            if stacked:
                width, x = inner, centre - inner / 2
                base = up if value >= 0 else down
                y1, y2 = sy(base), sy(base + value)
                if value >= 0:
                    up += value
                else:
                    down += value
            else:
                width = inner / max(len(series), 1)
                x = centre - inner / 2 + si * width
                y1, y2 = zero, sy(value)
            y, h = min(y1, y2), abs(y2 - y1)
            parts.append(
                f'<rect class="mark bar" x="{x:.1f}" y="{y:.1f}" width="{max(width - 1, 1):.1f}"'
                f' height="{max(h, 0.5):.1f}" fill="{_colour(si)}"><title>{e(s.name)},'
                f" {e(category)}: {e(format_value(value, unit))}</title></rect>"
            )
    if norm is not None:
        points = [(c, v, cat) for c, v, cat in zip(centres, norm, categories, strict=True)]
        drawn = False
        for centre, value, category in points:
            if not finite(value):
                continue
            drawn = True
            y = sy(value)
            parts.append(
                f'<line class="mark norm" x1="{centre - band / 2 + 2:.1f}"'
                f' x2="{centre + band / 2 - 2:.1f}" y1="{y:.1f}" y2="{y:.1f}"'
                f' stroke="{NORM_COLOUR}" stroke-width="2.5" stroke-dasharray="6 3">'
                f"<title>{e(norm_label)}, {e(category)}: {e(format_value(value, unit))}</title>"
                "</line>"
            )
        if drawn:
            legend.append((norm_label, NORM_COLOUR, "dash"))
    parts.append(_legend(legend, left, 18, right - left))
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    unit: str,
    *,
    reference: float | None = None,
    reference_label: str = "national",
    series_label: str = "value",
) -> str:
    """Horizontal bars, one per label (e.g. every region in the latest year), with an optional
    dashed vertical reference line (the national value). Missing values print as "–"."""
    label_width, row = 270, 20
    top = MARGIN_TOP
    height = top + row * max(len(labels), 1) + 36
    left, right = label_width, WIDTH - MARGIN_RIGHT - 56
    ticks = _domain(list(values) + ([reference] if finite(reference) else []))
    low, high = ticks[0], ticks[-1]

    def sx(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    description = f"{len(labels)} bars" + (
        f"; {reference_label} {format_value(reference, unit)}" if finite(reference) else ""
    )
    parts = [_open(chart_id, title, description, WIDTH, height, "hbar")]
    axis_y = top + row * len(labels) + 4
    for tick in ticks:
        x = sx(tick)
        parts.append(
            f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{axis_y:.1f}"'
            f' stroke="{AXIS_COLOUR if tick == 0 else GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(_text(x, axis_y + 16, format_value(tick, unit, axis=True)))
    zero = sx(max(low, min(0.0, high)))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        shown = label if len(label) <= 37 else label[:36] + "…"
        parts.append(_text(left - 8, y + 14, shown, anchor="end", tooltip=label))
        if finite(value):
            x1, x2 = sorted((zero, sx(value)))
            parts.append(
                f'<rect class="mark bar" x="{x1:.1f}" y="{y + 3:.1f}" width="{max(x2 - x1, 0.5):.1f}"'
                f' height="{row - 6}" fill="{_colour(0)}"><title>{e(label)}:'
                f" {e(format_value(value, unit))}</title></rect>"
            )
            parts.append(_text(x2 + 4, y + 14, format_value(value, unit), anchor="start", size=11))
        else:
            parts.append(_text(zero + 4, y + 14, "–", anchor="start", size=11))
    legend = [(series_label, _colour(0), "box")]
    if finite(reference):
        x = sx(reference)
        parts.append(
            f'<line class="mark reference" x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}"'
            f' y2="{axis_y:.1f}" stroke="{REFERENCE_COLOUR}" stroke-width="2"'
            f' stroke-dasharray="6 4"><title>{e(reference_label)}:'
            f" {e(format_value(reference, unit))}</title></line>"
        )
        legend.append(
            (f"{reference_label} ({format_value(reference, unit)})", REFERENCE_COLOUR, "dash")
        )
    parts.append(_legend(legend, left, 18, right - left))
    parts.append("</svg>")
    return "".join(parts)
