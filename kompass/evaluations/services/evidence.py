"""Evidence from the three sources, each linked to questions, and the per-question coverage view."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from kompass.criteria.models import Question
from kompass.evaluations.enums import EvidenceSource
from kompass.evaluations.models import (
    DocumentReference,
    Evaluation,
    InterviewGroup,
    InterviewNote,
    WebsiteObservation,
)

MODELS = {
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
        raise EvidenceError(f"Frågorna {', '.join(foreign)} hör inte till utvärderingens kriterieversion.")


@transaction.atomic
def add_interview_note(
    evaluation: Evaluation, *, group: InterviewGroup, text: str, questions: list[Question], by: Any
) -> InterviewNote:
    """Record what an interview group said about some questions. Side effect: an InterviewNote row."""
    _check_questions(evaluation, questions)
    if group.evaluation_id != evaluation.pk:
        raise EvidenceError("Intervjugruppen hör inte till den här utvärderingen.")
    if not text.strip():
        raise EvidenceError("Anteckningen är tom.")
    note = InterviewNote.objects.create(evaluation=evaluation, group=group, text=text.strip(), created_by=by)
    note.questions.set(questions)
    return note


@transaction.atomic
def add_document_reference(
    evaluation: Evaluation,
    *,
    title: str,
    questions: list[Question],
    by: Any,
    date: date | None = None,
    page: str = "",
    note: str = "",
) -> DocumentReference:
    """Record a document (title, date, page) that bears on some questions."""
    _check_questions(evaluation, questions)
    if not title.strip():
        raise EvidenceError("Ange dokumentets titel.")
    reference = DocumentReference.objects.create(
        evaluation=evaluation, title=title.strip(), date=date, page=page.strip(), note=note.strip(), created_by=by
    )
    reference.questions.set(questions)
    return reference


@transaction.atomic
def add_website_observation(
    evaluation: Evaluation, *, url: str, seen_on: date, finding: str, questions: list[Question], by: Any
) -> WebsiteObservation:
    """Record what was found on the municipality's website, where and when."""
    _check_questions(evaluation, questions)
    if not url.lower().startswith(("http://", "https://")):
        raise EvidenceError("Adressen ska börja med https:// eller http://.")
    if not finding.strip():
        raise EvidenceError("Beskriv vad som hittades.")
    observation = WebsiteObservation.objects.create(
        evaluation=evaluation, url=url.strip(), seen_on=seen_on, finding=finding.strip(), created_by=by
    )
    observation.questions.set(questions)
    return observation


@transaction.atomic
def delete_evidence(evaluation: Evaluation, *, source: str, pk: int) -> None:
    """Remove one piece of evidence of the evaluation (its question links go with it)."""
    model = MODELS.get(source)  # type: ignore[call-overload]
    deleted, _ = model.objects.filter(evaluation=evaluation, pk=pk).delete() if model else (0, {})
    if not deleted:
        raise EvidenceError("Underlaget finns inte.")


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
        through = model.questions.through  # type: ignore[attr-defined]
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
