"""Importing published Kommunkompassen reports: plan first (dry run), then write
everything in one transaction. Used by `kompass import`, the upload page and `kompass setup`."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.assessment.models import AreaText, Finding, ReferenceMunicipality, SubAreaText
from kompass.core import formatting
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import FindingKind, Origin, ScoreSource, Status
from kompass.evaluations.models import Evaluation, SubAreaScore
from kompass.evaluations.services import ScoreError, create_evaluation, set_published_scores, validate_points
from kompass.importer.enums import ImportAction
from kompass.importer.extraction import NotAReport, extract_report
from kompass.importer.models import ImportRecord, PrintedAreaFigure
from kompass.importer.reading import ReadError, ReadText, read_report_file
from kompass.importer.report import ExtractedReport, _jsonable, without_control_characters
from kompass.municipalities.models import Municipality

SHIPPED_DIR = Path(__file__).resolve().parent / "data"


class ImportRefused(ValueError):
    """The report cannot be imported as it is; the message is Swedish and nothing was written."""


@dataclass
class ImportPlan:
    """What importing `report` would do. `differences` say how it differs from what is stored."""

    report: ExtractedReport
    checksum: str
    action: str
    evaluation: Evaluation | None = None
    differences: list[str] = field(default_factory=list)

    @property
    def writes(self) -> bool:
        return self.action in {ImportAction.CREATE, ImportAction.ENRICH}

    def describe_action(self) -> str:
        label = str(ImportAction(self.action).label)
        return f"{label} ({self.evaluation.key})" if self.evaluation else label


@dataclass
class FileOutcome:
    """One file's result for the command and the upload page."""

    source_name: str
    ok: bool
    message: str
    plan: ImportPlan | None = None
    applied: bool = False
    pages: int = 0

    def as_dict(self) -> dict[str, Any]:
        plan = self.plan
        return {
            "file": self.source_name,
            "ok": self.ok,
            "message": self.message,
            "action": plan.action if plan else None,
            "applied": self.applied,
            "evaluation": plan.evaluation.key if plan and plan.evaluation else None,
            "differences": plan.differences if plan else [],
            "report": plan.report.as_dict() if plan else None,
        }


def checksum_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- planning


def plan_import(text: str, *, source_name: str, read: ReadText | None = None) -> ImportPlan:
    """Extract the report from `text` and work out what importing it would do. Writes nothing.
    Raises NotAReport for a text that cannot be imported. `read` carries OCR's page confidences."""
    report = extract_report(
        text,
        source_name=source_name,
        page_confidence=read.page_confidence if read else None,
        unreadable_pages=read.unreadable_pages if read else None,
    )
    return plan_report(report, checksum=checksum_of(text))


def plan_report(report: ExtractedReport, *, checksum: str) -> ImportPlan:
    """What importing an extracted (possibly corrected) report would do. Writes nothing."""
    # The one point where imported text is cleaned of control characters before it becomes records.
    report = without_control_characters(report)
    source_name = report.source_name
    if report.year is None:
        raise NotAReport(_("%(name)s: året för utvärderingen står inte i texten.") % {"name": source_name})
    if not report.version:
        raise NotAReport(_("%(name)s: kriterieversionen kunde inte avgöras.") % {"name": source_name})
    if all(a.score is None for a in report.areas):
        raise NotAReport(_("%(name)s: inga områdespoäng hittades i texten.") % {"name": source_name})
    return _plan(report, checksum)


def _plan(report: ExtractedReport, checksum: str) -> ImportPlan:
    existing = list(
        Evaluation.objects.filter(municipality_id=report.municipality_code, year=report.year)  # type: ignore[misc]
        .select_related("version", "import_record")
        .order_by("sequence")
    )
    imported = next((e for e in existing if _record(e) is not None), None)
    if imported is not None:
        record = _record(imported)
        assert record is not None
        if record.checksum == checksum:
            return ImportPlan(report, checksum, ImportAction.UNCHANGED, imported)
        differences = _differences(imported, report)
        action = ImportAction.CHANGES if differences else ImportAction.UNCHANGED
        return ImportPlan(report, checksum, action, imported, differences)
    record_row = next((e for e in existing if e.origin == Origin.PUBLISHED_RECORD), None)
    if record_row is not None:
        return ImportPlan(report, checksum, ImportAction.ENRICH, record_row, _record_differences(record_row, report))
    if existing:
        keys = ", ".join(e.key for e in existing)
        return ImportPlan(
            report, checksum, ImportAction.CONFLICT, existing[0], [_("Finns redan: %(keys)s") % {"keys": keys}]
        )
    return ImportPlan(report, checksum, ImportAction.CREATE)


def _record(evaluation: Evaluation) -> ImportRecord | None:
    try:
        return evaluation.import_record  # reverse one-to-one from ImportRecord
    except ImportRecord.DoesNotExist:
        return None


def _num(value: Decimal | None) -> str:
    return formatting.points(value, missing=_("saknas"))


def _record_differences(evaluation: Evaluation, report: ExtractedReport) -> list[str]:
    """How the published record's figures differ from the report's; the record's figures are kept."""
    stored = {s.area.number: s.points for s in evaluation.area_scores.select_related("area")}
    lines = []
    for area in report.areas:
        if area.score is not None and area.number in stored and stored[area.number] != area.score:
            lines.append(
                _("Område %(n)s: registret har %(stored)s, rapporten %(found)s (registrets siffra behålls)")
                % {"n": area.number, "stored": _num(stored[area.number]), "found": _num(area.score)}
            )
    if report.total is not None and evaluation.printed_total not in (None, report.total):
        lines.append(
            _("Totalpoäng: registret %(stored)s, rapporten %(found)s")
            % {"stored": _num(evaluation.printed_total), "found": _num(report.total)}
        )
    stored_names = sorted(p.get("name", "") for p in evaluation.evaluator_names)
    found_names = sorted(p.name for p in report.evaluators)
    if stored_names and found_names and stored_names != found_names:
        lines.append(
            _("Utvärderare: registret %(stored)s; rapporten %(found)s")
            % {"stored": ", ".join(stored_names), "found": ", ".join(found_names)}
        )
    return lines


def _differences(evaluation: Evaluation, report: ExtractedReport) -> list[str]:
    """What an update would change in an earlier import of the same municipality and year."""
    lines = []
    stored_scores = {s.area.number: s.points for s in evaluation.area_scores.select_related("area")}
    texts = {t.area.number: t.general_text for t in evaluation.area_texts.select_related("area")}
    findings: dict[tuple[int, str], list[str]] = {}
    for finding in evaluation.findings.select_related("area").order_by("position"):
        findings.setdefault((finding.area.number, finding.kind), []).append(finding.text)
    sections: dict[int, list[tuple[str, str]]] = {}
    for section in evaluation.subarea_texts.select_related("area").order_by("position"):
        sections.setdefault(section.area.number, []).append((section.heading, section.text))
    for area in report.areas:
        n = area.number
        if area.score is not None and stored_scores.get(n) != area.score:
            lines.append(
                _("Område %(n)s: poäng %(before)s → %(after)s")
                % {"n": n, "before": _num(stored_scores.get(n)), "after": _num(area.score)}
            )
        if texts.get(n, "") != area.general_text:
            lines.append(_("Område %(n)s: texten under Allmänt ändras") % {"n": n})
        if sections.get(n, []) != [(s.heading, s.text) for s in area.sections]:
            lines.append(_("Område %(n)s: texterna per delområde ändras") % {"n": n})
        for kind, items, label in (
            (FindingKind.STRENGTH, area.strengths, "styrkor"),
            (FindingKind.IMPROVEMENT, area.improvements, "förbättringsmöjligheter"),
        ):
            before = findings.get((n, kind), [])
            if before != items:
                lines.append(
                    _("Område %(n)s: %(what)s %(before)s → %(after)s punkter")
                    % {"n": n, "what": label, "before": len(before), "after": len(items)}
                )
    if report.total is not None and evaluation.printed_total != report.total:
        lines.append(
            _("Totalpoäng: %(before)s → %(after)s")
            % {"before": _num(evaluation.printed_total), "after": _num(report.total)}
        )
    return lines


# ---------------------------------------------------------------- writing


def apply_import(plan: ImportPlan, *, update: bool = False, by: Any = None) -> Evaluation | None:
    """Carry out `plan`: create the published evaluation, enrich the published record, or (with `update`)
    replace an earlier import's content. Returns the evaluation written, or None when nothing was written
    (already there, differences without `update`, or a conflict).

    Side effects, all in one transaction: Evaluation, AreaScore (published), SubAreaScore, AreaText,
    SubAreaText, Finding, ReferenceMunicipality and the ImportRecord. Raises ImportRefused (nothing written)
    when a figure cannot be stored."""
    if plan.action == ImportAction.CHANGES and update:
        action = ImportAction.UPDATE
    elif plan.writes:
        action = ImportAction(plan.action)
    else:
        return None
    try:
        with transaction.atomic():
            Municipality.objects.select_for_update().get(code=plan.report.municipality_code)
            fresh = _plan(plan.report, plan.checksum)  # someone may have imported it meanwhile
            if fresh.action != plan.action:
                raise ImportRefused(
                    _("%(name)s: läget har ändrats sedan torrkörningen; försök igen.")
                    % {"name": plan.report.source_name}
                )
            evaluation = _write(fresh, action, by)
    except ScoreError as exc:
        raise ImportRefused(f"{plan.report.source_name}: {exc}") from None
    return evaluation


def _write(plan: ImportPlan, action: str, by: Any) -> Evaluation:
    report = plan.report
    if action == ImportAction.CREATE:
        evaluation = create_evaluation(
            Municipality.objects.get(code=report.municipality_code),
            version=CriteriaVersion.objects.get(code=report.version),
            year=report.year or 0,
            status=Status.PUBLISHED,
            origin=Origin.IMPORTED,
            ordinal=report.ordinal,
            report_date=_date(report.report_date),
            evaluator_names=[_person(p) for p in report.evaluators],
            source_url=report.source_name[:500],
            notes="Importerad från en publicerad rapport; det som inte stod i texten saknas.",
        )
        set_published_scores(evaluation, area_points=_area_points(evaluation, report), printed_total=report.total)
    else:
        assert plan.evaluation is not None
        evaluation = plan.evaluation
        _fill_record(evaluation, report, replace=action == ImportAction.UPDATE)
        for model in (AreaText, SubAreaText, Finding, ReferenceMunicipality, SubAreaScore):
            model.objects.filter(evaluation=evaluation).delete()
    _write_content(evaluation, report)
    _write_printed_figures(evaluation, report)
    ImportRecord.objects.update_or_create(
        evaluation=evaluation,
        defaults={
            "source_name": report.source_name[:300],
            "checksum": plan.checksum,
            "action": action,
            "extracted": report.as_dict(),
            "imported_by": by if getattr(by, "pk", None) else None,
            "report_date_precision": report.report_date_precision,
            "interviewees_text": report.interviewees_text[:100],
            "interviewees": report.interviewees,
            "interviewees_approximate": report.interviewees_approximate,
        },
    )
    return evaluation


def _write_printed_figures(evaluation: Evaluation, report: ExtractedReport) -> None:
    """Printed averages and changes beside each area's score, and where the score was printed."""
    areas = {a.number: a for a in evaluation.version.areas.all()}
    PrintedAreaFigure.objects.filter(evaluation=evaluation).delete()
    PrintedAreaFigure.objects.bulk_create(
        PrintedAreaFigure(
            evaluation=evaluation,
            area=areas[extracted.number],
            printed_average=extracted.average,
            change=extracted.change,
            sightings=[_jsonable(asdict(s)) for s in extracted.sightings],
            confidence=extracted.confidence,
        )
        for extracted in report.areas
        if extracted.number in areas
    )


def _fill_record(evaluation: Evaluation, report: ExtractedReport, *, replace: bool) -> None:
    """A published record keeps its figures; the report fills what it lacks. An earlier import is replaced
    by the report's figures when updating."""
    stored = {s.area.number: s.points for s in evaluation.area_scores.filter(source=ScoreSource.PUBLISHED)}
    found = _area_points(evaluation, report)
    keep_record = evaluation.origin == Origin.PUBLISHED_RECORD
    points = {**found, **stored} if keep_record or not replace else {**stored, **found}
    total = evaluation.printed_total if keep_record and evaluation.printed_total is not None else report.total
    set_published_scores(evaluation, area_points=points, printed_total=total)
    changed = []
    for attr, value in (
        ("ordinal", report.ordinal),
        ("report_date", _date(report.report_date)),
        ("evaluator_names", [_person(p) for p in report.evaluators]),
    ):
        if value and (not getattr(evaluation, attr) or (replace and not keep_record)):
            setattr(evaluation, attr, value)
            changed.append(attr)
    if changed:
        evaluation.save(update_fields=[*changed, "updated_at"])


def _area_points(evaluation: Evaluation, report: ExtractedReport) -> dict[int, Decimal | None]:
    numbers = set(evaluation.version.areas.values_list("number", flat=True))
    return {a.number: a.score for a in report.areas if a.number in numbers and a.score is not None}


def _person(person: Any) -> dict[str, str]:
    data = {"name": person.name, "organisation": person.organisation}
    if person.role:
        data["role"] = person.role
    return data


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _write_content(evaluation: Evaluation, report: ExtractedReport) -> None:
    areas = {a.number: a for a in evaluation.version.areas.prefetch_related("subareas")}
    area_texts, subarea_texts, findings, references = [], [], [], []
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=_reference_codes(report))}
    for extracted in report.areas:
        area = areas.get(extracted.number)
        if area is None:
            continue
        subareas = {s.number: s for s in area.subareas.all()}
        if extracted.general_text:
            area_texts.append(AreaText(evaluation=evaluation, area=area, general_text=extracted.general_text))
        subarea_texts += [
            SubAreaText(
                evaluation=evaluation,
                area=area,
                subarea=subareas.get(s.subarea_number) if s.subarea_number else None,
                heading=s.heading[:300],
                position=position,
                text=s.text,
            )
            for position, s in enumerate(extracted.sections, start=1)
        ]
        lists = ((FindingKind.STRENGTH, extracted.strengths), (FindingKind.IMPROVEMENT, extracted.improvements))
        for kind, items in lists:
            findings += [
                Finding(evaluation=evaluation, area=area, kind=kind, position=position, text=text)
                for position, text in enumerate(items, start=1)
            ]
        references += [
            ReferenceMunicipality(
                evaluation=evaluation,
                area=area,
                municipality=municipalities.get(r.code),
                name=r.name[:200],
                theme=r.theme[:300],
                position=position,
            )
            for position, r in enumerate(extracted.references, start=1)
        ]
    AreaText.objects.bulk_create(area_texts)
    SubAreaText.objects.bulk_create(subarea_texts)
    Finding.objects.bulk_create(findings)
    ReferenceMunicipality.objects.bulk_create(references)
    SubAreaScore.objects.bulk_create(_subarea_scores(evaluation, report, areas))


def _reference_codes(report: ExtractedReport) -> set[str]:
    return {r.code for a in report.areas for r in a.references}


def _subarea_scores(evaluation: Evaluation, report: ExtractedReport, areas: dict) -> list[SubAreaScore]:
    scores: dict[int, SubAreaScore] = {}
    for row in report.overview:
        area = areas.get(row.area_number)
        if area is None or row.subarea_number is None:
            continue
        subarea = next((s for s in area.subareas.all() if s.number == row.subarea_number), None)
        if subarea is None or subarea.pk in scores:
            continue
        validate_points(row.points, maximum=row.max_points or Decimal(100), what=f"Delområde {row.heading}")
        scores[subarea.pk] = SubAreaScore(
            evaluation=evaluation, subarea=subarea, points=row.points, max_points=row.max_points
        )
    return list(scores.values())


# ---------------------------------------------------------------- files and summaries


def import_text(
    text: str,
    *,
    source_name: str,
    dry_run: bool = False,
    update: bool = False,
    by: Any = None,
    pages: int = 0,
    read: ReadText | None = None,
) -> FileOutcome:
    """Plan and (unless `dry_run`) apply one report's text. Never raises for bad input: the outcome says
    what went wrong, in Swedish. A report whose printed figures disagree (or with pages OCR could not read)
    is not imported here: it needs review (`kompass import --review`, or /import/)."""
    try:
        plan = plan_import(text, source_name=source_name, read=read)
    except NotAReport as exc:
        return FileOutcome(source_name, False, str(exc), pages=pages)
    return carry_out(plan, dry_run=dry_run, update=update, by=by, pages=pages)


def carry_out(
    plan: ImportPlan,
    *,
    dry_run: bool = False,
    update: bool = False,
    by: Any = None,
    pages: int = 0,
    reviewed: bool = False,
) -> FileOutcome:
    """Apply a plan unless it is a dry run, conflicts with an evaluation made in kompass, or (not `reviewed`)
    has disagreements that need review. Never raises for bad input."""
    source_name = plan.report.source_name
    if plan.action == ImportAction.CONFLICT:
        message = _("%(name)s: %(action)s – importeras inte.") % {"name": source_name, "action": plan.describe_action()}
        return FileOutcome(source_name, False, message, plan)
    if dry_run:
        message = _("%(name)s: %(action)s (torrkörning).") % {"name": source_name, "action": plan.describe_action()}
        return FileOutcome(source_name, True, message, plan, pages=pages)
    disagreements = all_conflicts(plan.report)
    if disagreements and not reviewed:
        message = _("%(name)s: behöver granskas innan import (kör med --review): %(what)s") % {
            "name": source_name,
            "what": " ".join(disagreements),
        }
        return FileOutcome(source_name, False, message, plan, pages=pages)
    try:
        evaluation = apply_import(plan, update=update, by=by)
    except ImportRefused as exc:
        return FileOutcome(source_name, False, str(exc), plan, pages=pages)
    if evaluation is None:
        message = _("%(name)s: %(action)s.") % {"name": source_name, "action": plan.describe_action()}
        if plan.action == ImportAction.CHANGES:
            message += " " + _("Kör med --update för att skriva över.")
        return FileOutcome(source_name, True, message, plan, pages=pages)
    plan.evaluation = evaluation
    if plan.action == ImportAction.CHANGES:
        message = _("%(name)s: uppdaterad som %(key)s.") % {"name": source_name, "key": evaluation.key}
    else:
        message = _("%(name)s: importerad som %(key)s.") % {"name": source_name, "key": evaluation.key}
    return FileOutcome(source_name, True, message, plan, True, pages)


def import_file(path: Path, *, dry_run: bool = False, update: bool = False, by: Any = None) -> FileOutcome:
    try:
        read = read_report_file(path)
    except ReadError as exc:
        return FileOutcome(path.name, False, str(exc))
    return import_text(
        read.text, source_name=path.name, dry_run=dry_run, update=update, by=by, pages=read.pages, read=read
    )


def all_conflicts(report: ExtractedReport) -> list[str]:
    """Every disagreement in the report: report-level ones, then each area's."""
    return [*report.conflicts, *(c for area in report.areas for c in area.conflicts)]


def import_shipped_reports() -> list[str]:
    """Import the reports that ship with kompass (kompass/importer/data/*.txt). Idempotent: a report
    already imported is left as it is. Called by `kompass setup` through `kompass import --shipped`."""
    return [import_file(path).message for path in sorted(SHIPPED_DIR.glob("*.txt"))]
