"""Layout helpers shared by the renderers: paragraphs, the points overview rows, a few sentences."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.reports.content import MISSING, Report, fmt_points

NOT_APPLICABLE = "–"
LONG_WORD = re.compile(r"\S{40,}")


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs, inner line breaks and runs of spaces folded."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]


def breakable(text: str, *, every: int = 20) -> str:
    """Very long unbroken strings (URLs, hostile input) get zero-width break opportunities, so a line can
    wrap instead of running off the page."""
    return LONG_WORD.sub(lambda m: "\u200b".join(m[0][i : i + every] for i in range(0, len(m[0]), every)), text)


def average_label(points: object, n: int) -> str:
    return MISSING if points is None else f"{fmt_points(points)} (N = {n})"  # type: ignore[arg-type]


@dataclass(frozen=True)
class OverviewRow:
    level: int  # 0 area, 1 sub-area, 2 total
    name: str
    points: str
    max: str
    average: str


def overview_rows(report: Report) -> list[OverviewRow]:
    rows = []
    for area in report.areas:
        rows.append(
            OverviewRow(
                0,
                area.title,
                fmt_points(area.points),
                fmt_points(area.max_points),
                average_label(area.average, area.average_n),
            )
        )
        for sub in area.subareas:
            if sub.number:
                rows.append(
                    OverviewRow(1, sub.name, fmt_points(sub.points), fmt_points(sub.max_points), NOT_APPLICABLE)
                )
    rows.append(
        OverviewRow(
            2,
            "Totalt",
            fmt_points(report.total),
            fmt_points(report.max_total),
            average_label(report.average_total, report.average_total_n),
        )
    )
    return rows


def overview_intro(report: Report) -> str:
    return _(
        "Poäng per delområde och område mot maximal poäng. Genomsnittet gäller de andra "
        "publicerade utvärderingarna enligt %(version_name)s; N anger hur många "
        "utvärderingar varje värde bygger på. Det som inte är känt står som "
        "”%(MISSING)s”, aldrig som 0."
    ) % {"version_name": report.version_name, "MISSING": MISSING}


def reference_sentence(report: Report) -> str:
    if report.reference is None:
        return ""
    areas = "; ".join(
        f"område {a.number}: {fmt_points(a.reference_average)}" for a in report.areas if a.reference_average is not None
    )
    return (
        (
            _("Som jämförelse: %(label)s – totalpoäng %(value)s")
            % {"label": report.reference.label, "value": fmt_points(report.reference.total)}
        )
        + (f"; {areas}. " if areas else ". ")
        + "SKR:s siffra bygger på utvärderingar som inte alla finns i kompass och räknas därför inte ihop "
        "med genomsnittet ovan."
    )


COMPARISONS = (
    "Kommuner som det kan vara intressant att jämföra sig med nämns i texten som beskriver varje område i "
    "detalj. Alla publicerade utvärderingar finns i kompass, där man också kan söka efter goda exempel."
)


def bar_caption(report: Report) -> str:
    return (_("%(value)s poäng per område (0–100)") % {"value": formatting.genitive(report.municipality)}) + (
        ", med genomsnittet för andra kommuner som romb" if report.average_evaluations_n else ""
    )


def radar_caption(report: Report) -> str:
    return _(
        "%(value)s profil (heldragen linje) mot genomsnittet (streckad linje) för "
        "%(average_evaluations_n)s andra publicerade utvärderingar enligt "
        "%(version_name)s"
    ) % {
        "value": formatting.genitive(report.municipality),
        "average_evaluations_n": report.average_evaluations_n,
        "version_name": report.version_name,
    }


def cover_lines(report: Report) -> list[str]:
    lines = []
    if report.facts.evaluators:
        lines.append("Utvärderare: " + ", ".join(report.facts.evaluators))
    if report.facts.visit_start:
        lines.append("Besök: " + formatting.period(report.facts.visit_start, report.facts.visit_end))
    if report.facts.report_date:
        lines.append("Rapportdatum: " + formatting.date(report.facts.report_date))
    return lines


def demo_note(report: Report) -> str:
    if not report.is_demo:
        return ""
    return "Demodata: en påhittad kommun och en påhittad utvärdering. Räknas inte in i jämförelserna."


def reference_item(name: str, theme: str) -> str:
    return f"{name} – {theme}" if theme else name


CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Drop control characters that XML (Word, Excel) cannot hold; everything else stays as typed."""
    return CONTROL.sub("", text)
