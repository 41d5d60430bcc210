import pytest
from django.utils import timezone

from kompass.actionplans.demo import extend_demo
from kompass.actionplans.enums import ActionStatus
from kompass.actionplans.models import Action, ActionPlan
from kompass.core.demo import ensure_demo_evaluation
from kompass.evaluations.enums import Status
from kompass.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db


def test_the_demo_plan_has_late_and_done_actions_a_follow_up_evaluation_and_is_idempotent(kk2020):
    demo, _ = ensure_demo_evaluation()
    first = extend_demo(demo)
    assert first.startswith("Handlingsplaner: handlingsplan med 21 åtgärder för Exempelkommun 2025")
    plan = ActionPlan.objects.get(evaluation=demo)
    statuses = set(plan.actions.values_list("status", flat=True))
    assert {ActionStatus.DONE, ActionStatus.IN_PROGRESS, ActionStatus.NOT_STARTED} <= statuses
    assert any(action.is_late(timezone.localdate()) for action in plan.actions.all())
    following = Evaluation.objects.get(key="9999-2027")
    assert following.status == Status.SCORING
    assert sorted(following.team.values_list("user__username", flat=True)) == ["eva", "per"]
    assert extend_demo(demo) is None
    assert (Action.objects.count(), Evaluation.objects.filter(municipality=demo.municipality).count()) == (21, 2)
