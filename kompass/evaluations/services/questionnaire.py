"""The questionnaire (frågeunderlag): the municipality contact's answers, documents and proposed
interviewees; submission and reopening."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from kompass.core.text import UnsafeTextError, clean_user_text
from kompass.criteria.models import Question
from kompass.evaluations import permissions
from kompass.evaluations.enums import Status
from kompass.evaluations.models import (
    Answer,
    Evaluation,
    IntervieweeProposal,
    InterviewGroup,
    Questionnaire,
    QuestionnaireDocument,
)
from kompass.evaluations.services.uploads import check_document

# The contact may answer while the questionnaire is out and during the visit (if the team reopens it).
ANSWERING_STEPS = {Status.QUESTIONNAIRE, Status.VISIT}
MAX_LINKS = 20
MAX_ANSWER_CHARS = 20_000


class QuestionnaireError(ValueError):
    """A questionnaire change that cannot be accepted; the message is Swedish."""


def questionnaire_of(evaluation: Evaluation) -> Questionnaire | None:
    return Questionnaire.objects.filter(evaluation=evaluation).first()


def is_submitted(evaluation: Evaluation) -> bool:
    state = questionnaire_of(evaluation)
    return bool(state and state.is_submitted)


def can_answer(user: Any, evaluation: Evaluation) -> bool:
    """The municipality's contact, while the questionnaire is out and not submitted."""
    return (
        permissions.is_municipality_contact(user, evaluation)
        and evaluation.status in ANSWERING_STEPS
        and not is_submitted(evaluation)
    )


def can_reopen(user: Any, evaluation: Evaluation) -> bool:
    return permissions.can_see_internal(user, evaluation) and is_submitted(evaluation)


def _require_answering(evaluation: Evaluation, by: Any) -> None:
    if not can_answer(by, evaluation):
        if is_submitted(evaluation):
            raise QuestionnaireError("Frågeunderlaget är inskickat och kan inte ändras om inte teamet öppnar det igen.")
        raise QuestionnaireError("Frågeunderlaget kan inte ändras just nu.")


def parse_links(text: str) -> list[str]:
    """One web address per line; each must be an http(s) address."""
    links = [line.strip() for line in text.splitlines() if line.strip()]
    if len(links) > MAX_LINKS:
        raise QuestionnaireError(f"Högst {MAX_LINKS} länkar per fråga.")
    validate = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            validate(link)
        except ValidationError:
            raise QuestionnaireError(f"”{link}” är inte en webbadress (börja med https://).") from None
    return links


def answer_fingerprint(text: str, links: list[str]) -> str:
    """A short fingerprint of an answer as saved, sent with the form so a save can tell whether someone
    else changed the answer since the page was opened."""
    return hashlib.sha256(json.dumps([text.strip(), links], ensure_ascii=False).encode()).hexdigest()[:16]


@transaction.atomic
def save_answers(
    evaluation: Evaluation,
    *,
    answers: dict[Question, tuple[str, str]],
    by: Any,
    originals: dict[int, str] | None = None,
) -> int:
    """Save the contact's draft answers: per question (text, links one per line). Every answer is checked
    first; one bad answer refuses the whole save. Empty answers remove the row. Returns how many answers
    changed. Side effect: Answer rows.

    `originals` maps question ids to the fingerprint of the answer the editor started from. An answer
    someone else changed in between is left as they saved it when this editor did not touch it, and
    refuses the whole save (QuestionnaireError showing the other version) when both changed it."""
    _require_answering(evaluation, by)
    checked: dict[Question, tuple[str, list[str]]] = {}
    for question, (text, links_text) in answers.items():
        if question.area.version_id != evaluation.version_id:
            raise QuestionnaireError(f"Fråga {question.code} hör inte till utvärderingens kriterieversion.")
        if len(text) > MAX_ANSWER_CHARS:
            raise QuestionnaireError(f"Fråga {question.code}: svaret är längre än {MAX_ANSWER_CHARS} tecken.")
        try:
            checked[question] = (clean_user_text(text).strip(), parse_links(clean_user_text(links_text)))
        except (QuestionnaireError, UnsafeTextError) as exc:
            raise QuestionnaireError(f"Fråga {question.code}: {exc}") from None
    existing = {a.question_id: a for a in evaluation.answers.select_for_update().filter(question__in=list(checked))}
    changed = 0
    for question, (text, links) in checked.items():
        answer = existing.get(question.pk)
        original = (originals or {}).get(question.pk)
        current = answer_fingerprint(answer.text, answer.links) if answer else answer_fingerprint("", [])
        if original is not None and original != current:
            mine = answer_fingerprint(text, links)
            if mine == original:
                continue  # this editor left it alone: keep the other person's answer
            if mine != current:
                raise QuestionnaireError(
                    f"Fråga {question.code} har ändrats av {answer.updated_by if answer else 'någon annan'} "
                    f"sedan du öppnade sidan. Den sparade versionen: ”{answer.text if answer else ''}”. "
                    "Ingenting sparades; dina ändringar står kvar nedan – spara igen för att ersätta."
                )
        if not text and not links:
            if answer is not None:
                answer.delete()
                changed += 1
            continue
        if answer is not None and answer.text == text and answer.links == links:
            continue
        answer = answer or Answer(evaluation=evaluation, question=question)
        answer.text, answer.links, answer.updated_by = text, links, by
        answer.save()
        changed += 1
    return changed


def store_document(
    evaluation: Evaluation,
    *,
    upload: UploadedFile,
    by: Any,
    question: Question | None = None,
    description: str = "",
) -> QuestionnaireDocument:
    """Check an uploaded file from its content (services.uploads) and store it under MEDIA_ROOT with a
    generated name. Raises UploadError or QuestionnaireError; then nothing is stored."""
    _require_answering(evaluation, by)
    if question is not None and question.area.version_id != evaluation.version_id:
        raise QuestionnaireError(f"Fråga {question.code} hör inte till utvärderingens kriterieversion.")
    name = (upload.name or "namnlös").replace("\\", "/").rsplit("/", 1)[-1][:200]
    kind = check_document(upload, name=name, size=upload.size or 0)
    stored = default_storage.save(f"fragor/{evaluation.key}/{uuid.uuid4().hex}.{kind}", upload)
    try:
        with transaction.atomic():
            return QuestionnaireDocument.objects.create(
                evaluation=evaluation,
                question=question,
                file=stored,
                original_name=name,
                kind=kind,
                size=upload.size or 0,
                description=description.strip()[:300],
                uploaded_by=by,
            )
    except Exception:
        default_storage.delete(stored)
        raise


def delete_document(document: QuestionnaireDocument, *, by: Any) -> None:
    """Remove an uploaded document and its file (the contact, while answering)."""
    _require_answering(document.evaluation, by)
    name = document.file.name
    with transaction.atomic():
        document.delete()
    if name:
        default_storage.delete(name)


@transaction.atomic
def propose_interviewee(
    evaluation: Evaluation, *, group: InterviewGroup, name: str, role: str = "", organisation: str = "", by: Any
) -> IntervieweeProposal:
    """The contact proposes a person for an interview group. Side effect: an IntervieweeProposal row."""
    _require_answering(evaluation, by)
    if group.evaluation_id != evaluation.pk:
        raise QuestionnaireError("Intervjugruppen hör inte till den här utvärderingen.")
    if not name.strip():
        raise QuestionnaireError("Ange namnet på personen du föreslår.")
    return IntervieweeProposal.objects.create(
        evaluation=evaluation,
        group=group,
        name=name.strip(),
        role=role.strip(),
        organisation=organisation.strip(),
        proposed_by=by,
    )


@transaction.atomic
def withdraw_proposal(proposal: IntervieweeProposal, *, by: Any) -> None:
    _require_answering(proposal.evaluation, by)
    proposal.delete()


@transaction.atomic
def submit_questionnaire(evaluation: Evaluation, *, by: Any) -> Questionnaire:
    """The contact sends in the questionnaire; afterwards it is read-only for the contact. Refused when
    nothing at all has been answered."""
    _require_answering(evaluation, by)
    if not evaluation.answers.exists() and not evaluation.documents.exists():
        raise QuestionnaireError("Besvara minst en fråga eller ladda upp ett dokument innan du skickar in.")
    state, _ = Questionnaire.objects.select_for_update().get_or_create(evaluation=evaluation)
    state.submitted_at, state.submitted_by = timezone.now(), by
    state.save()
    return state


@transaction.atomic
def reopen_questionnaire(evaluation: Evaluation, *, by: Any) -> Questionnaire:
    """The team (or an administrator) opens a submitted questionnaire for the contact again."""
    if not can_reopen(by, evaluation):
        raise QuestionnaireError("Frågeunderlaget kan inte öppnas igen.")
    state = Questionnaire.objects.select_for_update().get(evaluation=evaluation)
    state.submitted_at, state.submitted_by, state.reopened_at = None, None, timezone.now()
    state.save()
    return state
