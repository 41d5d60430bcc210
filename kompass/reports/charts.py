"""The report's two charts: the report's figures handed to the shared chart module (kompass.core.charts),
and their text alternatives (`*_description`) for alt text and screen readers. Readable in black and white:
the municipality is a hatched bar or a solid line with filled circles, the average a diamond or a dashed
line with hollow squares."""

from __future__ import annotations

from kompass.core import charts
from kompass.core.formatting import genitive
from kompass.reports.content import Report, fmt_points

svg_to_png = charts.svg_to_png


def _average_label(report: Report) -> str:
    return f"Genomsnitt ({report.average_evaluations_n} utvärderingar)"


def bar_chart_description(report: Report) -> str:
    parts = [
        f"{a.number} {a.name}: {fmt_points(a.points)}"
        + (f" (genomsnitt {fmt_points(a.average)}, N = {a.average_n})" if a.average is not None else "")
        for a in report.areas
    ]
    return f"Stapeldiagram över poängen per område (0–100) för {report.municipality}. " + "; ".join(parts) + "."


def bar_chart(report: Report) -> str:
    return charts.bar_svg(
        [charts.Bar(f"{a.number}. {a.name}", a.points, a.average) for a in report.areas],
        title=f"Poäng per område, {report.municipality}",
        description=bar_chart_description(report),
        name=report.municipality,
        average_name=_average_label(report) if report.average_evaluations_n else "",
        chart_id="kk-bars",
    )


def radar_chart_description(report: Report) -> str:
    parts = [f"{a.number}: {fmt_points(a.points)} mot {fmt_points(a.average)}" for a in report.areas]
    return (
        f"Spindeldiagram över {genitive(report.municipality)} profil mot genomsnittet för "
        f"{report.average_evaluations_n} andra publicerade utvärderingar enligt {report.version_name} "
        "(poäng 0–100 per område). " + "; ".join(parts) + "."
    )


def radar_chart(report: Report) -> str:
    series = [charts.Series(report.municipality, [a.points for a in report.areas])]
    if report.average_evaluations_n:
        series.append(charts.Series(_average_label(report), [a.average for a in report.areas], dashed=True))
    return charts.radar_svg(
        [f"{a.number}. {a.name}" for a in report.areas],
        series,
        title=f"Profil mot genomsnittet, {report.municipality}",
        description=radar_chart_description(report),
        chart_id="kk-radar",
    )
