"""Two people save the same thing for the first time at the same moment: exactly one row, one Swedish
conflict for the other, never another exception and never a duplicate (kompass.core.concurrency).

Real threads with their own database connections, each inside its own transaction, released together by
a barrier. The save that gets through first keeps its transaction open until the other one is waiting for
a lock in PostgreSQL (pg_stat_activity) or has finished, so the second save really runs into the first
(the unique constraint or the list owner's lock) instead of merely seeing a committed row. PostgreSQL
only: SQLite serialises whole transactions at the file level, so there nothing can overlap."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, connections, transaction

from kompass.accounts.enums import Role
from kompass.actionplans.models import Action
from kompass.actionplans.services import add_action, create_plan
from kompass.assessment.models import AreaText, EvaluatorScore, Finding, SubAreaText
from kompass.assessment.services import (
    ScoreEntry,
    add_finding,
    agree_consensus,
    save_area_text,
    save_evaluator_scores,
    save_subarea_text,
    submit_area,
)
from kompass.core.concurrency import StaleWriteError
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Answer, DocumentReference, InterviewGroup, QuestionScore
from kompass.evaluations.services.evidence import add_document_reference
from kompass.evaluations.services.questionnaire import save_answers
from kompass.evaluations.services.visit import save_interview_group
from kompass.reports.models import KeyFacts
from kompass.reports.services import save_key_facts
from tests.factories import make_evaluation, make_user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite locks the whole file, so two transactions cannot overlap",
    ),
]


@dataclass
class Outcome:
    saved: int
    conflicts: list[str]
    others: list[BaseException]


def race(save: Callable[[int], Any]) -> Outcome:
    """Run save(0) and save(1) in two threads, each in a transaction of its own connection, released
    together by a barrier."""
    barrier = threading.Barrier(2, timeout=30)
    results: list[Any] = [None, None]
    backends: list[int] = [0, 0]

    def other_is_waiting_or_done(index: int) -> bool:
        if results[1 - index] is not None:
            return True
        with connection.cursor() as cursor:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [backends[1 - index]])
            row = cursor.fetchone()
        return row is not None and row[0] == "Lock"

    def run(index: int) -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_backend_pid()")
                    backends[index] = cursor.fetchone()[0]
                barrier.wait()
                save(index)
                for _ in range(3000):  # at most 30 s: the other save blocks on us or has finished
                    if other_is_waiting_or_done(index):
                        break
                    time.sleep(0.01)
            results[index] = "saved"
        except BaseException as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return Outcome(
        saved=sum(1 for r in results if r == "saved"),
        conflicts=[str(r) for r in results if isinstance(r, StaleWriteError)],
        others=[r for r in results if isinstance(r, BaseException) and not isinstance(r, StaleWriteError)],
    )


def assert_one_row_and_one_conflict(outcome: Outcome, rows: int, *, what: str) -> None:
    assert outcome.others == []
    assert (outcome.saved, len(outcome.conflicts), rows) == (1, 1, 1)
    message = outcome.conflicts[0]
    assert message.startswith(what), message
    assert "sedan du började" in message and "Ingenting sparades" in message


@pytest.fixture
def team(reference_data):
    eva = make_user(first_name="Eva", last_name="Lead")
    per = make_user(first_name="Per", last_name="Kollega")
    evaluation = make_evaluation("1980", year=2024, team=[eva, per])
    area = Area.objects.get(version=evaluation.version, number=1)
    return evaluation, area, [eva, per]


def test_sub_area_text(team):
    evaluation, area, people = team
    subarea = area.subareas.order_by("number").first()
    outcome = race(
        lambda i: save_subarea_text(evaluation, subarea, text=f"Text {i}", by=people[i], expected_revision=0)
    )
    rows = SubAreaText.objects.filter(evaluation=evaluation, subarea=subarea).count()
    assert_one_row_and_one_conflict(outcome, rows, what=f"Texten om {subarea.name} har ändrats av")


def test_allmant(team):
    evaluation, area, people = team
    outcome = race(lambda i: save_area_text(evaluation, area, text=f"Allmänt {i}", by=people[i], expected_revision=0))
    rows = AreaText.objects.filter(evaluation=evaluation, area=area).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Allmänt har ändrats av")


def test_finding(team):
    evaluation, area, people = team
    outcome = race(
        lambda i: add_finding(
            evaluation, area, kind=FindingKind.STRENGTH, text=f"Styrka {i}", by=people[i], expected_count=0
        )
    )
    rows = Finding.objects.filter(evaluation=evaluation, area=area).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Listan Styrkor har ändrats av")


def test_individual_score_from_two_windows(team):
    evaluation, area, people = team
    question = Question.objects.filter(area=area).order_by("pk").first()
    outcome = race(
        lambda i: save_evaluator_scores(
            evaluation,
            area,
            evaluator=people[0],
            entries=[ScoreEntry(question=question, points=str(i), rationale=f"Fönster {i}", expected_revision=0)],
        )
    )
    rows = EvaluatorScore.objects.filter(evaluation=evaluation, question=question).count()
    assert_one_row_and_one_conflict(outcome, rows, what=f"Fråga {question.code} har ändrats av")


def test_consensus_score(team):
    evaluation, area, people = team
    questions = list(Question.objects.filter(area=area))
    for person in people:
        entries = [ScoreEntry(question=q, points="0", expected_revision=0) for q in questions]
        save_evaluator_scores(evaluation, area, evaluator=person, entries=entries)
        submit_area(evaluation, area, evaluator=person)
    question = questions[0]
    outcome = race(
        lambda i: agree_consensus(
            evaluation, question, by=people[i], points=str(i), rationale=f"Enade {i}", expected_revision=0
        )
    )
    rows = QuestionScore.objects.filter(evaluation=evaluation, question=question).count()
    assert_one_row_and_one_conflict(outcome, rows, what=f"Fråga {question.code} har ändrats av")


def test_questionnaire_answer(reference_data):
    evaluation = make_evaluation("1980", year=2024, status=Status.QUESTIONNAIRE)
    contacts = [make_user(role=Role.CONTACT, municipality=evaluation.municipality) for _ in range(2)]
    question = Question.objects.select_related("area").filter(area__version=evaluation.version).first()
    outcome = race(
        lambda i: save_answers(
            evaluation, answers={question: (f"Svar {i}", "")}, by=contacts[i], revisions={question.pk: 0}
        )
    )
    rows = Answer.objects.filter(evaluation=evaluation, question=question).count()
    assert_one_row_and_one_conflict(outcome, rows, what=f"Svaret på fråga {question.code} har ändrats av")


def test_evidence(team):
    evaluation, area, people = team
    question = Question.objects.select_related("area").filter(area=area).first()
    outcome = race(
        lambda i: add_document_reference(
            evaluation, title=f"Budget {i}", questions=[question], by=people[i], expected_count=0
        )
    )
    rows = DocumentReference.objects.filter(evaluation=evaluation).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Listan med dokument har ändrats av")


def test_kortfakta(team):
    evaluation, area, people = team
    outcome = race(lambda i: save_key_facts(evaluation, by=people[i], expected_revision=0, population=1000 + i))
    rows = KeyFacts.objects.filter(evaluation=evaluation).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Kortfakta har ändrats av")


def test_interview_group(team):
    evaluation, area, people = team
    outcome = race(lambda i: save_interview_group(evaluation, name=f"Grupp {i}", by=people[i], expected_count=0))
    rows = InterviewGroup.objects.filter(evaluation=evaluation).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Listan med intervjugrupper har ändrats av")


def test_action(reference_data):
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED, team=[make_user()])
    area = Area.objects.get(version=evaluation.version, number=1)
    point = Finding.objects.create(
        evaluation=evaluation, area=area, kind=FindingKind.IMPROVEMENT, position=1, text="Ta fram en dialogplan."
    )
    plan = create_plan(evaluation)
    contacts = [make_user(role=Role.CONTACT, municipality=evaluation.municipality) for _ in range(2)]
    outcome = race(
        lambda i: add_action(
            plan,
            finding_id=point.pk,
            by=contacts[i],
            expected_count=0,
            description=f"Åtgärd {i}",
            due=date(2025, 6, 1),
        )
    )
    rows = Action.objects.filter(plan=plan).count()
    assert_one_row_and_one_conflict(outcome, rows, what="Listan med åtgärder för förbättringsmöjligheten har ändrats")


def test_the_conflict_carries_the_other_persons_row(team):
    evaluation, area, people = team
    caught: list[StaleWriteError] = []

    def save(i: int) -> None:
        try:
            save_area_text(evaluation, area, text=f"Allmänt {i}", by=people[i], expected_revision=0)
        except StaleWriteError as exc:
            caught.append(exc)
            raise

    race(save)
    stored = AreaText.objects.get(evaluation=evaluation, area=area)
    assert (caught[0].current.pk, caught[0].current.general_text, caught[0].changed_by) == (
        stored.pk,
        stored.general_text,
        stored.updated_by,
    )
    assert Decimal(stored.revision) == 1
