"""SVG charts drawn on the server: a radar (profile against the average) and a development chart.

Plain strings of SVG markup, every text escaped. Colours are presentation attributes so the same SVG
works inline in a page and standalone (the embeddable chart); each chart has <title> and <desc> and
the pages show the same figures in a table next to it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape

# Colours with at least 3:1 contrast against white (WCAG 1.4.11, graphical objects).
PALETTE = ["#0b4f8a", "#a3111b", "#1d6b2f", "#8a4b00", "#5b2a86", "#006d75", "#6b4e16", "#3d3d3d"]
AVERAGE_COLOUR = "#4a5260"
REFERENCE_COLOUR = "#7a1f5c"  # SKR's published reference average
GRID = "#8a94a3"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[Decimal | None]  # one per axis, None = missing
    colour: str
    dashed: bool = False


def _number(value: Decimal | float) -> str:
    text = f"{float(value):.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text


def radar_svg(
    labels: list[str], series: list[Series], *, title: str, desc: str, size: int = 440, chart_id: str = "radar"
) -> str:
    """A radar chart on a 0–100 scale with one axis per label. A series with a missing value is drawn
    as points only (a polygon through a missing axis would invent a value)."""
    centre = size / 2
    radius = size / 2 - 70
    count = len(labels)

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        return centre + radius * value / 100 * math.cos(angle), centre + radius * value / 100 * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size + 24 * len(series)}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for ring in (25, 50, 75, 100):
        ring_points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(count)))
        parts.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="0.6"/>')
        x, y = point(0, ring)
        parts.append(f'<text x="{x + 3:.1f}" y="{y + 4:.1f}" font-size="10" fill="#4a5260">{ring}</text>')
    for index, label in enumerate(labels):
        x, y = point(index, 100)
        lx, ly = point(index, 118)
        anchor = "middle" if abs(lx - centre) < 10 else ("start" if lx > centre else "end")
        parts.append(
            f'<line x1="{centre}" y1="{centre}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="0.6"/>'
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly + 4:.1f}" font-size="13" text-anchor="{anchor}" fill="#1b1f24">'
            f"{escape(label)}</text>"
        )
    for item in series:
        known = [(i, v) for i, v in enumerate(item.values) if v is not None]
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        if known and len(known) == count:
            polygon = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, float(v)) for i, v in known))
            parts.append(
                f'<polygon points="{polygon}" fill="{item.colour}" fill-opacity="0.08" '
                f'stroke="{item.colour}" stroke-width="2.5"{dash}/>'
            )
        for i, v in known:
            x, y = point(i, float(v))
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{item.colour}"/>')
    for position, item in enumerate(series):
        y = size + 24 * position + 8
        dash = ' stroke-dasharray="6 4"' if item.dashed else ""
        parts.append(
            f'<line x1="20" y1="{y}" x2="50" y2="{y}" stroke="{item.colour}" stroke-width="3"{dash}/>'
            f'<text x="58" y="{y + 5}" font-size="14" fill="#1b1f24">{escape(item.name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class HistoryPoint:
    year: int
    total: Decimal | None
    version: str
    label: str


def history_svg(points: list[HistoryPoint], *, title: str, desc: str, width: int = 720, height: int = 320) -> str:
    """Totals (0–800) over the years. One line per criteria version, never joined across versions; a
    dashed vertical line with the new version's code marks each change. Missing totals are left out."""
    left, right, top, bottom = 56, 20, 28, 44
    years = [p.year for p in points] or [2000]
    first, last = min(years) - 1, max(years) + 1

    def x(year: int) -> float:
        return left + (width - left - right) * (year - first) / max(last - first, 1)

    def y(total: Decimal) -> float:
        return top + (height - top - bottom) * (1 - float(total) / 800)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="history-title history-desc" class="chart">',
        f'<title id="history-title">{escape(title)}</title><desc id="history-desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for tick in range(0, 801, 200):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(Decimal(tick)):.1f}" y2="{y(Decimal(tick)):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/><text x="{left - 6}" y="{y(Decimal(tick)) + 4:.1f}" '
            f'font-size="11" text-anchor="end" fill="#4a5260">{tick}</text>'
        )
    for year in sorted(set(years)):
        parts.append(
            f'<text x="{x(year):.1f}" y="{height - bottom + 18}" font-size="11" text-anchor="middle" '
            f'fill="#4a5260">{year}</text>'
        )
    versions = list(dict.fromkeys(p.version for p in points))
    previous: HistoryPoint | None = None
    for point in points:
        if previous is not None and previous.version != point.version:
            boundary = (x(previous.year) + x(point.year)) / 2
            parts.append(
                f'<line x1="{boundary:.1f}" x2="{boundary:.1f}" y1="{top - 8}" y2="{height - bottom}" '
                f'stroke="#1b1f24" stroke-width="1" stroke-dasharray="4 4"/>'
                f'<text x="{boundary + 4:.1f}" y="{top - 12 + 8}" font-size="11" fill="#1b1f24">'
                f"{escape(point.version)}</text>"
            )
        previous = point
    for run in _runs(points):
        colour = PALETTE[versions.index(run[0].version) % len(PALETTE)]
        known = [p for p in run if p.total is not None]
        if len(known) > 1:
            path = " ".join(f"{x(p.year):.1f},{y(p.total):.1f}" for p in known if p.total is not None)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for p in known:
            assert p.total is not None
            parts.append(
                f'<circle cx="{x(p.year):.1f}" cy="{y(p.total):.1f}" r="5" fill="{colour}"/>'
                f'<text x="{x(p.year):.1f}" y="{y(p.total) - 10:.1f}" font-size="12" text-anchor="middle" '
                f'fill="#1b1f24">{_number(p.total)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _runs(points: list[HistoryPoint]) -> list[list[HistoryPoint]]:
    """Consecutive points on the same version: the only points a line may join."""
    runs: list[list[HistoryPoint]] = []
    for point in points:
        if runs and runs[-1][-1].version == point.version:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # None = unknown: a dash, no bar


def bars_svg(
    bars: list[Bar], *, maximum: int, title: str, desc: str, reference: Decimal | None, reference_label: str
) -> str:
    """Horizontal bars, highest first as given, each with its value; unknown values get "–" and no bar.
    A dashed vertical line marks `reference` (the average) when there is one.
    TODO(charts): move into the shared chart module of portal and report once it is merged."""
    left, right, row, top = 150, 60, 22, 30
    width = 720
    height = top + row * len(bars) + 40
    scale = (width - left - right) / maximum
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="bars-title bars-desc" class="chart">',
        f'<title id="bars-title">{escape(title)}</title><desc id="bars-desc">{escape(desc)}</desc>',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    for index, bar in enumerate(bars):
        y = top + row * index
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" font-size="13" text-anchor="end" fill="#1b1f24">'
            f"{escape(bar.label)}</text>"
        )
        if bar.value is None:
            parts.append(f'<text x="{left + 4}" y="{y + 15}" font-size="13" fill="#4a5260">–</text>')
            continue
        length = float(bar.value) * scale
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{PALETTE[0]}"/>'
            f'<text x="{left + length + 4:.1f}" y="{y + 15}" font-size="12" fill="#1b1f24">{_number(bar.value)}</text>'
        )
    if reference is not None:
        x = left + float(reference) * scale
        bottom = top + row * len(bars)
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6}" y2="{bottom}" stroke="{AVERAGE_COLOUR}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{x:.1f}" y="{bottom + 20}" font-size="12" text-anchor="middle" fill="#1b1f24">'
            f"{escape(reference_label)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
