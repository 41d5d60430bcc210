"""Extracting a Kommunkompassen report's content from its text into an ExtractedReport.

The steps live in their own modules: `cleaning` (page furniture), `metadata` (who, where, when), `areas`
(area sections, version, scores), `sections` (texts and lists), `scores` (every printed figure and the
cross-checks). Reads only the registry and the criteria; writes nothing. Never raises for odd text: what
it cannot find is listed in `missing`, disagreements in `conflicts`; only a text that is not a report, or a
report for a municipality outside the registry, raises NotAReport with a Swedish message."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kompass.importer.areas import AreaStart, _Versions, body_end, choose_version, find_area_starts, printed_area_name
from kompass.importer.areas import read_area as _read_area
from kompass.importer.cleaning import clean_text
from kompass.importer.metadata import extract_identity, municipality_word_test, parse_people
from kompass.importer.report import ExtractedArea, ExtractedReport, Sighting
from kompass.importer.scores import (
    LISTED,
    SECTION,
    cross_check,
    find_facts,
    find_overview,
    find_summary_scores,
    find_totals,
    position_of,
)

__all__ = ["NotAReport", "extract_report", "parse_people"]


class NotAReport(ValueError):
    """The text is not a Kommunkompassen report we can import; the message is Swedish."""


def extract_report(
    raw_text: str,
    *,
    source_name: str,
    page_confidence: list[float] | None = None,
    unreadable_pages: list[int] | None = None,
) -> ExtractedReport:
    """Extract everything we can from a report's text. Raises NotAReport (Swedish message) for a text that
    is not a Kommunkompassen report or names a municipality outside the registry. `page_confidence` and
    `unreadable_pages` come from OCR: a page OCR could not read well makes the report need review."""
    cleaned = clean_text(raw_text)
    text = cleaned.text
    report = ExtractedReport(source_name=source_name, page_confidence=list(page_confidence or []))
    for page in unreadable_pages or []:
        confidence = report.page_confidence[page - 1] if page <= len(report.page_confidence) else 0.0
        report.conflicts.append(
            _("Sida %(page)s gick inte att läsa säkert med OCR (säkerhet %(pct)s %%); jämför med originalet.")
            % {"page": page, "pct": round(confidence * 100)}
        )
    if cleaned.dropped_lines:
        report.warnings.append(
            _("%(n)s rader efter rapporten (andra dokument) är inte med.") % {"n": cleaned.dropped_lines}
        )
    versions = _Versions.load()
    starts = find_area_starts(text, versions)
    if "kommunkompass" not in text.lower() and not starts:
        raise NotAReport(_("%(name)s: texten ser inte ut att vara en Kommunkompassen-rapport.") % {"name": source_name})
    if not starts:
        raise NotAReport(
            _(
                "%(name)s: texten nämner Kommunkompassen men inga huvudområden med poäng hittades – "
                "den ser inte ut att vara en utvärderingsrapport."
            )
            % {"name": source_name}
        )
    head = text[: starts[0].position]
    extract_identity(report, head)
    if not report.municipality_code:
        raise NotAReport(
            _("%(file)s: kommunen ”%(name)s” finns inte i kommunregistret.")
            % {"file": source_name, "name": report.municipality_name or _("okänd")}
        )
    ends = [s.position for s in starts[1:]] + [body_end(text, starts[-1].position)]
    sections = [(start, text[start.after : end]) for start, end in zip(starts, ends, strict=True)]
    printed = {start.number: printed_area_name(section, start.number, versions) for start, section in sections}
    choose_version(report, printed, versions)
    known = versions.areas.get(report.version, {})
    is_name = municipality_word_test()
    for start, section in sections:
        area = _read_area(
            section, start.number, printed[start.number], known.get(start.number), is_name, listed=start.listed
        )
        area.references = [r for r in area.references if r.code != report.municipality_code]
        _own_sighting(area, start, text)
        report.areas.append(area)
    report.areas.sort(key=lambda a: a.number)
    find_summary_scores(head, 0, text, report, versions)
    find_overview(report, text, known)
    report.total_sightings = find_totals(text)
    report.facts = find_facts(text)
    cross_check(report)
    _assess(report)
    return report


def _own_sighting(area: ExtractedArea, start: AreaStart, text: str) -> None:
    if area.score is None:
        return
    page, line = position_of(text, start.position)
    snippet = f"{text[start.position : start.after].strip()} {area.name} … {area.score_text}"
    place = LISTED if start.listed else SECTION
    area.sightings.append(Sighting(place, area.score, " ".join(snippet.split()), page, line, area.average, area.change))


# ---------------------------------------------------------------- what is missing


def _assess(report: ExtractedReport) -> None:
    c = report.confidence
    c["municipality"] = 1.0 if report.municipality_code and report.title else 0.7 if report.municipality_code else 0
    c["year"] = 1.0 if report.year and report.title else 0.6 if report.year else 0.0
    c["evaluators"] = 0.9 if report.evaluators else 0.0
    c["ordinal"] = 0.9 if report.ordinal else 0.0
    c["report_date"] = 0.9 if report.report_date else 0.0
    c["total"] = _total_confidence(report)
    c["overview"] = 0.8 if report.overview else 0.0
    c["facts"] = 0.7 if report.facts else 0.0
    if report.page_confidence:
        c["text"] = min(report.page_confidence)
    if not report.year:
        report.missing.append(_("Året för utvärderingen"))
    if not report.evaluators:
        report.missing.append(_("Utvärderarna"))
    if not report.ordinal:
        report.missing.append(_("Vilken utvärdering i ordningen detta är för kommunen"))
    if not report.report_date:
        report.missing.append(_("Rapportdatum"))
    found = {a.number for a in report.areas}
    for number in range(1, 9):
        if number not in found:
            report.missing.append(_("Område %(n)s finns inte i texten") % {"n": number})
    if report.total is None:
        report.missing.append(_("Totalpoängen finns inte i texten"))
    if not report.overview:
        report.missing.append(_("Översikt av poängfördelning"))
    if not report.facts:
        report.missing.append(_("Kortfakta om kommunen"))
    for area in report.areas:
        _assess_area(area)
    c["areas"] = round(sum(a.confidence for a in report.areas) / 8, 2)


def _total_confidence(report: ExtractedReport) -> float:
    if report.total is None:
        return 0.0
    places = {s.place for s in report.total_sightings}
    agrees = report.computed_total is None or report.computed_total == report.total
    if any("Totalpoängen" in c for c in report.conflicts):
        return 0.3
    return 1.0 if len(places) > 1 or (report.computed_total is not None and agrees) else 0.8


def _assess_area(area: ExtractedArea) -> None:
    parts = {
        _("Poäng"): area.score is not None,
        _("Rubriker"): bool(area.headings),
        _("Allmänt"): bool(area.general_text),
        _("Text per delområde"): bool(area.sections),
        _("Styrkor"): bool(area.strengths),
        _("Förbättringsmöjligheter"): bool(area.improvements),
    }
    area.missing = [name for name, present in parts.items() if not present]
    weights = [3, 1, 1, 1, 2, 2]
    got = sum(w for w, present in zip(weights, parts.values(), strict=True) if present)
    confidence = got / sum(weights) * (1.0 if area.version_name else 0.7)
    places = {s.place for s in area.sightings}
    if area.conflicts:
        confidence = min(confidence, 0.3)
    elif area.score is not None and len(places) == 1 and SECTION not in places and LISTED not in places:
        confidence *= 0.8  # the score stood only in a table, not in the area's own section
    area.confidence = round(confidence, 2)
