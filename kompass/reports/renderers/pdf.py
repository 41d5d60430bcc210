"""PDF/A-2b, tagged, fonts embedded, with contents, page numbers and running headers — laid out by Typst.

The Typst template (data/report.typ) is static; the report's content goes in as JSON and is placed as
string values, so no user text is ever parsed as Typst markup. Only the fonts built into the typst package
are used (Libertinus Serif, DejaVu Sans Mono), so the output is the same on every machine. PDF/A forbids
text that the embedded fonts cannot draw: such characters (emoji, rare scripts) are written as their code
point, e.g. "[U+1F600]", so nothing is silently lost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from kompass.reports import charts
from kompass.reports.content import MISSING, Report, fmt_points, report_filename
from kompass.reports.renderers import common

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "report.typ"
CONTENT_TYPE = "application/pdf"
# Blocks the embedded fonts cover (Latin, Greek, Cyrillic, punctuation, currency, arrows, maths, boxes).
COVERED = re.compile(
    "[^\t\n\u0020-\u007e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2000-\u206f\u20a0-\u20cf"
    "\u2100-\u214f\u2190-\u21ff\u2200-\u22ff\u2500-\u257f]"
)
NOT_DISPLAYABLE = re.compile(r"the text `\"(.+?)\"` could not be displayed")


def _drawable(text: str, extra: set[str]) -> str:
    text = COVERED.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)
    for char in extra:
        text = text.replace(char, f"[U+{ord(char):04X}]")
    return text


def _clean(value: Any, extra: set[str]) -> Any:
    if isinstance(value, str):
        return common.breakable(_drawable(value, extra))
    if isinstance(value, list):
        return [_clean(v, extra) for v in value]
    if isinstance(value, dict):
        return {k: v if k.endswith("_svg") else _clean(v, extra) for k, v in value.items()}
    return value


def document_data(report: Report) -> dict[str, Any]:
    """Everything the template shows, as strings and lists (numbers formatted the Swedish way here)."""
    return {
        "title": report.title,
        "authors": list(report.facts.evaluators) or ["kompass"],
        "municipality": report.municipality,
        "cover_title": (
            _("Analys av %(municipality)s %(year)s") % {"municipality": report.municipality, "year": report.year}
        ),
        "subtitle": report.subtitle,
        "cover_lines": common.cover_lines(report),
        "demo_note": common.demo_note(report),
        "running_header": f"Kommunkompassen · {report.municipality} {report.year}",
        "version_name": report.version_name,
        "missing": MISSING,
        "chapters": [f"{c.title}" for c in report.chapters],
        "about": list(report.about),
        "area_names": [a.name for a in report.areas],
        "summary": list(report.summary_paragraphs),
        "total_sentence": report.total_sentence,
        "average_sentence": report.average_sentence,
        "reference_sentence": common.reference_sentence(report),
        "comparisons": common.COMPARISONS,
        "bar_svg": charts.bar_chart(report),
        "bar_alt": charts.bar_chart_description(report),
        "bar_caption": common.bar_caption(report),
        "radar_svg": charts.radar_chart(report),
        "radar_alt": charts.radar_chart_description(report),
        "radar_caption": common.radar_caption(report),
        "areas": [
            {
                "title": area.title,
                "points": fmt_points(area.points),
                "general_text": common.paragraphs(area.general_text),
                "subareas": [
                    {
                        "name": sub.name,
                        "points": fmt_points(sub.points) if sub.number else "",
                        "text": common.paragraphs(sub.text),
                    }
                    for sub in area.subareas
                ],
                "strengths": list(area.strengths),
                "improvements": list(area.improvements),
                "references": [common.reference_item(r.name, r.theme) for r in area.references],
            }
            for area in report.areas
        ],
        "overview_intro": common.overview_intro(report),
        "overview": [
            {"level": r.level, "name": r.name, "points": r.points, "max": r.max, "average": r.average}
            for r in common.overview_rows(report)
        ],
        "key_facts": [{"label": f.label, "value": f.value} for f in report.key_facts],
        "key_facts_source": f"Källa: {report.key_facts_source}" if report.key_facts_source else "",
    }


def render(report: Report) -> tuple[str, str, bytes]:
    import typst

    data = document_data(report)
    template = TEMPLATE.read_bytes()
    extra: set[str] = set()
    for _attempt in range(5):
        try:
            pdf = typst.compile(
                template,
                pdf_standards=["a-2b"],
                ignore_system_fonts=True,
                sys_inputs={"data": json.dumps(_clean(data, extra), ensure_ascii=False)},
            )
            return report_filename(report.key, "pdf"), CONTENT_TYPE, pdf
        except typst.TypstError as exc:
            # A character inside a covered block that the fonts still lack: write it as its code point.
            found = set("".join(NOT_DISPLAYABLE.findall(str(exc)))) - extra
            if not found:
                raise
            extra |= found
    raise RuntimeError("tecken som typsnitten inte kan visa")
