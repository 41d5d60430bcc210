"""Evidence from the three sources, each linked to questions, and the per-question coverage view."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kompass.core.concurrency import lock_current, lock_list, save_revision
from kompass.criteria.models import Question
from kompass.evaluations.enums import EvidenceSource
from kompass.evaluations.models import (
    DocumentReference,
    Evaluation,
    InterviewGroup,
    InterviewNote,
    WebsiteObservation,
)

MODELS: dict[str, Any] = {
    EvidenceSource.INTERVIEW: InterviewNote,
    EvidenceSource.DOCUMENT: DocumentReference,
    EvidenceSource.WEBSITE: WebsiteObservation,
}


class EvidenceError(ValueError):
    """Evidence that cannot be accepted; the message is Swedish."""


def _check_questions(evaluation: Evaluation, questions: list[Question]) -> None:
    if not questions:
        raise EvidenceError("Koppla underlaget till minst en fråga.")
    foreign = [q.code for q in questions if q.area.version_id != evaluation.version_id]
    if foreign:
        raise EvidenceError(
            _("Frågorna %(value)s hör inte till utvärderingens kriterieversion.") % {"value": ", ".join(foreign)}
        )


def _interview_fields(evaluation: Evaluation, *, group: InterviewGroup, text: str) -> dict[str, Any]:
    if group.evaluation_id != evaluation.pk:
        raise EvidenceError("Intervjugruppen hör inte till den här utvärderingen.")
    if not text.strip():
        raise EvidenceError("Anteckningen är tom.")
    return {"group": group, "text": text.strip()}


def _document_fields(
    evaluation: Evaluation, *, title: str, date: date | None = None, page: str = "", note: str = ""
) -> dict[str, Any]:
    if not title.strip():
        raise EvidenceError("Ange dokumentets titel.")
    return {"title": title.strip(), "date": date, "page": page.strip(), "note": note.strip()}


def _website_fields(evaluation: Evaluation, *, url: str, seen_on: date, finding: str) -> dict[str, Any]:
    if not url.lower().startswith(("http://", "https://")):
        raise EvidenceError("Adressen ska börja med https:// eller http://.")
    if not finding.strip():
        raise EvidenceError("Beskriv vad som hittades.")
    return {"url": url.strip(), "seen_on": seen_on, "finding": finding.strip()}


# Per source: the fields a person writes, checked and cleaned the same way when adding and when changing.
FIELDS: dict[str, Callable[..., dict[str, Any]]] = {
    EvidenceSource.INTERVIEW: _interview_fields,
    EvidenceSource.DOCUMENT: _document_fields,
    EvidenceSource.WEBSITE: _website_fields,
}


LIST_NAMES = {
    EvidenceSource.INTERVIEW: _("Listan med intervjuanteckningar"),
    EvidenceSource.DOCUMENT: _("Listan med dokument"),
    EvidenceSource.WEBSITE: _("Listan med iakttagelser på webbplatsen"),
}


@transaction.atomic
def _add(
    source: EvidenceSource,
    evaluation: Evaluation,
    questions: list[Question],
    by: Any,
    expected_count: int | None,
    **fields: Any,
) -> Any:
    _check_questions(evaluation, questions)
    cleaned = FIELDS[source](evaluation, **fields)
    items = MODELS[source].objects.filter(evaluation=evaluation)
    lock_list(Evaluation.objects.filter(pk=evaluation.pk), items, expected=expected_count, what=str(LIST_NAMES[source]))
    item = MODELS[source].objects.create(evaluation=evaluation, created_by=by, updated_by=by, **cleaned)
    item.questions.set(questions)
    return item


def add_interview_note(
    evaluation: Evaluation,
    *,
    group: InterviewGroup,
    text: str,
    questions: list[Question],
    by: Any,
    expected_count: int | None = None,
) -> InterviewNote:
    """Record what an interview group said about some questions. `expected_count`: the number of notes
    the form was rendered with; a note added meanwhile raises StaleWriteError. Side effect: a row."""
    return _add(EvidenceSource.INTERVIEW, evaluation, questions, by, expected_count, group=group, text=text)


def add_document_reference(
    evaluation: Evaluation,
    *,
    title: str,
    questions: list[Question],
    by: Any,
    date: date | None = None,
    page: str = "",
    note: str = "",
    expected_count: int | None = None,
) -> DocumentReference:
    """Record a document (title, date, page) that bears on some questions (`expected_count` as above)."""
    return _add(
        EvidenceSource.DOCUMENT, evaluation, questions, by, expected_count, title=title, date=date, page=page, note=note
    )


def add_website_observation(
    evaluation: Evaluation,
    *,
    url: str,
    seen_on: date,
    finding: str,
    questions: list[Question],
    by: Any,
    expected_count: int | None = None,
) -> WebsiteObservation:
    """Record what was found on the municipality's website, where and when (`expected_count` as above)."""
    return _add(
        EvidenceSource.WEBSITE, evaluation, questions, by, expected_count, url=url, seen_on=seen_on, finding=finding
    )


def evidence_item(evaluation: Evaluation, *, source: str, pk: int, for_update: bool = False) -> Any:
    """One piece of evidence of the evaluation (locked with `for_update`), or EvidenceError."""
    model = MODELS.get(source)
    items = model.objects.filter(evaluation=evaluation, pk=pk) if model else None
    item = (items.select_for_update() if for_update else items).first() if items is not None else None
    if item is None:
        raise EvidenceError("Underlaget finns inte.")
    return item


@transaction.atomic
def change_evidence(
    evaluation: Evaluation,
    *,
    source: str,
    pk: int,
    expected_revision: int | None,
    questions: list[Question],
    by: Any = None,
    **fields: Any,
) -> Any:
    """Change one piece of evidence: its written fields and questions, checked as when it was added.
    Refused with StaleWriteError, changing nothing, when someone else saved it since the revision the
    editor started from: never a silent overwrite. Side effect: that row."""
    _check_questions(evaluation, questions)
    cleaned = FIELDS[EvidenceSource(source)](evaluation, **fields)
    evidence_item(evaluation, source=source, pk=pk)
    item: Any = lock_current(
        MODELS[source], expected=expected_revision, what=str(_("Underlaget")), evaluation=evaluation, pk=pk
    )
    for name, value in cleaned.items():
        setattr(item, name, value)
    item.updated_by = by
    save_revision(item, what=str(_("Underlaget")))
    item.questions.set(questions)
    return item


@transaction.atomic
def delete_evidence(evaluation: Evaluation, *, source: str, pk: int) -> None:
    """Remove one piece of evidence of the evaluation (its question links go with it)."""
    evidence_item(evaluation, source=source, pk=pk, for_update=True).delete()


@dataclass(frozen=True)
class CoverageRow:
    question: Question
    interviews: int
    documents: int
    websites: int

    @property
    def counts(self) -> tuple[int, int, int]:
        return (self.interviews, self.documents, self.websites)

    @property
    def sources(self) -> int:
        return sum(1 for n in (self.interviews, self.documents, self.websites) if n)


def coverage(evaluation: Evaluation) -> list[CoverageRow]:
    """Per question of the evaluation's version: how many pieces of evidence from each source bear on it.
    Four queries whatever the amount of evidence."""
    counts: dict[str, Counter[int]] = {}
    for source, model in MODELS.items():
        through = model.questions.through
        owner = model._meta.model_name
        links = through._default_manager.filter(**{f"{owner}__evaluation": evaluation})
        counts[source] = Counter(links.values_list("question_id", flat=True))
    questions = Question.objects.filter(area__version_id=evaluation.version_id).select_related("area", "subarea")
    return [
        CoverageRow(
            question=q,
            interviews=counts[EvidenceSource.INTERVIEW][q.pk],
            documents=counts[EvidenceSource.DOCUMENT][q.pk],
            websites=counts[EvidenceSource.WEBSITE][q.pk],
        )
        for q in questions
    ]
