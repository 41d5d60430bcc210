"""One evaluation with every kind of work material and a person in every role around it."""

from __future__ import annotations

from types import SimpleNamespace

from kompass.accounts.enums import Role
from kompass.criteria.models import Question
from kompass.evaluations.enums import Status
from kompass.evaluations.models import IntervieweeProposal, Participant
from kompass.evaluations.services.evidence import add_interview_note
from kompass.evaluations.services.questionnaire import save_answers, store_document
from kompass.evaluations.services.visit import ensure_interview_groups
from kompass.municipalities.models import Municipality
from tests.evaluations.files import pdf_bytes, upload
from tests.factories import make_evaluation, make_user

ROLES = ["admin", "lead", "colleague", "other_evaluator", "contact", "other_contact", "anonymous"]
WORK = {"admin", "lead", "colleague", "contact"}
INTERNAL = {"admin", "lead", "colleague"}


def build_world(status: str = Status.QUESTIONNAIRE) -> SimpleNamespace:
    vasteras = Municipality.objects.get(code="1980")
    stockholm = Municipality.objects.get(code="0180")
    w = SimpleNamespace()
    w.admin = make_user(role=Role.ADMINISTRATOR)
    w.lead = make_user(first_name="Lea", last_name="Lead")
    w.colleague = make_user(first_name="Kim", last_name="Kollega")
    w.other_evaluator = make_user()
    w.contact = make_user(role=Role.CONTACT, municipality=vasteras)
    w.other_contact = make_user(role=Role.CONTACT, municipality=stockholm)
    w.anonymous = None
    w.evaluation = make_evaluation("1980", status=Status.QUESTIONNAIRE, team=[w.lead, w.colleague])
    w.other_evaluation = make_evaluation("0180", status=Status.QUESTIONNAIRE, team=[w.other_evaluator])
    ensure_interview_groups(w.evaluation)
    w.group = w.evaluation.interview_groups.first()
    w.participant = Participant.objects.create(group=w.group, name="Maria Lind", role="Kommundirektör")
    w.proposal = IntervieweeProposal.objects.create(
        evaluation=w.evaluation, group=w.group, name="Jonas Berg", proposed_by=w.contact
    )
    w.question = Question.objects.select_related("area").get(area__version=w.evaluation.version, code="1.1.1")
    save_answers(w.evaluation, answers={w.question: ("Ja, antagen 2023.", "")}, by=w.contact)
    w.document = store_document(w.evaluation, upload=upload("policy.pdf", pdf_bytes()), by=w.contact)
    w.note = add_interview_note(
        w.evaluation, group=w.group, text="Politikerna känner till policyn.", questions=[w.question], by=w.lead
    )
    if status != Status.QUESTIONNAIRE:
        type(w.evaluation).objects.filter(pk=w.evaluation.pk).update(status=status)
        w.evaluation.refresh_from_db()
    return w
