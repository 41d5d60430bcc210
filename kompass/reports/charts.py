"""The report's two charts: the report's figures handed to the shared chart module (kompass.core.charts),
and their text alternatives (`*_description`) for alt text and screen readers. Readable in black and white:
the municipality is a hatched bar or a solid line with filled circles, the average a diamond or a dashed
line with hollow squares."""

from __future__ import annotations

from django.utils.translation import gettext as _

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
    return (
        (
            _("Stapeldiagram över poängen per område (0–100) för %(municipality)s. ")
            % {"municipality": report.municipality}
        )
        + "; ".join(parts)
        + "."
    )


def bar_chart(report: Report) -> str:
    return charts.bar_svg(
        [charts.Bar(f"{a.number}. {a.name}", a.points, a.average) for a in report.areas],
        title=(_("Poäng per område, %(municipality)s") % {"municipality": report.municipality}),
        description=bar_chart_description(report),
        name=report.municipality,
        average_name=_average_label(report) if report.average_evaluations_n else "",
        chart_id="kk-bars",
    )


def radar_chart_description(report: Report) -> str:
    parts = [f"{a.number}: {fmt_points(a.points)} mot {fmt_points(a.average)}" for a in report.areas]
    return (
        (
            _(
                "Spindeldiagram över %(value)s profil mot genomsnittet för "
                "%(average_evaluations_n)s andra publicerade utvärderingar enligt "
                "%(version_name)s (poäng 0–100 per område). "
            )
            % {
                "value": genitive(report.municipality),
                "average_evaluations_n": report.average_evaluations_n,
                "version_name": report.version_name,
            }
        )
        + "; ".join(parts)
        + "."
    )


def radar_chart(report: Report) -> str:
    series = [charts.Series(report.municipality, [a.points for a in report.areas])]
    if report.average_evaluations_n:
        series.append(charts.Series(_average_label(report), [a.average for a in report.areas], dashed=True))
    return charts.radar_svg(
        [f"{a.number}. {a.name}" for a in report.areas],
        series,
        title=(_("Profil mot genomsnittet, %(municipality)s") % {"municipality": report.municipality}),
        description=radar_chart_description(report),
        chart_id="kk-radar",
    )
