"""The report's two charts as small, self-contained SVG (vector for web and PDF; rendered to PNG for Word).

Readable in black and white: the municipality is a hatched bar or a solid line with filled circles, the
average a diamond or a dashed line with hollow squares — shape and pattern, never colour alone. Every text
is XML-escaped. Each chart has a text alternative (`*_description`) for alt text and screen readers."""

from __future__ import annotations

import math
import textwrap
from decimal import Decimal
from xml.sax.saxutils import escape

from kompass.reports.content import MISSING, Report, fmt_points

FONT = "Libertinus Serif, Georgia, 'Times New Roman', serif"
INK = "#1a1a1a"
GREY = "#6b6b6b"


def _text(
    x: float, y: float, text: str, *, size: int = 12, anchor: str = "start", extra: str = "", fill: str = INK
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" {extra}>'
        f"{escape(text)}</text>"
    )


def _svg(width: int, height: int, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" font-family="{FONT}">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>" + "".join(body) + "</svg>"
    )


def _average_label(report: Report) -> str:
    return f"Genomsnitt ({report.average_evaluations_n} utvärderingar)"


# ---------------------------------------------------------------- bar chart of the eight areas


def bar_chart_description(report: Report) -> str:
    parts = [
        f"{a.number} {a.name}: {fmt_points(a.points)}"
        + (f" (genomsnitt {fmt_points(a.average)}, N = {a.average_n})" if a.average is not None else "")
        for a in report.areas
    ]
    return f"Stapeldiagram över poängen per område (0–100) för {report.municipality}. " + "; ".join(parts) + "."


def bar_chart(report: Report) -> str:
    width, left, right, top, row = 680, 16, 70, 34, 46
    scale_width = width - left - right
    height = top + row * len(report.areas) + 34
    body = [
        '<defs><pattern id="kk-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="2.2"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    bottom = top + row * len(report.areas)
    for tick in range(0, 101, 20):
        x = left + scale_width * tick / 100
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" stroke="#c8c8c8" stroke-width="1"/>')
        body.append(_text(x, bottom + 16, str(tick), size=11, anchor="middle"))
    for index, area in enumerate(report.areas):
        y = top + index * row
        body.append(_text(left, y + 10, f"{area.number}. {area.name}", size=12))
        bar_y = y + 16
        if area.points is None:
            body.append(_text(left + 4, bar_y + 13, MISSING, size=12, extra='font-style="italic"'))
        else:
            bar = scale_width * float(area.points) / 100
            body.append(
                f'<rect x="{left}" y="{bar_y}" width="{bar:.1f}" height="18" fill="url(#kk-hatch)" '
                f'stroke="{INK}" stroke-width="1.2"/>'
            )
            body.append(
                _text(width - 8, bar_y + 14, fmt_points(area.points), size=13, anchor="end", extra='font-weight="bold"')
            )
        if area.average is not None:
            x = left + scale_width * float(area.average) / 100
            cy = bar_y + 9
            body.append(
                f'<path d="M {x:.1f} {cy - 8} L {x + 6:.1f} {cy} L {x:.1f} {cy + 8} L {x - 6:.1f} {cy} Z" '
                f'fill="#ffffff" stroke="{INK}" stroke-width="1.6"/>'
            )
    legend_y = 14
    body.append(f'<rect x="{left}" y="{legend_y - 10}" width="22" height="12" fill="url(#kk-hatch)" stroke="{INK}"/>')
    body.append(_text(left + 28, legend_y, report.municipality, size=12))
    if report.average_evaluations_n:
        x = left + 300
        body.append(
            f'<path d="M {x} {legend_y - 11} L {x + 6} {legend_y - 4} L {x} {legend_y + 3} L {x - 6} '
            f'{legend_y - 4} Z" fill="#ffffff" stroke="{INK}" stroke-width="1.6"/>'
        )
        body.append(_text(x + 12, legend_y, _average_label(report), size=12))
    return _svg(width, height, f"Poäng per område, {report.municipality}", bar_chart_description(report), body)


# ---------------------------------------------------------------- radar chart: profile against the average


def radar_chart_description(report: Report) -> str:
    parts = [f"{a.number}: {fmt_points(a.points)} mot {fmt_points(a.average)}" for a in report.areas]
    return (
        f"Spindeldiagram över {report.municipality}s profil mot genomsnittet för {report.average_evaluations_n} "
        f"andra publicerade utvärderingar enligt {report.version_name} (poäng 0–100 per område). "
        + "; ".join(parts)
        + "."
    )


def _point(cx: float, cy: float, radius: float, index: float, count: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return cx + math.cos(angle) * radius * value / 100, cy + math.sin(angle) * radius * value / 100


def _segments(points: list[tuple[float, float] | None]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Lines between neighbouring known points, around the circle; an unknown value breaks the line
    (it is never drawn as 0)."""
    count = len(points)
    pairs = [(points[i], points[(i + 1) % count]) for i in range(count)] if count > 1 else []
    return [(a, b) for a, b in pairs if a is not None and b is not None]


def _series(values: list[Decimal | None], cx: float, cy: float, radius: float) -> list[tuple[float, float] | None]:
    return [None if v is None else _point(cx, cy, radius, i, len(values), float(v)) for i, v in enumerate(values)]


def radar_chart(report: Report) -> str:
    width, height, cx, cy, radius = 680, 520, 340, 256, 150
    count = len(report.areas) or 1
    body = [f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for ring in range(20, 101, 20):
        ring_points = " ".join(
            f"{x:.1f},{y:.1f}" for x, y in (_point(cx, cy, radius, i, count, ring) for i in range(count))
        )
        body.append(f'<polygon points="{ring_points}" fill="none" stroke="#c8c8c8" stroke-width="1"/>')
        x, y = _point(cx, cy, radius, 0.5, count, ring)
        body.append(_text(x + 3, y + 3, str(ring), size=10, fill=GREY))
    for index, area in enumerate(report.areas):
        x, y = _point(cx, cy, radius, index, count, 100)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c8c8c8" stroke-width="1"/>')
        lx, ly = _point(cx, cy, radius + 22, index, count, 100)
        anchor = "middle" if abs(lx - cx) < 20 else ("start" if lx > cx else "end")
        lines = textwrap.wrap(f"{area.number}. {area.name}", 22, break_long_words=True) or [""]
        offset = -14 * (len(lines) - 1) if ly < cy - 20 else (0 if ly > cy + 20 else -7 * (len(lines) - 1))
        for n, line in enumerate(lines[:3]):
            body.append(_text(lx, ly + 4 + offset + 14 * n, line, size=13, anchor=anchor))
        if area.points is None:
            body.append(
                _text(
                    lx,
                    ly + 4 + offset + 14 * min(len(lines), 3),
                    MISSING,
                    size=10,
                    anchor=anchor,
                    extra='font-style="italic"',
                )
            )
    average = _series([a.average for a in report.areas], cx, cy, radius)
    for (x1, y1), (x2, y2) in _segments(average):
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{INK}" stroke-width="1.6" '
            'stroke-dasharray="6 4"/>'
        )
    for point in average:
        if point:
            body.append(
                f'<rect x="{point[0] - 4:.1f}" y="{point[1] - 4:.1f}" width="8" height="8" fill="#ffffff" '
                f'stroke="{INK}" stroke-width="1.4"/>'
            )
    own = _series([a.points for a in report.areas], cx, cy, radius)
    for (x1, y1), (x2, y2) in _segments(own):
        body.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{INK}" stroke-width="2.6" '
            'stroke-linecap="round"/>'
        )
    for point in own:
        if point:
            body.append(f'<circle cx="{point[0]:.1f}" cy="{point[1]:.1f}" r="4.5" fill="{INK}"/>')
    legend_y = height - 16
    body.append(f'<line x1="20" y1="{legend_y - 4}" x2="52" y2="{legend_y - 4}" stroke="{INK}" stroke-width="2.6"/>')
    body.append(f'<circle cx="36" cy="{legend_y - 4}" r="4.5" fill="{INK}"/>')
    body.append(_text(60, legend_y, report.municipality, size=12))
    if report.average_evaluations_n:
        body.append(
            f'<line x1="330" y1="{legend_y - 4}" x2="362" y2="{legend_y - 4}" stroke="{INK}" stroke-width="1.6" '
            'stroke-dasharray="6 4"/>'
        )
        body.append(
            f'<rect x="342" y="{legend_y - 8}" width="8" height="8" fill="#ffffff" stroke="{INK}" stroke-width="1.4"/>'
        )
        body.append(_text(370, legend_y, _average_label(report), size=12))
    return _svg(width, height, f"Profil mot genomsnittet, {report.municipality}", radar_chart_description(report), body)


def svg_to_png(svg: str, *, ppi: float = 144.0) -> bytes:
    """A crisp PNG of `svg` for Word, drawn by Typst (already a dependency; no browser or Cairo needed)."""
    import typst

    source = '#set page(width: auto, height: auto, margin: 0pt)\n#image(bytes(sys.inputs.svg), format: "svg")\n'
    return typst.compile(source.encode(), format="png", ppi=ppi, sys_inputs={"svg": svg}, ignore_system_fonts=True)
