"""Derived sums follow every change of a question score, also through the Django admin, and
`kompass check_scores` finds stored sums that differ from the question scores."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from kompass.accounts.enums import Role
from kompass.criteria.models import Question
from kompass.evaluations.models import AreaScore, QuestionScore
from kompass.evaluations.services import score_question
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


def _scored_area(evaluation, number: int) -> list[QuestionScore]:
    questions = Question.objects.filter(area__version=evaluation.version, area__number=number)
    return [score_question(evaluation, q, points=q.max_points) for q in questions]


def _check(*keys: str) -> tuple[str, int]:
    out = StringIO()
    try:
        call_command("check_scores", *keys, stdout=out)
    except CommandError as exc:
        return out.getvalue(), exc.returncode
    return out.getvalue(), 0


def test_check_scores_finds_a_planted_difference_and_fix_repairs_it():
    evaluation = make_evaluation()
    _scored_area(evaluation, 2)
    AreaScore.objects.filter(evaluation=evaluation, area__number=2).update(points=Decimal(74))
    output, code = _check(evaluation.key)
    assert code == 1
    assert f"{evaluation.key}:" in output
    assert "Område 2: sparat 74.0, frågornas summa 100.0." in output

    call_command("check_scores", evaluation.key, "--fix", stdout=StringIO())
    assert AreaScore.objects.get(evaluation=evaluation, area__number=2).points == Decimal(100)
    assert _check(evaluation.key) == ("1 utvärderingar kontrollerade, 0 med summor som skiljer.\n", 0)


def test_a_question_score_changed_in_the_django_admin_updates_the_area_sum():
    evaluation = make_evaluation()
    scores = _scored_area(evaluation, 2)
    admin = make_user(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    changed = scores[0]
    lowered = changed.points - 1
    url = f"/admin/evaluations/questionscore/{changed.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data["points"] = str(lowered)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AreaScore.objects.get(evaluation=evaluation, area__number=2).points == Decimal(99)
    assert _check(evaluation.key)[1] == 0


def test_deleting_a_question_score_lowers_the_area_sum_and_marks_it_incomplete():
    evaluation = make_evaluation()
    scores = _scored_area(evaluation, 3)
    scores[0].delete()
    area = AreaScore.objects.get(evaluation=evaluation, area__number=3)
    assert area.points == Decimal(100) - scores[0].points and area.is_complete is False
    assert _check(evaluation.key)[1] == 0


def test_deleting_an_evaluation_with_scores_leaves_nothing_behind():
    evaluation = make_evaluation()
    _scored_area(evaluation, 1)
    pk = evaluation.pk
    evaluation.delete()
    assert not AreaScore.objects.filter(evaluation_id=pk).exists()
