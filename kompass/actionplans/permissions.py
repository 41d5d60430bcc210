"""Who may read and edit an action plan (django-rules; the object is the plan's evaluation).

- the municipality's contacts edit (and create the plan); administrators may do everything;
- the evaluation team reads: the team of the evaluation the plan belongs to and the team of the
  municipality's next evaluation (who follow the plan up);
- anyone else, anonymous included, reads only a plan the municipality has chosen to publish.
Everything else is answered with 404, as if the plan did not exist."""

from __future__ import annotations

from typing import Any

import rules
from django.http import Http404

from kompass.actionplans.models import ActionPlan
from kompass.actionplans.queries import next_evaluation
from kompass.evaluations.models import Evaluation, TeamMembership
from kompass.evaluations.permissions import (
    has_perm,
    is_administrator,
    is_municipality_contact,
    is_published,
    is_team_member,
    on_team,
)


@rules.predicate
def is_following_team(user: Any, evaluation: Evaluation | None) -> bool:
    """The team of the evaluation itself, or of the municipality's next evaluation."""
    if evaluation is None or not user.is_authenticated:
        return False
    if is_team_member(user, evaluation):
        return True
    following = next_evaluation(evaluation)
    return following is not None and TeamMembership.objects.filter(evaluation=following, user=user).exists()


@rules.predicate
def is_plan_public(user: Any, evaluation: Evaluation | None) -> bool:
    """The municipality has published the plan."""
    return evaluation is not None and ActionPlan.objects.filter(evaluation=evaluation, is_public=True).exists()


may_edit_plan = is_published & (is_administrator | is_municipality_contact)

rules.add_perm("actionplans.edit_plan", may_edit_plan)
# Who may edit sees the page even before a plan exists; the teams see that there is none yet.
rules.add_perm("actionplans.view_plan", may_edit_plan | is_published & (is_plan_public | is_following_team))
# The follow-up is team material while the evaluation is under way; once published, anyone who sees the
# evaluation sees it (the previous plan's actions only for those who may read that plan).
rules.add_perm("actionplans.view_followup", is_published | on_team)


def get_readable_plan(user: Any, evaluation: Evaluation) -> ActionPlan | None:
    """The plan of `evaluation` (None if none is made yet) if `user` may read it; otherwise Http404."""
    if not has_perm(user, "actionplans.view_plan", evaluation):
        raise Http404("Handlingsplanen finns inte.")
    return ActionPlan.objects.filter(evaluation=evaluation).first()
