from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kompass.accounts.enums import Role
from kompass.criteria.models import Question
from kompass.evaluations.enums import Status
from kompass.evaluations.models import InterviewGroup, InterviewNote, Participant, WebsiteObservation
from kompass.evaluations.services.evidence import (
    EvidenceError,
    add_document_reference,
    add_interview_note,
    add_website_observation,
    coverage,
)
from kompass.evaluations.services.visit import (
    VisitPlanError,
    delete_interview_group,
    ensure_interview_groups,
    save_interview_group,
)
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def setup(kk2020):
    lead = make_user()
    evaluation = make_evaluation(status=Status.VISIT, team=[lead], visit_start=date(2026, 3, 10))
    ensure_interview_groups(evaluation)
    client = Client()
    client.force_login(lead)
    return evaluation, lead, client


def _url(name: str, evaluation, *args) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.key, *args])


def _q(evaluation, code: str) -> Question:
    return Question.objects.select_related("area").get(area__version=evaluation.version, code=code)


def test_the_team_times_a_group_adds_participants_and_the_memo_shows_the_programme_by_day(setup):
    evaluation, _, client = setup
    group = evaluation.interview_groups.get(name="Ledande politiker")
    client.post(
        _url("visit_group", evaluation, group.pk),
        {
            "name": "Ledande politiker",
            "starts_at": "2026-03-10T18:00",
            "ends_at": "2026-03-10T19:00",
            "location": "KS-salen",
            "revision": group.revision,
        },
    )
    client.post(_url("add_participant", evaluation, group.pk), {"person-name": "Anna Holm", "person-role": "KSO"})
    group.refresh_from_db()
    assert group.starts_at == datetime(2026, 3, 10, 18, 0, tzinfo=STOCKHOLM)
    memo = client.get(_url("visit_memo", evaluation))
    days = memo.context["days"]
    assert [(d.day, [g.name for g in d.groups]) for d in days][0] == (date(2026, 3, 10), ["Ledande politiker"])
    assert "<td>18:00–19:00</td>" in memo.content.decode()
    assert "Anna Holm (KSO)" in memo.content.decode()


def test_the_contact_sees_the_memo_programme_but_not_the_participants_names(setup):
    evaluation, _, _ = setup
    group = evaluation.interview_groups.get(name="Opposition")
    Participant.objects.create(group=group, name="Lena Dahl", role="Oppositionsråd")
    contact = make_user(role=Role.CONTACT, municipality=evaluation.municipality)
    client = Client()
    client.force_login(contact)
    page = client.get(_url("visit_memo", evaluation)).content.decode()
    assert '<th scope="row">Opposition</th>' in page
    assert "1 person" in page
    assert "Lena Dahl" not in page


def test_a_group_must_end_after_it_starts(setup):
    evaluation, _, _ = setup
    with pytest.raises(VisitPlanError, match="Intervjun måste sluta efter att den börjar."):
        save_interview_group(
            evaluation,
            name="Enhetschefer",
            starts_at=datetime(2026, 3, 10, 10, tzinfo=STOCKHOLM),
            ends_at=datetime(2026, 3, 10, 9, tzinfo=STOCKHOLM),
        )
    assert InterviewGroup.objects.filter(evaluation=evaluation).count() == 6


def test_a_group_with_interview_notes_cannot_be_deleted(setup):
    evaluation, lead, _ = setup
    group = evaluation.interview_groups.first()
    add_interview_note(evaluation, group=group, text="Anteckning", questions=[_q(evaluation, "1.1.1")], by=lead)
    with pytest.raises(VisitPlanError, match="har intervjuanteckningar"):
        delete_interview_group(group)
    assert InterviewGroup.objects.filter(pk=group.pk).exists()


def test_coverage_counts_each_source_per_question(setup):
    evaluation, lead, _ = setup
    q1, q2 = _q(evaluation, "1.1.1"), _q(evaluation, "1.1.2")
    group = evaluation.interview_groups.first()
    add_interview_note(evaluation, group=group, text="A", questions=[q1, q2], by=lead)
    add_interview_note(evaluation, group=group, text="B", questions=[q1], by=lead)
    add_document_reference(evaluation, title="Budget 2026", page="12", questions=[q1], by=lead)
    add_website_observation(
        evaluation, url="https://example.se", seen_on=date(2026, 3, 1), finding="Finns", questions=[q2], by=lead
    )
    rows = {r.question.code: (r.interviews, r.documents, r.websites, r.sources) for r in coverage(evaluation)}
    assert rows["1.1.1"] == (2, 1, 0, 2)
    assert rows["1.1.2"] == (1, 0, 1, 2)
    assert rows["1.1.3"] == (0, 0, 0, 0)
    assert len(rows) == Question.objects.filter(area__version=evaluation.version).count()


def test_evidence_must_be_linked_to_questions_of_the_evaluations_version(setup, kk2010):
    evaluation, lead, _ = setup
    foreign = Question.objects.select_related("area").filter(area__version=kk2010).first()
    with pytest.raises(EvidenceError, match="Koppla underlaget till minst en fråga."):
        add_document_reference(evaluation, title="Plan", questions=[], by=lead)
    with pytest.raises(EvidenceError, match=f"Frågorna {foreign.code} hör inte till"):
        add_document_reference(evaluation, title="Plan", questions=[foreign], by=lead)
    with pytest.raises(EvidenceError, match="Adressen ska börja med https://"):
        add_website_observation(
            evaluation,
            url="javascript:alert(1)",
            seen_on=date(2026, 3, 1),
            finding="x",
            questions=[_q(evaluation, "1.1.1")],
            by=lead,
        )
    assert evaluation.document_references.count() == evaluation.website_observations.count() == 0


def test_recording_evidence_in_the_browser_form_links_it_to_the_chosen_questions(setup):
    evaluation, _, client = setup
    q1, q2 = _q(evaluation, "1.1.1"), _q(evaluation, "2.1.1")
    response = client.post(
        _url("add_evidence", evaluation, "website"),
        {
            "website-url": "https://example.se/demokrati",
            "website-seen_on": "2026-03-01",
            "website-finding": "<script>x</script> Policyn finns",
            "website-questions": [q1.pk, q2.pk],
        },
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Underlaget är sparat."]
    observation = WebsiteObservation.objects.get()
    assert sorted(observation.questions.values_list("code", flat=True)) == ["1.1.1", "2.1.1"]
    assert "&lt;script&gt;x&lt;/script&gt; Policyn finns" in response.content.decode()


def test_a_form_error_in_the_evidence_keeps_what_was_typed_and_saves_nothing(setup):
    evaluation, _, client = setup
    response = client.post(
        _url("add_evidence", evaluation, "interview"),
        {"interview-group": evaluation.interview_groups.first().pk, "interview-text": "Sagt i intervjun"},
    )
    assert [str(m) for m in response.context["messages"]] == ["Underlaget sparades inte: rätta felen i formuläret."]
    assert "Sagt i intervjun</textarea>" in response.content.decode()
    assert InterviewNote.objects.count() == 0


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_work_lists_use_as_many_queries_for_many_rows_as_for_few(setup):
    evaluation, lead, client = setup
    q = _q(evaluation, "1.1.1")
    group = evaluation.interview_groups.first()
    urls = [
        "/arbete/",
        _url("visit", evaluation),
        _url("visit_memo", evaluation),
        _url("evidence", evaluation),
        _url("coverage", evaluation),
        _url("questionnaire", evaluation),
    ]

    def add_rows(year: int) -> None:
        make_evaluation(year=year, status=Status.PLANNED, team=[lead, make_user()])
        Participant.objects.create(group=group, name=f"Person {year}")
        save_interview_group(evaluation, name=f"Grupp {year}", starts_at=datetime(2026, 3, 11, 9, tzinfo=STOCKHOLM))
        add_interview_note(evaluation, group=group, text="x", questions=[q], by=lead)
        add_document_reference(evaluation, title="Dok", questions=[q], by=lead)
        add_website_observation(
            evaluation, url="https://example.se", seen_on=date(2026, 3, 1), finding="y", questions=[q], by=lead
        )

    add_rows(2020)
    few = [_queries(client, url) for url in urls]
    for year in (2021, 2022, 2023):
        add_rows(year)
    assert [_queries(client, url) for url in urls] == few
