"""A readable Swedish summary of a planned import (the command's dry run)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kompass.importer.services import ImportPlan, _num, all_conflicts


def describe(plan: ImportPlan) -> str:
    """A readable Swedish summary of a dry run: what was found, what is missing, how sure we are."""
    report = plan.report
    c = report.confidence
    lines = [
        f"Fil: {report.source_name}",
        f"Kommun: {report.municipality_name} ({report.municipality_code}) – säkerhet {_pct(c.get('municipality'))}",
        f"År: {report.year or 'saknas'}; rapportdatum: {report.report_date_text or 'saknas'}",
        f"Kriterieversion: {report.version} – säkerhet {_pct(c.get('version'))}",
        (_("Utvärdering nr: %(value)s") % {"value": report.ordinal or "står inte i texten"}),
        "Utvärderare: " + (", ".join(_person_label(p) for p in report.evaluators) if report.evaluators else "saknas"),
        f"Totalpoäng: {_num(report.total) if report.total is not None else 'står inte i texten'}",
        "",
        "Område  Poäng  Rubriker  Texter  Styrkor  Förbättr.  Kommuner  Säkerhet",
    ]
    for area in report.areas:
        extra = f" (förändring {_num(area.change)})" if area.change is not None else ""
        extra += f" (snitt {_num(area.average)})" if area.average is not None else ""
        lines.append(
            f"{area.number:>6}  {_num(area.score):>5}  {len(area.headings):>8}  {len(area.sections):>6}  "
            f"{len(area.strengths):>7}  {len(area.improvements):>9}  {len(area.references):>8}  "
            f"{_pct(area.confidence):>8}  {area.name}{extra}"
        )
        if area.missing:
            lines.append(f"        saknas: {', '.join(area.missing)}")
    if report.overview:
        lines.append(f"Poängöversikt: {len(report.overview)} rader")
    if report.facts:
        lines.append(f"Kortfakta: {len(report.facts)} uppgifter")
    if report.missing:
        lines += ["", "Saknas i texten:"] + [f"  – {m}" for m in report.missing]
    if all_conflicts(report):
        lines += ["", "Måste granskas:"] + [f"  – {c}" for c in all_conflicts(report)]
    if report.warnings:
        lines += ["", "Att observera:"] + [f"  – {w}" for w in report.warnings]
    lines += ["", f"Import: {plan.describe_action()}"]
    lines += [f"  – {d}" for d in plan.differences]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return f"{round((value or 0) * 100)} %"


def _person_label(person: Any) -> str:
    extra = ", ".join(x for x in (person.role, person.organisation) if x)
    return f"{person.name} ({extra})" if extra else person.name
