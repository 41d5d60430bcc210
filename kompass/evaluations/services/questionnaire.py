"""The questionnaire (frågeunderlag): the municipality contact's answers, documents and proposed
interviewees; submission and reopening."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.core.concurrency import lock_current, save_revision
from kompass.core.text import UnsafeTextError, clean_user_text
from kompass.criteria.models import Question
from kompass.evaluations import permissions
from kompass.evaluations.models import (
    Answer,
    Evaluation,
    IntervieweeProposal,
    InterviewGroup,
    Questionnaire,
    QuestionnaireDocument,
)
from kompass.evaluations.services.uploads import check_document

ANSWERING_STEPS = permissions.ANSWERING_STEPS  # when the contact may answer (evaluations.answer_questionnaire)


class QuestionnaireError(ValueError):
    """A questionnaire change that cannot be accepted; the message is Swedish."""


def questionnaire_of(evaluation: Evaluation) -> Questionnaire | None:
    return Questionnaire.objects.filter(evaluation=evaluation).first()


def is_submitted(evaluation: Evaluation) -> bool:
    state = questionnaire_of(evaluation)
    return bool(state and state.is_submitted)


def can_answer(user: Any, evaluation: Evaluation) -> bool:
    """The municipality's contact, while the questionnaire is out and not submitted."""
    return permissions.has_perm(user, "evaluations.answer_questionnaire", evaluation)


def can_reopen(user: Any, evaluation: Evaluation) -> bool:
    return permissions.has_perm(user, "evaluations.reopen_questionnaire", evaluation)


def _require_answering(evaluation: Evaluation, by: Any) -> None:
    if not can_answer(by, evaluation):
        if is_submitted(evaluation):
            raise QuestionnaireError("Frågeunderlaget är inskickat och kan inte ändras om inte teamet öppnar det igen.")
        raise QuestionnaireError("Frågeunderlaget kan inte ändras just nu.")


def parse_links(text: str) -> list[str]:
    """One web address per line (blank lines dropped); whether they are web addresses is Answer.clean()'s
    rule."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _answer_error(question: Question, exc: ValidationError) -> QuestionnaireError:
    return QuestionnaireError(
        _("Fråga %(code)s: %(message)s") % {"code": question.code, "message": " ".join(exc.messages)}
    )


@transaction.atomic
def save_answers(
    evaluation: Evaluation,
    *,
    answers: dict[Question, tuple[str, str]],
    by: Any,
    revisions: dict[int, int] | None = None,
) -> int:
    """Save the contact's draft answers: per question (text, links one per line). Every answer is checked
    first (Answer.clean); one bad answer refuses the whole save. Empty answers remove the row. Returns how
    many answers changed. Side effect: Answer rows.

    `revisions` maps question ids to the revision of the answer the form was rendered with (0: no answer
    then); the form sends only the answers the person changed. An answer someone else saved since —
    also a first answer saved at the same moment — raises StaleWriteError with their version, and
    nothing is saved (kompass.core.concurrency)."""
    _require_answering(evaluation, by)
    checked: dict[Question, Answer] = {}
    for question, (text, links_text) in answers.items():
        if question.area.version_id != evaluation.version_id:
            raise QuestionnaireError(
                _("Fråga %(code)s hör inte till utvärderingens kriterieversion.") % {"code": question.code}
            )
        try:
            text, links_text = clean_user_text(text), clean_user_text(links_text)  # kompass.core.text
        except UnsafeTextError as exc:
            raise QuestionnaireError(_("Fråga %(code)s: %(error)s") % {"code": question.code, "error": exc}) from None
        draft = Answer(evaluation=evaluation, question=question, text=text.strip(), links=parse_links(links_text))
        try:
            draft.full_clean(exclude=["evaluation", "question"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            raise _answer_error(question, exc) from None
        checked[question] = draft
    changed = 0
    for question, draft in checked.items():
        what = _("Svaret på fråga %(code)s") % {"code": question.code}
        lookup: dict[str, Any] = {"evaluation": evaluation, "question": question}
        expected = (revisions or {}).get(question.pk)
        answer = lock_current(Answer, expected=expected, what=what, **lookup)
        if not draft.text and not draft.links:
            if answer is not None:
                answer.delete()
                changed += 1
            continue
        if answer is not None and (answer.text, answer.links) == (draft.text, draft.links):
            continue
        answer = answer or Answer(**lookup)
        answer.text, answer.links, answer.updated_by = draft.text, draft.links, by
        save_revision(answer, what=what, lookup=lookup)
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
        raise QuestionnaireError(
            _("Fråga %(code)s hör inte till utvärderingens kriterieversion.") % {"code": question.code}
        )
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
    state, _created = Questionnaire.objects.select_for_update().get_or_create(evaluation=evaluation)
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
