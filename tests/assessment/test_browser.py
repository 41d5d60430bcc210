"""Two evaluators score an area blind, see their differences, agree a consensus score and write the area's
texts, in headless Chromium with axe-core checks on each page."""

from decimal import Decimal

import pytest

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.criteria.models import Question
from kompass.evaluations.models import QuestionScore
from tests.browser import assert_accessible, login_as
from tests.factories import make_evaluation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _score_area(page, questions, points_for) -> None:
    for q in questions:
        page.fill(f"#points-{q.pk}", str(points_for(q)).replace(".", ","))
    page.fill(f"#rationale-{questions[0].pk}", "Planen finns men följs inte upp.")


def test_two_evaluators_score_blind_agree_and_write(browser_page, live_server, reference_data):
    eva = make_user(first_name="Eva", last_name="Utvärderare")
    per = make_user(first_name="Per", last_name="Kollega")
    evaluation = make_evaluation("1980", year=2024, team=[eva, per])
    questions = list(Question.objects.filter(area__version=evaluation.version, area__number=1).order_by("pk"))
    questions.sort(key=lambda q: (q.subarea.number, q.number))
    first = questions[0]
    area_url = f"{live_server.url}/bedomning/{evaluation.key}/poang/1/"
    page = browser_page

    login_as(page, live_server, eva)
    page.goto(area_url)
    assert_accessible(page)
    _score_area(page, questions, lambda q: q.max_points)
    page.click("text=Spara och lämna in området")
    page.wait_for_selector("text=Område 1 är inlämnat.")
    assert page.locator("text=Per Kollega har inte lämnat in").count() == 1

    page.context.clear_cookies()
    login_as(page, live_server, per)
    page.goto(area_url)
    assert page.locator("text=Planen finns men").count() == 0  # Eva's rationale stays hidden
    _score_area(page, questions, lambda q: q.max_points if q != first else q.max_points - 2)
    page.click("text=Spara och lämna in området")
    page.wait_for_selector("text=Alla har lämnat in. 1 fråga har olika poäng")
    assert page.locator(f"#q-{first.pk} .difference").inner_text() == "≠ Skillnad: 2 poäng"
    assert_accessible(page)

    page.fill(f"#consensus-points-{first.pk}", str(first.max_points - 1))
    page.fill(f"#consensus-rationale-{first.pk}", "Enade efter samtal.")
    page.click(f"#q-{first.pk} button[type=submit]")
    page.wait_for_selector(f"#q-{first.pk} >> text=Sparad gemensam poäng")
    assert "(ofullständigt)" in page.locator("#running-sums").inner_text()
    score = QuestionScore.objects.get(evaluation=evaluation, question=first)
    assert (score.points, score.rationale, score.updated_by) == (first.max_points - 1, "Enade efter samtal.", per)

    page.goto(f"{live_server.url}/bedomning/{evaluation.key}/text/1/")
    page.fill("#general-text", "Kommunen har en tydlig demokratiplan.")
    page.click("text=Spara Allmänt")
    page.wait_for_selector("text=Sparat.")
    page.fill("#subarea-text-1", "Strategin är antagen av fullmäktige.")
    page.click("#delomrade-1 button[type=submit]")
    page.wait_for_selector("text=Sparat.")
    page.fill("#new-strength", "Tydlig plan för medborgardialog.")
    page.click("#strength button:has-text('Lägg till')")
    page.wait_for_selector("#strength ol textarea")
    page.fill("#new-improvement", "Följ upp dialogen med de unga.")
    page.click("#improvement button:has-text('Lägg till')")
    page.wait_for_selector("#improvement ol textarea")
    assert_accessible(page)

    assert AreaText.objects.get(evaluation=evaluation).general_text == "Kommunen har en tydlig demokratiplan."
    assert SubAreaText.objects.get(evaluation=evaluation).text == "Strategin är antagen av fullmäktige."
    assert list(Finding.objects.filter(evaluation=evaluation).order_by("kind").values_list("kind", "text")) == [
        ("improvement", "Följ upp dialogen med de unga."),
        ("strength", "Tydlig plan för medborgardialog."),
    ]
    assert Decimal(first.max_points - 1) == score.points
