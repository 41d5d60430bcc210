"""A save that started from an older revision is refused on every editing page: nothing changes, the page
shows the other person's version (who saved it) and keeps the person's own input in the form, based on
the saved revision so that saving again is a deliberate choice (kompass.core.concurrency)."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from kompass.accounts.enums import Role
from kompass.actionplans.models import Action
from kompass.actionplans.services import add_action, create_plan, update_action
from kompass.assessment.models import AreaText, EvaluatorScore, Finding, SubAreaText
from kompass.assessment.services import (
    ScoreEntry,
    add_finding,
    agree_consensus,
    edit_finding,
    save_area_text,
    save_evaluator_scores,
    save_subarea_text,
    submit_area,
)
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Answer, InterviewGroup, InterviewNote, QuestionScore
from kompass.evaluations.services.evidence import add_interview_note, change_evidence
from kompass.evaluations.services.questionnaire import save_answers
from kompass.evaluations.services.visit import save_interview_group
from kompass.reports.models import KeyFacts
from kompass.reports.services import save_key_facts
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(kk2020):
    eva = make_user(first_name="Eva", last_name="Lead")
    per = make_user(first_name="Per", last_name="Kollega")
    evaluation = make_evaluation("1980", year=2024, team=[eva, per])
    area = Area.objects.get(version=kk2020, number=1)
    client = Client()
    client.force_login(per)
    return evaluation, area, eva, per, client


def page_of(response) -> str:
    return unescape(response.content.decode())


def test_sub_area_text(team):
    evaluation, area, eva, per, client = team
    subarea = area.subareas.order_by("number").first()
    save_subarea_text(evaluation, subarea, text="Evas text", by=eva, expected_revision=0)
    url = reverse("assessment:save_subarea", args=[evaluation.key, 1, subarea.number])
    response = client.post(url, {"text": "Pers text", "revision": "0"})
    page = page_of(response)
    assert response.status_code == 409
    assert "har ändrats av Eva Lead" in page and "Den sparade versionen: ”Evas text”" in page
    assert ">Pers text</textarea>" in page
    assert list(SubAreaText.objects.values_list("text", "revision")) == [("Evas text", 1)]


def test_allmant(team):
    evaluation, area, eva, per, client = team
    save_area_text(evaluation, area, text="Evas Allmänt", by=eva, expected_revision=0)
    response = client.post(
        reverse("assessment:save_general", args=[evaluation.key, 1]), {"text": "Pers Allmänt", "revision": "0"}
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "Allmänt har ändrats av Eva Lead" in page and "”Evas Allmänt”" in page
    assert ">Pers Allmänt</textarea>" in page
    assert list(AreaText.objects.values_list("general_text", "revision")) == [("Evas Allmänt", 1)]


def test_finding(team):
    evaluation, area, eva, per, client = team
    finding = add_finding(evaluation, area, kind=FindingKind.STRENGTH, text="Bra", by=eva)
    edit_finding(finding, text="Mycket bra", expected_revision=1, by=eva)
    url = reverse("assessment:edit_finding", args=[evaluation.key, 1, finding.pk])
    response = client.post(url, {"text": "Utmärkt", "revision": "1"})
    page = page_of(response)
    assert response.status_code == 409
    assert "Punkten har ändrats" in page and "Den sparade versionen: ”Mycket bra”" in page
    assert ">Utmärkt</textarea>" in page and 'name="revision" value="2"' in page
    assert list(Finding.objects.values_list("text", "revision")) == [("Mycket bra", 2)]


def test_individual_score_from_another_window(team):
    evaluation, area, eva, per, client = team
    question = Question.objects.filter(area=area).order_by("subarea__number", "number").first()
    for points, rationale, revision in (("1", "Första", 0), ("2", "Andra", 1)):
        entry = ScoreEntry(question=question, points=points, rationale=rationale, expected_revision=revision)
        save_evaluator_scores(evaluation, area, evaluator=per, entries=[entry])
    response = client.post(
        reverse("assessment:scoring_area", args=[evaluation.key, 1]),
        {f"points-{question.pk}": "3", f"rationale-{question.pk}": "Tredje", f"revision-{question.pk}": "1"},
    )
    page = page_of(response)
    assert response.status_code == 409
    assert f"Fråga {question.code} har ändrats av Per Kollega" in page and "2.0 poäng – ”Andra”" in page
    assert ">Tredje</textarea>" in page and f'name="revision-{question.pk}" value="2"' in page
    assert list(EvaluatorScore.objects.values_list("rationale", "revision")) == [("Andra", 2)]


def test_consensus_score(team):
    evaluation, area, eva, per, client = team
    questions = list(Question.objects.filter(area=area))
    for person in (eva, per):
        entries = [ScoreEntry(question=q, points="0") for q in questions]
        save_evaluator_scores(evaluation, area, evaluator=person, entries=entries)
        submit_area(evaluation, area, evaluator=person)
    question = questions[0]
    agree_consensus(evaluation, question, by=eva, points="1", rationale="Evas motivering", expected_revision=0)
    response = client.post(
        reverse("assessment:consensus", args=[evaluation.key, 1]),
        {"question": question.pk, "points": "0", "rationale": "Pers motivering", "revision": "0"},
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "har ändrats av Eva Lead" in page and "1.0 poäng – ”Evas motivering”" in page
    assert ">Pers motivering</textarea>" in page
    assert list(QuestionScore.objects.values_list("rationale", "revision")) == [("Evas motivering", 1)]


def test_questionnaire_answer(kk2020):
    evaluation = make_evaluation("1980", year=2024, status=Status.QUESTIONNAIRE)
    kim = make_user(role=Role.CONTACT, municipality=evaluation.municipality, first_name="Kim")
    kerstin = make_user(role=Role.CONTACT, municipality=evaluation.municipality, first_name="Kerstin")
    question = Question.objects.select_related("area").filter(area__version=kk2020, area__number=1).first()
    save_answers(evaluation, answers={question: ("Kerstins svar.", "")}, by=kerstin, revisions={question.pk: 0})
    client = Client()
    client.force_login(kim)
    response = client.post(
        reverse("evaluations:questionnaire_area", args=[evaluation.key, 1]),
        {f"text-{question.pk}": "Mitt svar.", f"initial-text-{question.pk}": "", f"revision-{question.pk}": "0"},
    )
    page = page_of(response)
    assert f"Svaret på fråga {question.code} har ändrats av Kerstin" in page and "”Kerstins svar.”" in page
    assert ">\nMitt svar.</textarea>" in page and f'name="revision-{question.pk}" value="1"' in page
    assert list(Answer.objects.values_list("text", "revision")) == [("Kerstins svar.", 1)]


def test_evidence(team):
    evaluation, area, eva, per, client = team
    group = InterviewGroup.objects.create(evaluation=evaluation, name="Ledande politiker", position=1)
    question = Question.objects.select_related("area").filter(area=area).first()
    note = add_interview_note(evaluation, group=group, text="Ursprunglig", questions=[question], by=eva)
    change_evidence(
        evaluation,
        source="interview",
        pk=note.pk,
        expected_revision=1,
        questions=[question],
        by=eva,
        group=group,
        text="Evas version.",
    )
    response = client.post(
        reverse("evaluations:edit_evidence", args=[evaluation.key, "interview", note.pk]),
        {
            "interview-group": group.pk,
            "interview-text": "Pers version.",
            "interview-questions": [question.pk],
            "interview-revision": "1",
        },
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "Underlaget har ändrats av Eva Lead" in page and "Ledande politiker – ”Evas version.”" in page
    assert ">\nPers version.</textarea>" in page and 'name="interview-revision" value="2"' in page
    assert list(InterviewNote.objects.values_list("text", "revision")) == [("Evas version.", 2)]


def test_kortfakta(team):
    evaluation, area, eva, per, client = team
    save_key_facts(evaluation, by=eva, expected_revision=0, political_majority="S och C")
    response = client.post(
        reverse("reports:key_facts", args=[evaluation.key]), {"political_majority": "M och L", "revision": "0"}
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "Kortfakta har ändrats av Eva Lead" in page and "politisk majoritet S och C" in page
    assert 'value="M och L"' in page and 'name="revision" value="1"' in page
    assert list(KeyFacts.objects.values_list("political_majority", "revision")) == [("S och C", 1)]


def test_interview_group(team):
    evaluation, area, eva, per, client = team
    group = save_interview_group(evaluation, name="Ledande politiker", by=eva, expected_count=0)
    save_interview_group(
        evaluation, group=group, name="Ledande politiker", location="KS-salen", by=eva, expected_revision=1
    )
    response = client.post(
        reverse("evaluations:visit_group", args=[evaluation.key, group.pk]),
        {"name": "Ledande politiker", "location": "Stadshuset", "revision": "1"},
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "Intervjugruppen har ändrats av Eva Lead" in page and "”Ledande politiker”, KS-salen" in page
    assert 'value="Stadshuset"' in page and 'name="revision" value="2"' in page
    assert list(InterviewGroup.objects.values_list("location", "revision")) == [("KS-salen", 2)]


def test_action(kk2020):
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED, team=[make_user()])
    area = Area.objects.get(version=kk2020, number=1)
    point = Finding.objects.create(
        evaluation=evaluation, area=area, kind=FindingKind.IMPROVEMENT, position=1, text="Ta fram en dialogplan."
    )
    plan = create_plan(evaluation)
    kim = make_user(role=Role.CONTACT, municipality=evaluation.municipality, first_name="Kim")
    kerstin = make_user(role=Role.CONTACT, municipality=evaluation.municipality, first_name="Kerstin")
    action = add_action(plan, finding_id=point.pk, by=kim, description="Dialogplan", due=date(2025, 6, 1))
    update_action(action, expected_revision=1, by=kerstin, description="Kerstins version", status="in_progress")
    client = Client()
    client.force_login(kim)
    response = client.post(
        reverse("actionplans:edit_action", args=[evaluation.key, action.pk]),
        {f"a{action.pk}-description": "Kims version", f"a{action.pk}-status": "done", f"a{action.pk}-revision": "1"},
    )
    page = page_of(response)
    assert response.status_code == 409
    assert "Åtgärden har ändrats av Kerstin" in page and "”Kerstins version” – status Pågår" in page
    assert ">\nKims version</textarea>" in page and f'name="a{action.pk}-revision" value="2"' in page
    assert list(Action.objects.values_list("description", "revision")) == [("Kerstins version", 2)]
