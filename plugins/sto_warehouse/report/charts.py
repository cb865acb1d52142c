"""Server-side SVG charts for the monitor report: no JavaScript, no external library, no CDN.

Every function returns one self-contained ``<svg>`` (``markupsafe.Markup``, so the autoescaping
page templates insert it as it is) with presentation attributes only (no inline ``style``, so
the pages can forbid inline styles in their Content-Security-Policy), a ``<title>``/``<desc>``
and ``role="img"`` for screen readers. Every drawn data mark (a point, a bar, a norm segment)
carries ``class="mark …"`` and its own ``<title>`` (the browser's native tooltip). Elements are
built with ``el()``, which escapes every attribute value and text through markupsafe: labels
come from regional submissions. Axis tick labels are in ``<g class="axis …">`` as
``<text class="tick">`` and never repeat (``axis_labels``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from sto_warehouse.report.messages import DUTCH, Language

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
REFERENCE_COLOUR = "#595959"
NORM_COLOUR = "#D55E00"
GRID_COLOUR = "#e3e3e3"
AXIS_COLOUR = "#8c8c8c"
TEXT_COLOUR = "#222222"
FONT_FAMILY = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"

WIDTH, HEIGHT = 720, 320
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 84, 20, 44, 44

UNITS = ("pct", "pp", "count", "eur", "fte", "num", "year")
INTEGER_UNITS = ("count", "year")  # ticks at whole numbers only
MAX_DECIMALS = 6


@dataclass(frozen=True)
class Series:
    """One line / bar series. ``reference`` draws it as the grey dashed reference (national)."""

    name: str
    values: tuple[float | None, ...]
    reference: bool = False


def el(tag: str, attrs: dict[str, object] | None = None, *children: object) -> Markup:
    """One element: attribute values and text children are escaped, ``Markup`` children (other
    elements) are kept; a float attribute is written with one decimal; ``None`` leaves it out."""
    attributes = "".join(
        f' {name}="{_attribute(value)}"'
        for name, value in (attrs or {}).items()
        if value is not None
    )
    if not children:
        return Markup(f"<{tag}{attributes}/>")
    inner = "".join(
        child if isinstance(child, Markup) else escape(child)
        for child in children
        if child is not None
    )
    return Markup(f"<{tag}{attributes}>{inner}</{tag}>")


def _attribute(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int):
        return str(value)
    return _escaped(str(value))


@functools.lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Most attribute values are the same few colours, classes and fonts: escape each once."""
    return str(escape(text))


def finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


# -- numbers -------------------------------------------------------------------------------------


def format_value(value: float | None, unit: str, lang: Language = DUTCH) -> str:
    """A value as the tables, tooltips and descriptions print it, e.g. "18,6%", "€ 1.234.567"."""
    if not finite(value):
        return "–"
    if unit == "pct":
        return f"{lang.number(value * 100, 1)}%"
    if unit == "pp":
        return lang.t("%(value)s pp", value=lang.number(value * 100, 1, sign=True))
    if unit == "eur":
        return lang.t("€%(value)s", value=lang.number(value, 0))
    if unit == "year":
        return lang.number(value, 0, group=False)
    if unit == "count":
        return lang.number(value, 0 if _exact(value, 0) else 1)
    if unit == "fte":
        return lang.number(value, 1)
    return lang.number(value, _decimals([value], 2))


def _exact(value: float, decimals: int) -> bool:
    return abs(round(value, decimals) - value) <= 1e-9 * max(1.0, abs(value))


def _decimals(values: Sequence[float], most: int = MAX_DECIMALS) -> int:
    """The fewest decimals (at most ``most``) that write every value exactly."""
    return next((d for d in range(most + 1) if all(_exact(v, d) for v in values)), most)


def axis_labels(ticks: Sequence[float], unit: str, lang: Language = DUTCH) -> list[str]:
    """Tick labels, all with the same number of decimals (zero is just "0"): as many as the
    ticks need to be written exactly, so two different ticks never get the same label (a step
    of 0.5 pp is "+0,5", "+1,0", …, not "+0", "+1", "+1")."""
    scale, msgid = {"pct": (0.01, None), "pp": (0.01, None)}.get(unit, (1, None))
    if unit == "eur":
        largest = max((abs(t) for t in ticks), default=0)
        for size, big in ((1e9, "%(value)s bn"), (1e6, "%(value)s m")):
            if largest >= size:
                scale, msgid = size, big
                break
    shown = [t / scale for t in ticks]
    decimals = _decimals(shown)
    labels = []
    for value in shown:
        text = lang.number(value, decimals if value else 0, sign=unit == "pp", group=unit != "year")
        if msgid and value:
            text = lang.t(msgid, value=text)
        if unit == "pct":
            text = f"{text}%"
        elif unit == "eur":
            text = lang.t("€%(value)s", value=text)
        labels.append(text)
    return labels


def nice_ticks(low: float, high: float, count: int = 5, *, integer: bool = False) -> list[float]:
    """Round tick values covering [low, high] (always including 0 when the range allows);
    ``integer``: whole steps only (counts, years)."""
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
    steps = [m * magnitude for m in (1, 2, 2.5, 5, 10)]
    if integer:
        steps = [s for s in steps if s >= 1 and _exact(s, 0)] or [1]
    step = next((s for s in steps if s >= raw), steps[-1])
    if step < raw:  # integer steps below the raw step: the next power of ten up
        step = 10 ** math.ceil(math.log10(raw))
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 12))
        value += step
    if len(ticks) < 2:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


def _domain(values: Sequence[float | None], unit: str, *, include_zero: bool = True) -> list[float]:
    present = [v for v in values if finite(v)]
    if not present:
        return [0.0, 1.0]
    low, high = min(present), max(present)
    if include_zero:
        low, high = min(low, 0.0), max(high, 0.0)
    return nice_ticks(low, high, integer=unit in INTEGER_UNITS)


# -- building blocks -----------------------------------------------------------------------------


def _svg(
    chart_id: str, title: str, description: str, size: tuple[int, int], kind: str, parts
) -> Markup:
    """The ``<svg>``: its title and description (what a screen reader announces), a white
    background, then ``parts``."""
    width, height = size
    return el(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "class": "chart",
            "data-kind": kind,
            "id": chart_id,
            "viewBox": f"0 0 {width} {height}",
            "width": width,
            "height": height,
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "preserveAspectRatio": "xMinYMin meet",
        },
        el("title", {"id": f"{chart_id}-title"}, title),
        el("desc", {"id": f"{chart_id}-desc"}, description),
        el(
            "rect",
            {
                "class": "background",
                "x": 0,
                "y": 0,
                "width": width,
                "height": height,
                "fill": "#ffffff",
            },
        ),
        *parts,
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "middle",
    size: int = 12,
    tooltip: str = "",
    css: str | None = None,
) -> Markup:
    return el(
        "text",
        {
            "class": css,
            "x": float(x),
            "y": float(y),
            "text-anchor": anchor,
            "font-size": size,
            "fill": TEXT_COLOUR,
            "font-family": FONT_FAMILY,
        },
        el("title", None, tooltip) if tooltip else None,
        text,
    )


def _y_axis(ticks: list[float], scale, unit: str, left: float, right: float, lang) -> Markup:
    parts = []
    for tick, text in zip(ticks, axis_labels(ticks, unit, lang), strict=True):
        y = scale(tick)
        parts.append(_grid(left, right, y, y, tick))
        parts.append(_text(left - 8, y + 4, text, anchor="end", css="tick"))
    caption = {"pp": lang.t("percentage points"), "fte": "fte"}.get(unit)
    if caption:
        parts.append(_text(8, MARGIN_TOP - 20, caption, anchor="start", size=11, css="unit"))
    return el("g", {"class": "axis y"}, *parts)


def _grid(x1: float, x2: float, y1: float, y2: float, tick: float) -> Markup:
    return el(
        "line",
        {
            "class": "grid",
            "x1": float(x1),
            "x2": float(x2),
            "y1": float(y1),
            "y2": float(y2),
            "stroke": AXIS_COLOUR if tick == 0 else GRID_COLOUR,
            "stroke-width": 1,
        },
    )


def _x_labels(labels: Sequence[str], centres: Sequence[float], y: float, band: float) -> Markup:
    longest = max((len(label) for label in labels), default=1)
    every = max(1, math.ceil(longest * 7.2 / max(band, 1)))
    return el(
        "g",
        {"class": "axis x"},
        *(
            _text(x, y, label, css="tick")
            for i, (label, x) in enumerate(zip(labels, centres, strict=True))
            if i % every == 0 or i == len(labels) - 1
        ),
    )


def _legend(items: Sequence[tuple[str, str, str]], left: float, y: float, width: float) -> Markup:
    """items: (label, colour, shape) with shape 'line', 'dash' or 'box'; wraps onto new rows."""
    parts, x = [], left
    for label, colour, shape in items:
        text_width = min(len(label), 48) * 6.6
        if x > left and x + 24 + text_width > left + width:
            x, y = left, y + 16
        if shape == "box":
            swatch = el(
                "rect",
                {"x": float(x), "y": float(y - 9), "width": 12, "height": 12, "fill": colour},
            )
        else:
            swatch = el(
                "line",
                {
                    "x1": float(x),
                    "x2": float(x + 18),
                    "y1": float(y - 3),
                    "y2": float(y - 3),
                    "stroke": colour,
                    "stroke-width": 2.5,
                    "stroke-dasharray": "5 3" if shape == "dash" else None,
                },
            )
        parts.append(
            el("g", {"class": "legend-item"}, swatch, _text(x + 24, y + 1, label, anchor="start"))
        )
        x += 24 + text_width + 18
    return Markup("").join(parts)


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _summary(categories: Sequence[str], series: Sequence[Series], unit: str, lang) -> str:
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
            value = format_value(last[1], unit, lang)
            bits.append(
                lang.t("%(series)s: %(value)s in %(category)s", series=s.name, value=value,
                       category=last[0])
            )  # fmt: skip
    if categories:
        span = lang.t("%(first)s to %(last)s.", first=categories[0], last=categories[-1])
    else:
        span = lang.t("no categories.")
    return f"{span} " + ("; ".join(bits) if bits else lang.t("No values."))


def _tooltip(series: str, category: str, value: float, unit: str, lang: Language) -> Markup:
    text = lang.t(
        "%(series)s, %(category)s: %(value)s",
        series=series,
        category=category,
        value=format_value(value, unit, lang),
    )
    return el("title", None, text)


# -- chart types ---------------------------------------------------------------------------------


def line_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    *,
    include_zero: bool = True,
    lang: Language = DUTCH,
) -> Markup:
    """Lines over ordered categories (years); a ``reference`` series is the dashed national line.
    A missing value breaks the line; a lone point between gaps is still drawn as a marker."""
    left, right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    ticks = _domain([v for s in series for v in s.values], unit, include_zero=include_zero)
    low, high = ticks[0], ticks[-1]

    def sy(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    n = max(len(categories), 1)
    band = (right - left) / n
    centres = [left + band * (i + 0.5) for i in range(len(categories))]
    summary = _summary(categories, series, unit, lang)
    parts = [
        _y_axis(ticks, sy, unit, left, right, lang),
        _x_labels(categories, centres, bottom + 20, band),
    ]
    legend = []
    styles = {}
    colour_index = 0
    for s in series:
        if s.reference:
            styles[id(s)] = (REFERENCE_COLOUR, "6 4", "dash")
        else:
            styles[id(s)] = (_colour(colour_index), None, "line")
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
                    el(
                        "polyline",
                        {
                            "class": f"line {kind}",
                            "points": " ".join(points),
                            "fill": "none",
                            "stroke": colour,
                            "stroke-width": 2.5,
                            "stroke-linejoin": "round",
                            "stroke-dasharray": dash,
                        },
                    )
                )
        for x, category, value in zip(centres, categories, s.values, strict=True):
            if not finite(value):
                continue
            parts.append(
                el(
                    "circle",
                    {
                        "class": f"mark point {kind}",
                        "cx": float(x),
                        "cy": float(sy(value)),
                        "r": 3 if s.reference else 4,
                        "fill": colour,
                    },
                    _tooltip(s.name, category, value, unit, lang),
                )
            )
    parts.append(_legend(legend, left, 18, right - left))
    return _svg(chart_id, title, summary, (WIDTH, HEIGHT), "line", parts)


def bar_chart(
    chart_id: str,
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    unit: str,
    *,
    stacked: bool = False,
    norm: Sequence[float | None] | None = None,
    norm_label: str | None = None,
    lang: Language = DUTCH,
) -> Markup:
    """Grouped (or stacked) vertical bars per category, optionally with a norm per category
    drawn as a dashed segment across the category (e.g. the co-financing norm)."""
    norm_label = norm_label or lang.t("norm")
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
    ticks = _domain(list(extent) + list(norm or []), unit)
    low, high = ticks[0], ticks[-1]

    def sy(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    band = (right - left) / n
    centres = [left + band * (i + 0.5) for i in range(len(categories))]
    inner = band * 0.72
    summary = _summary(categories, series, unit, lang)
    parts = [
        _y_axis(ticks, sy, unit, left, right, lang),
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
                el(
                    "rect",
                    {
                        "class": "mark bar",
                        "x": float(x),
                        "y": float(y),
                        "width": float(max(width - 1, 1)),
                        "height": float(max(h, 0.5)),
                        "fill": _colour(si),
                    },
                    _tooltip(s.name, category, value, unit, lang),
                )
            )
    if norm is not None:
        drawn = False
        for centre, value, category in zip(centres, norm, categories, strict=True):
            if not finite(value):
                continue
            drawn = True
            y = sy(value)
            parts.append(
                el(
                    "line",
                    {
                        "class": "mark norm",
                        "x1": float(centre - band / 2 + 2),
                        "x2": float(centre + band / 2 - 2),
                        "y1": float(y),
                        "y2": float(y),
                        "stroke": NORM_COLOUR,
                        "stroke-width": 2.5,
                        "stroke-dasharray": "6 3",
                    },
                    _tooltip(norm_label, category, value, unit, lang),
                )
            )
        if drawn:
            legend.append((norm_label, NORM_COLOUR, "dash"))
    parts.append(_legend(legend, left, 18, right - left))
    return _svg(chart_id, title, summary, (WIDTH, HEIGHT), "bar", parts)


def hbar_chart(
    chart_id: str,
    title: str,
    labels: Sequence[str],
    values: Sequence[float | None],
    unit: str,
    *,
    reference: float | None = None,
    reference_label: str | None = None,
    series_label: str = "",
    lang: Language = DUTCH,
) -> Markup:
    """Horizontal bars, one per label (e.g. every region in the latest year), with an optional
    dashed vertical reference line (the national value). Missing values print as "–"."""
    reference_label = reference_label or lang.t("national")
    label_width, row = 270, 20
    top = MARGIN_TOP
    height = top + row * max(len(labels), 1) + 36
    left, right = label_width, WIDTH - MARGIN_RIGHT - 56
    ticks = _domain(list(values) + ([reference] if finite(reference) else []), unit)
    low, high = ticks[0], ticks[-1]

    def sx(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)

    description = lang.ngettext("%(num)s bar", "%(num)s bars", len(labels)) % {"num": len(labels)}
    if finite(reference):
        description += "; " + lang.t(
            "%(label)s: %(value)s", label=reference_label, value=format_value(reference, unit, lang)
        )
    parts = []
    axis_y = top + row * len(labels) + 4
    axis = []
    for tick, text in zip(ticks, axis_labels(ticks, unit, lang), strict=True):
        x = sx(tick)
        axis.append(_grid(x, x, top - 4, axis_y, tick))
        axis.append(_text(x, axis_y + 16, text, css="tick"))
    parts.append(el("g", {"class": "axis x"}, *axis))
    zero = sx(max(low, min(0.0, high)))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + i * row
        shown = label if len(label) <= 37 else label[:36] + "…"
        parts.append(_text(left - 8, y + 14, shown, anchor="end", tooltip=label))
        if finite(value):
            x1, x2 = sorted((zero, sx(value)))
            text = lang.t(
                "%(label)s: %(value)s", label=label, value=format_value(value, unit, lang)
            )
            parts.append(
                el(
                    "rect",
                    {
                        "class": "mark bar",
                        "x": float(x1),
                        "y": float(y + 3),
                        "width": float(max(x2 - x1, 0.5)),
                        "height": row - 6,
                        "fill": _colour(0),
                    },
                    el("title", None, text),
                )
            )
            parts.append(
                _text(x2 + 4, y + 14, format_value(value, unit, lang), anchor="start", size=11)
            )
        else:
            parts.append(_text(zero + 4, y + 14, "–", anchor="start", size=11))
    legend = [(series_label, _colour(0), "box")]
    if finite(reference):
        x = sx(reference)
        shown = format_value(reference, unit, lang)
        parts.append(
            el(
                "line",
                {
                    "class": "mark reference",
                    "x1": float(x),
                    "x2": float(x),
                    "y1": top - 4,
                    "y2": float(axis_y),
                    "stroke": REFERENCE_COLOUR,
                    "stroke-width": 2,
                    "stroke-dasharray": "6 4",
                },
                el(
                    "title",
                    None,
                    lang.t("%(label)s: %(value)s", label=reference_label, value=shown),
                ),
            )
        )
        legend.append((f"{reference_label} ({shown})", REFERENCE_COLOUR, "dash"))
    parts.append(_legend(legend, left, 18, right - left))
    return _svg(chart_id, title, description, (WIDTH, height), "hbar", parts)
