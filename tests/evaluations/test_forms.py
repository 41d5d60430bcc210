"""The work forms check the same rules as the models, from the one place each rule is written."""

from __future__ import annotations

import pytest

from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.forms import CreateEvaluationForm, InterviewGroupForm
from kompass.evaluations.models import InterviewGroup
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("dates", "field", "message"),
    [
        (
            {"visit_start": "2026-03-10", "visit_end": "2026-03-09"},
            "visit_end",
            "Besöket kan inte sluta före det börjar.",
        ),
        (
            {"visit_start": "2026-03-10", "visit_end": "2026-03-11", "feedback_date": "2026-03-01"},
            "feedback_date",
            "Återkopplingsmötet kan inte ligga före besöket.",
        ),
    ],
)
def test_the_creation_form_refuses_dates_in_the_wrong_order_at_the_field(kk2020, dates, field, message):
    data = {
        "municipality": Municipality.objects.get(code="1980").pk,
        "version": CriteriaVersion.objects.get(code="kk2020").pk,
        "year": 2026,
        "lead": make_user().pk,
        **dates,
    }
    form = CreateEvaluationForm(data)
    assert not form.is_valid()
    assert form.errors == {field: [message]}


def test_the_interview_group_form_refuses_an_end_before_the_start_at_the_field(kk2020):
    evaluation = make_evaluation("1980", year=2026)
    data = {"name": "Opposition", "starts_at": "2026-03-10T10:00", "ends_at": "2026-03-10T09:00", "revision": "1"}
    form = InterviewGroupForm(data, instance=InterviewGroup(evaluation=evaluation))
    assert not form.is_valid()
    assert form.errors == {"ends_at": ["Intervjun måste sluta efter att den börjar."]}
