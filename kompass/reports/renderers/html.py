"""The report as one self-contained HTML file (styles inside, no scripts, charts as inline SVG), from the
same template as the web page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kompass.reports import charts
from kompass.reports.content import Report, report_filename
from kompass.reports.renderers import common

CONTENT_TYPE = "text/html; charset=utf-8"
STYLESHEET = Path(__file__).resolve().parent.parent / "static" / "reports" / "report.css"


def context(report: Report) -> dict[str, Any]:
    """What `reports/_report_body.html` needs. The SVG is marked safe: charts.py escapes every text in it."""
    return {
        "report": report,
        "bar_svg": mark_safe(charts.bar_chart(report)),
        "radar_svg": mark_safe(charts.radar_chart(report)),
        "bar_caption": common.bar_caption(report),
        "radar_caption": common.radar_caption(report),
        "reference_sentence": common.reference_sentence(report),
        "comparisons": common.COMPARISONS,
        "overview": common.overview_rows(report),
        "overview_intro": common.overview_intro(report),
        "cover_lines": common.cover_lines(report),
        "demo_note": common.demo_note(report),
    }


def render(report: Report) -> tuple[str, str, bytes]:
    page = render_to_string(
        "reports/standalone.html", {**context(report), "stylesheet": STYLESHEET.read_text(encoding="utf-8")}
    )
    return report_filename(report.key, "html"), CONTENT_TYPE, page.encode("utf-8")
