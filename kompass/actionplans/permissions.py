"""Who may read and edit an action plan (issue 8, point 6).

- the municipality's contacts edit (and create the plan); administrators may do everything;
- the evaluation team reads: the team of the evaluation the plan belongs to and the team of the
  municipality's next evaluation (who follow the plan up);
- anyone else, anonymous included, reads only a plan the municipality has chosen to publish.
Everything else is answered with 404, as if the plan did not exist."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kompass.actionplans.models import ActionPlan
from kompass.actionplans.queries import next_evaluation
from kompass.evaluations.models import Evaluation, TeamMembership
from kompass.evaluations.permissions import can_see_internal, is_administrator, is_municipality_contact, is_team_member


def can_edit_plan(user: Any, evaluation: Evaluation) -> bool:
    """Contacts of the municipality and administrators edit the plan of a published evaluation."""
    return evaluation.is_published and (is_administrator(user) or is_municipality_contact(user, evaluation))


def is_following_team(user: Any, evaluation: Evaluation) -> bool:
    """The team of the evaluation itself, or of the municipality's next evaluation."""
    if not user.is_authenticated:
        return False
    if is_team_member(user, evaluation):
        return True
    following = next_evaluation(evaluation)
    return following is not None and TeamMembership.objects.filter(evaluation=following, user=user).exists()


def can_read_plan(user: Any, evaluation: Evaluation, plan: ActionPlan | None) -> bool:
    if can_edit_plan(user, evaluation):
        return True
    if not evaluation.is_published:
        return False
    if plan is not None and plan.is_public:
        return True
    return is_following_team(user, evaluation)


def get_readable_plan(user: Any, evaluation: Evaluation) -> ActionPlan | None:
    """The plan of `evaluation` (None if none is made yet) if `user` may read it; otherwise Http404.

    Call after `get_visible_evaluation`. Who may edit sees the page even before a plan exists."""
    plan = ActionPlan.objects.filter(evaluation=evaluation).first()
    if not can_read_plan(user, evaluation, plan):
        raise Http404("Handlingsplanen finns inte.")
    if plan is None and not (can_edit_plan(user, evaluation) or is_following_team(user, evaluation)):
        raise Http404("Handlingsplanen finns inte.")
    return plan


def can_see_followup(user: Any, evaluation: Evaluation) -> bool:
    """The follow-up is team material while the evaluation is under way; once published, anyone who sees
    the evaluation sees it (the previous plan's actions only for those who may read that plan)."""
    return evaluation.is_published or can_see_internal(user, evaluation)
