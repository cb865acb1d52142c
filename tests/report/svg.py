"""Reading the report's SVG charts back: the charts of a page and the tick labels of their axes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def charts_of(html: str) -> list[ET.Element]:
    """Every inline ``<svg>`` of a page, parsed as XML (so each must be well-formed)."""
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def axes(root: ET.Element) -> dict[str, list[str]]:
    """Axis ("axis x", "axis y") -> its tick labels in drawing order."""
    found = {}
    for group in root.iter(f"{SVG}g"):
        css = (group.get("class") or "").split()
        if "axis" in css:
            ticks = [t for t in group.iter(f"{SVG}text") if "tick" in (t.get("class") or "")]
            found[" ".join(css)] = ["".join(t.itertext()) for t in ticks]
    return found


def repeated_ticks(html_or_svg: str) -> list[tuple[str, str, list[str]]]:
    """(chart id, axis, labels) of every axis on which a tick label occurs more than once."""
    roots = charts_of(html_or_svg)
    return [
        (root.get("id"), axis, labels)
        for root in roots
        for axis, labels in axes(root).items()
        if len(labels) != len(set(labels))
    ]
