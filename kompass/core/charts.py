"""Every chart kompass draws, as small self-contained SVG: the radar (a profile against the average), the
bar chart of the eight areas and the development of totals over the years. Used by the public pages, the
embeddable chart and every report format (web, PDF; a PNG for Word through `svg_to_png`).

Plain strings of SVG markup with every text XML-escaped. Colours are presentation attributes, so the same
SVG works inline in a page and standalone. Series differ by shape and line style as well as colour (a
solid line with filled circles, a dashed line with hollow squares), so a chart reads in black and white
(WCAG 1.4.1). Each chart carries <title> and <desc>; pages show the same figures in a table. A missing
value is never drawn as 0: the radar breaks its line there and names the axis "uppgift saknas"."""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from kompass.core import formatting

FONT = "Libertinus Serif, Georgia, 'Times New Roman', serif"
INK = "#1a1a1a"
GREY = "#6b6b6b"
GRID = "#c8c8c8"
# Colours with at least 3:1 contrast against white (WCAG 1.4.11, graphical objects).
PALETTE = ["#0b4f8a", "#a3111b", "#1d6b2f", "#8a4b00", "#5b2a86", "#006d75", "#6b4e16", "#3d3d3d"]
AVERAGE_COLOUR = "#4a5260"
REFERENCE_COLOUR = "#7a1f5c"  # SKR's published reference average

Value = Decimal | float | int | None
Point = tuple[float, float]


@dataclass(frozen=True)
class Series:
    """One line of a radar: a value per axis (None = missing). A dashed series (the average) is drawn
    thinner with hollow squares; a solid one with filled circles."""

    name: str
    values: list[Value]
    colour: str = INK
    dashed: bool = False


def _text(
    x: float, y: float, text: str, *, size: int = 12, anchor: str = "start", extra: str = "", fill: str = INK
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {extra}>'
        f"{escape(text)}</text>"
    )


def _svg(width: int, height: int, title: str, description: str, body: list[str], *, chart_id: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="{FONT}" '
        f'class="chart"><title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def _marker(point: Point, series: Series) -> str:
    x, y = point
    if series.dashed:
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="#ffffff" '
            f'stroke="{series.colour}" stroke-width="1.4"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{series.colour}"/>'


def _line(a: Point, b: Point, series: Series) -> str:
    style = (
        'stroke-width="1.6" stroke-dasharray="6 4"' if series.dashed else 'stroke-width="2.6" stroke-linecap="round"'
    )
    return f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" stroke="{series.colour}" {style}/>'


def _legend(series: list[Series], *, top: float) -> list[str]:
    parts = []
    for position, item in enumerate(series):
        y = top + 22 * position
        parts.append(_line((20, y - 4), (52, y - 4), item))
        parts.append(_marker((36, y - 4), item))
        parts.append(_text(60, y, item.name, size=12))
    return parts


# ---------------------------------------------------------------- radar


def _radar_point(cx: float, cy: float, radius: float, index: float, count: int, value: float) -> Point:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return cx + math.cos(angle) * radius * value / 100, cy + math.sin(angle) * radius * value / 100


def _segments(points: list[Point | None]) -> list[tuple[Point, Point]]:
    """Lines between neighbouring known points, around the circle; an unknown value breaks the line."""
    count = len(points)
    pairs = [(points[i], points[(i + 1) % count]) for i in range(count)] if count > 1 else []
    return [(a, b) for a, b in pairs if a is not None and b is not None]


def radar_svg(
    labels: list[str],
    series: list[Series],
    *,
    title: str,
    description: str,
    chart_id: str = "radar",
    width: int = 680,
    radius: int = 150,
    label_room: int = 106,
) -> str:
    """A radar on a 0–100 scale, one axis per label, one line per series. An axis where the first series
    has no value is labelled "uppgift saknas". `label_room` is the space around the circle for the axis
    labels (the report's area names are long; the pages' area numbers are short)."""
    cx, cy = width / 2, radius + label_room
    height = round(cy + radius + label_room - 12 + 22 * len(series))
    count = len(labels) or 1
    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for ring in range(20, 101, 20):
        ring_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_radar_point(cx, cy, radius, i, count, ring) for i in range(count))
        )
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="1"/>')
        x, y = _radar_point(cx, cy, radius, 0.5, count, ring)
        body.append(_text(x + 3, y + 3, str(ring), size=10, fill=GREY))
    first = series[0].values if series else []
    for index, label in enumerate(labels):
        x, y = _radar_point(cx, cy, radius, index, count, 100)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
        lx, ly = _radar_point(cx, cy, radius + 22, index, count, 100)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = textwrap.wrap(label, 22, break_long_words=True)[:3] or [""]
        offset = -14 * (len(lines) - 1) if ly < cy - 20 else (0 if ly > cy + 20 else -7 * (len(lines) - 1))
        for n, line in enumerate(lines):
            body.append(_text(lx, ly + 4 + offset + 14 * n, line, size=13, anchor=anchor))
        if index < len(first) and first[index] is None:
            y_missing = ly + 4 + offset + 14 * len(lines)
            body.append(_text(lx, y_missing, formatting.MISSING, size=10, anchor=anchor, extra='font-style="italic"'))
    for item in sorted(series, key=lambda s: not s.dashed):  # averages below, so the own line stays on top
        points = [
            None if v is None else _radar_point(cx, cy, radius, i, count, float(v)) for i, v in enumerate(item.values)
        ]
        body.extend(_line(a, b, item) for a, b in _segments(points))
        body.extend(_marker(p, item) for p in points if p is not None)
    body.extend(_legend(series, top=height - 22 * len(series) + 4))
    return _svg(width, height, title, description, body, chart_id=chart_id)


# ---------------------------------------------------------------- bars


@dataclass(frozen=True)
class Bar:
    label: str
    value: Value
    average: Value = None


def bar_svg(
    bars: list[Bar], *, title: str, description: str, name: str, average_name: str = "", chart_id: str = "bars"
) -> str:
    """Horizontal hatched bars on a 0–100 scale with the average as a diamond; a missing value is written
    "uppgift saknas", never drawn as an empty bar. `average_name` empty: no average in the legend."""
    width, left, right, top, row = 680, 16, 70, 34, 46
    scale_width = width - left - right
    height = top + row * len(bars) + 34
    bottom = top + row * len(bars)
    body = [
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2.2"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in range(0, 101, 20):
        x = left + scale_width * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}" stroke-width="1"/>')
        body.append(_text(x, bottom + 16, str(tick), size=11, anchor="middle"))
    for index, bar in enumerate(bars):
        y = top + index * row
        body.append(_text(left, y + 10, bar.label, size=12))
        bar_y = y + 16
        if bar.value is None:
            body.append(_text(left + 4, bar_y + 13, formatting.MISSING, size=12, extra='font-style="italic"'))
        else:
            length = scale_width * float(bar.value) / 100
            body.append(
                f'<rect x="{left}" y="{bar_y}" width="{length:.1f}" height="18" fill="url(#{chart_id}-hatch)" '
                f'stroke="{INK}" stroke-width="1.2"/>'
            )
            points = formatting.points(bar.value)
            body.append(_text(width - 8, bar_y + 14, points, size=13, anchor="end", extra='font-weight="bold"'))
        if bar.average is not None:
            body.append(_diamond(left + scale_width * float(bar.average) / 100, bar_y + 9))
    legend_y = 14
    body.append(
        f'<rect x="{left}" y="{legend_y - 10}" width="22" height="12" fill="url(#{chart_id}-hatch)" stroke="{INK}"/>'
    )
    body.append(_text(left + 28, legend_y, name, size=12))
    if average_name:
        body.append(_diamond(left + 300, legend_y - 4))
        body.append(_text(left + 312, legend_y, average_name, size=12))
    return _svg(width, height, title, description, body, chart_id=chart_id)


def ranking_svg(
    bars: list[Bar],
    *,
    maximum: int,
    title: str,
    description: str,
    reference: Value,
    reference_label: str,
    chart_id: str = "ranking",
) -> str:
    """A ranking: horizontal bars on a 0–`maximum` scale (800 for totals, 100 for an area) in the order
    given, each with its value; an unknown value gets a dash and no bar. A dashed line marks `reference`
    (the average) when there is one."""
    width, left, right, top, row = 720, 150, 60, 30, 22
    scale = (width - left - right) / maximum
    bottom = top + row * len(bars)
    height = bottom + 40
    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for index, bar in enumerate(bars):
        y = top + row * index
        body.append(_text(left - 8, y + 15, bar.label, size=13, anchor="end"))
        if bar.value is None:
            body.append(_text(left + 4, y + 15, "–", size=13, fill=GREY))
            continue
        length = float(bar.value) * scale
        body.append(f'<rect x="{left}" y="{y + 3}" width="{length:.1f}" height="{row - 6}" fill="{PALETTE[0]}"/>')
        body.append(_text(left + length + 4, y + 15, formatting.points(bar.value), size=12))
    if reference is not None:
        x = left + float(reference) * scale
        body.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 6}" y2="{bottom}" stroke="{AVERAGE_COLOUR}" '
            'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        body.append(_text(x, bottom + 20, reference_label, size=12, anchor="middle"))
    return _svg(width, height, title, description, body, chart_id=chart_id)


def _diamond(x: float, y: float) -> str:
    return (
        f'<path d="M {x:.1f} {y - 8:.1f} L {x + 6:.1f} {y:.1f} L {x:.1f} {y + 8:.1f} L {x - 6:.1f} {y:.1f} Z" '
        f'fill="#ffffff" stroke="{INK}" stroke-width="1.6"/>'
    )


# ---------------------------------------------------------------- development over the years


@dataclass(frozen=True)
class HistoryPoint:
    year: int
    total: Decimal | None
    version: str
    label: str


def history_svg(
    points: list[HistoryPoint], *, title: str, description: str, width: int = 720, height: int = 320
) -> str:
    """Totals (0–800) over the years. One line per criteria version, never joined across versions; a
    dashed vertical line with the new version's code marks each change. Missing totals are left out."""
    left, right, top, bottom = 56, 20, 28, 44
    years = [p.year for p in points] or [2000]
    first, last = min(years) - 1, max(years) + 1

    def x(year: int) -> float:
        return left + (width - left - right) * (year - first) / max(last - first, 1)

    def y(total: Decimal) -> float:
        return top + (height - top - bottom) * (1 - float(total) / 800)

    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for tick in range(0, 801, 200):
        level = y(Decimal(tick))
        body.append(
            f'<line x1="{left}" x2="{width - right}" y1="{level:.1f}" y2="{level:.1f}" stroke="{GRID}" '
            'stroke-width="0.5"/>'
        )
        body.append(_text(left - 6, level + 4, str(tick), size=11, anchor="end", fill=GREY))
    for year in sorted(set(years)):
        body.append(_text(x(year), height - bottom + 18, str(year), size=11, anchor="middle", fill=GREY))
    versions = list(dict.fromkeys(p.version for p in points))
    previous: HistoryPoint | None = None
    for point in points:
        if previous is not None and previous.version != point.version:
            boundary = (x(previous.year) + x(point.year)) / 2
            body.append(
                f'<line x1="{boundary:.1f}" x2="{boundary:.1f}" y1="{top - 8}" y2="{height - bottom}" '
                f'stroke="{INK}" stroke-width="1" stroke-dasharray="4 4"/>'
            )
            body.append(_text(boundary + 4, top - 4, point.version, size=11))
        previous = point
    for run in _runs(points):
        colour = PALETTE[versions.index(run[0].version) % len(PALETTE)]
        known = [(p, p.total) for p in run if p.total is not None]
        if len(known) > 1:
            path = " ".join(f"{x(p.year):.1f},{y(total):.1f}" for p, total in known)
            body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
        for p, total in known:
            body.append(f'<circle cx="{x(p.year):.1f}" cy="{y(total):.1f}" r="5" fill="{colour}"/>')
            body.append(_text(x(p.year), y(total) - 10, formatting.points(total), size=12, anchor="middle"))
    return _svg(width, height, title, description, body, chart_id="history")


def _runs(points: list[HistoryPoint]) -> list[list[HistoryPoint]]:
    """Consecutive points on the same version: the only points a line may join."""
    runs: list[list[HistoryPoint]] = []
    for point in points:
        if runs and runs[-1][-1].version == point.version:
            runs[-1].append(point)
        else:
            runs.append([point])
    return runs


def svg_to_png(svg: str, *, ppi: float = 144.0) -> bytes:
    """A crisp PNG of `svg` for Word, drawn by Typst (already a dependency; no browser or Cairo needed)."""
    import typst

    source = '#set page(width: auto, height: auto, margin: 0pt)\n#image(bytes(sys.inputs.svg), format: "svg")\n'
    return typst.compile(source.encode(), format="png", ppi=ppi, sys_inputs={"svg": svg}, ignore_system_fonts=True)
