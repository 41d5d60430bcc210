"""The report: content from an evaluation (`build_report`), rendering to a format (`render_report`, cached),
writing a file atomically (`write_report_file`) and the team's Kortfakta (`save_key_facts`)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompass.assessment.models import AreaText, Finding, ReferenceMunicipality, SubAreaText
from kompass.comparison.averages import cached_version_average
from kompass.comparison.models import ReferenceAverage
from kompass.core import formatting
from kompass.core.concurrency import lock_current, save_revision
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation
from kompass.evaluations.scoretable import build_score_table
from kompass.municipalities.models import KeyFigure
from kompass.reports import facts as workflow_facts
from kompass.reports.content import (
    MISSING,
    AreaSection,
    EvaluationFacts,
    KeyFact,
    QuestionLine,
    Reference,
    ReferenceLine,
    Report,
    SubAreaSection,
    chapter_titles,
    fmt_points,
)
from kompass.reports.enums import ReportFormat
from kompass.reports.models import KeyFacts

RENDERER_VERSION = "1"  # bump when a renderer's output changes, so cached files are not reused
CACHE_SECONDS = 24 * 60 * 60
KEY_FIGURE_LABELS = {
    "population": ("Invånare", ("folkmängd", "befolkning", "invånare", "population")),
    "area": ("Yta (km²)", ("yta", "areal", "landareal", "area")),
    "employees": ("Anställda", ("anställda", "antal anställda", "employees")),
    "budget": ("Budget (miljoner kronor)", ("budget", "budget mnkr", "omsättning")),
}


class ReportError(Exception):
    """A report that could not be produced; the message is Swedish and says why."""


# ---------------------------------------------------------------- content


def build_report(evaluation: Evaluation) -> Report:
    """The complete content of `evaluation`'s report as plain data, in a fixed number of queries.
    No side effects."""
    table = build_score_table(evaluation)
    average = cached_version_average(evaluation.version)  # the same figures as portal, API and embed
    reference = _reference_average(evaluation)
    texts = {t.area_id: t.general_text for t in AreaText.objects.filter(evaluation=evaluation)}
    area_ids = dict(evaluation.version.areas.values_list("number", "pk"))
    subarea_texts = _subarea_texts(evaluation)
    findings = _findings(evaluation)
    references = _references(evaluation)
    areas = []
    for row in table.areas:
        area_id = area_ids[row.number]
        area_average = average.area(row.number)
        areas.append(
            AreaSection(
                number=row.number,
                name=row.name,
                points=row.points,
                max_points=row.max_points,
                complete=row.complete,
                average=area_average.shown if area_average else None,
                average_n=area_average.n if area_average else 0,
                reference_average=_reference_value(reference, row.number),
                general_text=texts.get(area_id, ""),
                subareas=_subarea_sections(row, subarea_texts.get(area_id, [])),
                strengths=tuple(findings.get((area_id, FindingKind.STRENGTH), [])),
                improvements=tuple(findings.get((area_id, FindingKind.IMPROVEMENT), [])),
                references=tuple(references.get(area_id, [])),
            )
        )
    municipality = evaluation.municipality
    name = str(municipality)
    return Report(
        key=evaluation.key,
        municipality=name,
        municipality_official=municipality.name,
        year=evaluation.year,
        is_demo=municipality.is_demo,
        is_published=evaluation.status == Status.PUBLISHED,
        version_code=evaluation.version.code,
        version_name=evaluation.version.name,
        title=(_("Kommunkompassen: Analys av %(name)s %(year)s") % {"name": name, "year": evaluation.year}),
        subtitle=(_("Utvärdering enligt %(name)s") % {"name": evaluation.version.name}),
        about=_paragraphs(evaluation.version.about),
        facts=_evaluation_facts(evaluation),
        total=table.total,
        printed_total=table.printed_total,
        computed_total=table.computed_total,
        max_total=table.max_total,
        average_total=average.total_mean,
        average_total_n=average.total_n,
        average_evaluations_n=average.evaluations_n,
        average_statement=average.statement(),
        reference=_reference_line(reference),
        areas=tuple(areas),
        key_facts=_key_facts(evaluation),
        key_facts_source=_key_facts_source(evaluation),
        chapters=chapter_titles(name),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def _subarea_texts(evaluation: Evaluation) -> dict[int, list[SubAreaText]]:
    result: dict[int, list[SubAreaText]] = {}
    for text in (
        SubAreaText.objects.filter(evaluation=evaluation)
        .select_related("subarea")
        .order_by("area__number", "position", "pk")
    ):
        result.setdefault(text.area_id, []).append(text)
    return result


def _subarea_sections(row: Any, texts: list[SubAreaText]) -> tuple[SubAreaSection, ...]:
    """Sub-areas of the criteria in their order with their points, each with the text written for it;
    texts not tied to a criteria sub-area (imported reports) follow under their own heading."""
    by_number = {t.subarea.number: t for t in texts if t.subarea is not None}
    by_name = {t.heading.strip().lower(): t for t in texts}
    used: set[int] = set()
    sections = []
    for sub in row.subareas:
        text = by_number.get(sub.number) or by_name.get(sub.name.strip().lower())
        if text is not None:
            used.add(text.pk)
        questions = tuple(QuestionLine(q.code, q.text, q.points, q.max_points) for q in sub.questions)
        sections.append(
            SubAreaSection(sub.number, sub.name, sub.points, sub.max_points, text.text if text else "", questions)
        )
    for extra in texts:
        if extra.pk not in used:
            sections.append(SubAreaSection(0, extra.heading, None, None, extra.text))
    return tuple(sections)


def _findings(evaluation: Evaluation) -> dict[tuple[int, str], list[str]]:
    result: dict[tuple[int, str], list[str]] = {}
    for finding in Finding.objects.filter(evaluation=evaluation).order_by("area__number", "kind", "position", "pk"):
        result.setdefault((finding.area_id, finding.kind), []).append(finding.text)
    return result


def _references(evaluation: Evaluation) -> dict[int, list[Reference]]:
    result: dict[int, list[Reference]] = {}
    rows = ReferenceMunicipality.objects.filter(evaluation=evaluation).order_by("area__number", "position", "pk")
    for row in rows:
        result.setdefault(row.area_id, []).append(Reference(row.name, row.theme))
    return result


def _reference_average(evaluation: Evaluation) -> ReferenceAverage | None:
    """SKR's newest published national mean for the version, if one is stored."""
    return (
        ReferenceAverage.objects.filter(version_id=evaluation.version_id, statistic=ReferenceAverage.Statistic.MEAN)
        .order_by("-period")
        .first()
    )


def _reference_value(reference: ReferenceAverage | None, number: int) -> Decimal | None:
    if reference is None or str(number) not in reference.area_values:
        return None
    return Decimal(str(reference.area_values[str(number)]))


def _reference_line(reference: ReferenceAverage | None) -> ReferenceLine | None:
    if reference is None:
        return None
    label = _("SKR:s publicerade medelvärde (%(scope_label)s, %(period)s)") % {
        "scope_label": reference.scope_label,
        "period": reference.period,
    }
    return ReferenceLine(label=label, total=reference.total, source=reference.source_url)


def _evaluation_facts(evaluation: Evaluation) -> EvaluationFacts:
    evaluators = tuple(
        p.get("name", "") + (f" ({p['organisation']})" if p.get("organisation") else "")
        for p in evaluation.evaluator_names
        if p.get("name")
    ) or tuple(
        m.user.get_full_name() + (f" ({m.user.organisation})" if m.user.organisation else "")
        for m in evaluation.team.select_related("user").order_by("pk")
        if m.user.get_full_name()
    )
    return EvaluationFacts(
        visit_start=evaluation.visit_start,
        visit_end=evaluation.visit_end,
        feedback_date=evaluation.feedback_date,
        report_date=evaluation.report_date,
        ordinal=evaluation.ordinal or _counted_ordinal(evaluation),
        interview_groups=workflow_facts.interview_groups(evaluation),
        documents=workflow_facts.document_count(evaluation),
        evaluators=evaluators,
    )


def _counted_ordinal(evaluation: Evaluation) -> int | None:
    """Earlier published evaluations of the municipality + 1, when there are any; with none we cannot
    tell a first evaluation from a missing record, so the answer is None ("uppgift saknas")."""
    earlier = (
        Evaluation.objects.filter(municipality_id=evaluation.municipality_id, status=Status.PUBLISHED)
        .filter(Q(year__lt=evaluation.year) | Q(year=evaluation.year, sequence__lt=evaluation.sequence))
        .count()
    )
    return earlier + 1 if earlier else None


def _key_facts(evaluation: Evaluation) -> tuple[KeyFact, ...]:
    entered = KeyFacts.objects.filter(evaluation=evaluation).first()
    figures = _key_figures(evaluation)
    values: dict[str, str] = {}
    if entered is not None:
        values = {
            "population": formatting.number(entered.population) if entered.population is not None else "",
            "area": formatting.number(entered.area_km2, places=1) if entered.area_km2 is not None else "",
            "employees": formatting.number(entered.employees) if entered.employees is not None else "",
            "budget": formatting.number(entered.budget_msek, places=1) if entered.budget_msek is not None else "",
        }
    facts = [
        KeyFact(label, values.get(key) or figures.pop(key, MISSING))
        for key, (label, _names) in KEY_FIGURE_LABELS.items()
    ]
    facts.append(KeyFact("Politisk majoritet", (entered.political_majority if entered else "") or MISSING))
    facts.extend(KeyFact(label, value) for label, value in figures.items())
    if entered is not None:
        for line in entered.other.splitlines():
            label, sep, value = line.partition(":")
            if line.strip():
                facts.append(KeyFact(label.strip(), value.strip()) if sep else KeyFact("Övrigt", line.strip()))
    return tuple(facts)


def _key_figures(evaluation: Evaluation) -> dict[str, str]:
    """The municipality's newest key figures up to the evaluation's year: known names under their
    standard key, others under their own name."""
    aliases = {alias: key for key, (_label, names) in KEY_FIGURE_LABELS.items() for alias in names}
    result: dict[str, str] = {}
    rows = KeyFigure.objects.filter(municipality_id=evaluation.municipality_id, year__lte=evaluation.year).order_by(
        "-year", "name"
    )
    for row in rows:
        key = aliases.get(row.name.strip().lower(), row.name)
        decimals = 0 if row.value == row.value.to_integral_value() else 1
        value = formatting.number(row.value, places=decimals) + (f" {row.unit}" if row.unit and key == row.name else "")
        result.setdefault(key, f"{value} ({row.year})")
    return result


def _key_facts_source(evaluation: Evaluation) -> str:
    entered = KeyFacts.objects.filter(evaluation=evaluation).first()
    return entered.source if entered else ""


# ---------------------------------------------------------------- Kortfakta


@transaction.atomic
def save_key_facts(evaluation: Evaluation, *, by: Any, expected_revision: int | None = None, **fields: Any) -> KeyFacts:
    """Create or update the evaluation's Kortfakta. `expected_revision` is the revision the form was
    rendered with (0: none saved yet): a save by someone else meanwhile — also a first one at the same
    moment — raises StaleWriteError with their version. Side effect: one KeyFacts row written."""
    what, lookup = str(_("Kortfakta")), dict[str, Any](evaluation=evaluation)
    facts = lock_current(KeyFacts, expected=expected_revision, what=what, **lookup) or KeyFacts(**lookup)
    for name, value in fields.items():
        setattr(facts, name, value)
    facts.updated_by = by if getattr(by, "is_authenticated", False) else None
    facts.full_clean(validate_unique=False, validate_constraints=False)
    return save_revision(facts, what=what, lookup=lookup)


# ---------------------------------------------------------------- rendering


def _renderer(fmt: ReportFormat) -> Any:
    from kompass.reports.renderers import docx, html, pdf, xlsx

    return {
        ReportFormat.PDF: pdf.render,
        ReportFormat.DOCX: docx.render,
        ReportFormat.HTML: html.render,
        ReportFormat.XLSX: xlsx.render,
    }[fmt]


def render_report(evaluation: Evaluation, *, fmt: str, use_cache: bool = True) -> tuple[str, str, bytes]:
    """`(filename, content_type, bytes)` of the report in `fmt`. Cached by a hash of the report's content,
    so any change to scores, texts or facts gives a new file and several app servers agree.
    Raises ReportError (Swedish message) when the renderer fails."""
    report_format = ReportFormat(fmt)
    report = build_report(evaluation)
    key = "report:" + hashlib.sha256(repr((RENDERER_VERSION, report_format, report)).encode()).hexdigest()
    if use_cache and (hit := cache.get(key)) is not None:
        return hit
    try:
        result = _renderer(report_format)(report)
    except Exception as exc:  # any renderer failure becomes one clear message; nothing is kept
        raise ReportError(
            _("Rapporten i formatet %(format)s kunde inte skapas: %(reason)s")
            % {"format": report_format.label, "reason": str(exc)[:300] or type(exc).__name__}
        ) from exc
    if use_cache:
        cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def write_report_file(evaluation: Evaluation, *, fmt: str, output: Path) -> Path:
    """Render and write to `output` atomically: a temporary file in the same directory, renamed into place.
    Side effect: `output` is created or replaced — or, on any failure, left as it was."""
    output = Path(output)
    if not output.parent.is_dir():
        raise ReportError(_("Mappen %(folder)s finns inte.") % {"folder": output.parent})
    _name, _type, content = render_report(evaluation, fmt=fmt, use_cache=False)
    handle, temporary = tempfile.mkstemp(prefix=".rapport-", suffix=".tmp", dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, output)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return output


__all__ = ["MISSING", "ReportError", "build_report", "fmt_points", "render_report", "write_report_file"]
