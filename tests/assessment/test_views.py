import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompass.assessment.models import AreaText, EvaluatorScore
from kompass.assessment.services import add_finding, save_area_text
from kompass.evaluations.enums import FindingKind
from kompass.evaluations.models import QuestionScore
from tests.assessment.conftest import half, score_all
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db

PAGES = ["poang/", "poang/1/", "poang/summor/", "text/", "text/1/", "historik/"]
SEES = {"admin", "lead", "colleague"}
ROLES = ["admin", "lead", "colleague", "other_evaluator", "own_contact", "other_contact", "anonymous"]


def _client_for(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_open_to_the_team_and_administrators_and_404_for_everyone_else(client, team, people, role):
    client = _client_for(client, people, role)
    statuses = [client.get(f"/bedomning/{team.evaluation.key}/{page}").status_code for page in PAGES]
    assert statuses == [200 if role in SEES else 404] * len(PAGES)


@pytest.mark.parametrize("role", ROLES)
def test_writes_are_for_team_members_only(client, team, people, role):
    client = _client_for(client, people, role)
    q = team.questions()[0]
    base = f"/bedomning/{team.evaluation.key}"
    score = client.post(f"{base}/poang/1/", {f"points-{q.pk}": "1", f"revision-{q.pk}": "0"})
    text = client.post(f"{base}/text/1/allmant/", {"text": "Allmänt", "revision": "0"})
    expected = {"lead": 302, "colleague": 302, "admin": 403}.get(role, 404)
    assert (score.status_code, text.status_code) == (expected, expected)
    team_wrote = role in {"lead", "colleague"}
    assert EvaluatorScore.objects.filter(evaluation=team.evaluation).count() == (1 if team_wrote else 0)
    assert AreaText.objects.filter(evaluation=team.evaluation).count() == (1 if team_wrote else 0)


def test_a_published_evaluations_scoring_pages_stay_closed_to_the_public_and_its_contact(client, people, kk2020):
    from kompass.evaluations.enums import Status

    published = make_evaluation("2480", year=2023, status=Status.PUBLISHED, team=[make_user()])
    assert client.get(f"/bedomning/{published.key}/poang/").status_code == 404
    client.force_login(people["own_contact"])
    assert client.get(f"/bedomning/{published.key}/historik/").status_code == 404


def test_the_colleagues_page_does_not_show_scores_before_both_have_submitted(client, team):
    score_all(team, team.lead, lambda q: q.max_points, submit=True)
    q = team.questions()[0]
    EvaluatorScore.objects.filter(evaluator=team.lead, question=q).update(rationale="Hemlig motivering")
    client.force_login(team.colleague)
    html = client.get(f"/bedomning/{team.evaluation.key}/poang/1/").content.decode()
    assert "Hemlig motivering" not in html and "Eva Lead har lämnat in" in html
    history = client.get(f"/bedomning/{team.evaluation.key}/historik/").content.decode()
    assert "0 ändringar" in history and "poäng av Eva Lead" not in history
    score_all(team, team.colleague, half)
    html = client.get(f"/bedomning/{team.evaluation.key}/poang/1/").content.decode()
    consensus_form = f'action="/bedomning/{team.evaluation.key}/poang/1/gemensam/"'
    assert "Hemlig motivering" in html and "Skillnad:" in html and consensus_form in html


def test_invalid_points_on_the_page_give_a_swedish_message_and_keep_what_was_typed(client, team):
    client.force_login(team.lead)
    first, second = team.questions()[:2]
    response = client.post(
        f"/bedomning/{team.evaluation.key}/poang/1/",
        {f"points-{first.pk}": "2", f"points-{second.pk}": "0,25", f"rationale-{second.pk}": "typed"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "poäng ges i hela eller halva poäng (fick 0.25)" in html and ">typed</textarea>" in html
    assert EvaluatorScore.objects.count() == 0


def test_consensus_through_htmx_returns_the_question_and_the_running_sums(client, team):
    score_all(team, team.lead, half)
    score_all(team, team.colleague, half)
    q = team.questions()[0]
    client.force_login(team.colleague)
    response = client.post(
        f"/bedomning/{team.evaluation.key}/poang/1/gemensam/",
        {"question": q.pk, "points": "3", "rationale": "Enade", "revision": "0"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="q-{q.pk}"' in html and 'id="running-sums"' in html and 'hx-swap-oob="true"' in html
    assert "Sparad gemensam poäng: 3" in html
    assert QuestionScore.objects.get(evaluation=team.evaluation, question=q).points == 3


def test_a_stale_text_save_on_the_page_shows_the_other_version_and_keeps_mine(client, team):
    save_area_text(team.evaluation, team.area, text="Evas Allmänt", by=team.lead, expected_revision=0)
    client.force_login(team.colleague)
    response = client.post(
        f"/bedomning/{team.evaluation.key}/text/1/allmant/",
        {"text": "Pers Allmänt", "revision": "0"},
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Den sparade versionen: ”Evas Allmänt”" in html and ">Pers Allmänt</textarea>" in html
    assert AreaText.objects.get(evaluation=team.evaluation).general_text == "Evas Allmänt"


def test_allmant_is_prefilled_with_the_versions_standard_text(client, team):
    client.force_login(team.lead)
    html = client.get(f"/bedomning/{team.evaluation.key}/text/1/").content.decode()
    assert team.area.general_text and team.area.general_text[:40] in html
    assert "Förifylld med kriterieversionens standardtext" in html


def test_hostile_text_is_shown_as_text(client, team):
    hostile = '<script>alert("x")</script><b>fet</b>'
    add_finding(team.evaluation, team.area, kind=FindingKind.STRENGTH, text=hostile, by=team.lead)
    save_area_text(team.evaluation, team.area, text=hostile, by=team.lead, expected_revision=0)
    score_all(team, team.lead, half)
    EvaluatorScore.objects.filter(evaluator=team.lead).update(rationale=hostile, evidence=hostile)
    client.force_login(team.lead)
    for page in ("text/1/", "historik/", "poang/1/"):
        html = client.get(f"/bedomning/{team.evaluation.key}/{page}").content.decode()
        assert "<script>alert" not in html and "<b>fet</b>" not in html, page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, page


def test_scoring_overview_query_count_does_not_grow_with_scores_and_submissions(client, team, kk2020):
    client.force_login(team.lead)
    url = f"/bedomning/{team.evaluation.key}/poang/"
    score_all(team, team.lead, half)
    score_all(team, team.colleague, half)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in (2, 3, 4):
        area = kk2020.areas.get(number=number)
        score_all(team, team.lead, half, area=area)
        score_all(team, team.colleague, lambda q: q.max_points, area=area)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_history_query_count_does_not_grow_with_records(client, team):
    client.force_login(team.lead)
    url = f"/bedomning/{team.evaluation.key}/historik/"
    add_finding(team.evaluation, team.area, kind=FindingKind.STRENGTH, text="a", by=team.lead)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    score_all(team, team.lead, half)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_history_can_be_filtered_by_question(client, team):
    score_all(team, team.lead, half)
    first = team.questions()[0]
    client.force_login(team.lead)
    html = client.get(f"/bedomning/{team.evaluation.key}/historik/?fraga={first.code}").content.decode()
    assert "1 ändring" in html and f"fråga {first.code}" in html
