"""Who may see and do what with an evaluation: the predicates and the permission table (django-rules).

The rule everything else rests on: an unpublished evaluation is visible only to its team, its
municipality's contacts and administrators; anyone else gets 404, as if it did not exist. The work pages
stay closed to outsiders after publishing; the team's material (interview notes, participants, individual
scores) is for the team and administrators only.

Ask a permission with `has_perm(user, "evaluations.view_work", evaluation)` (or `user.has_perm(...)`,
the same rules); in views get the object through `get_evaluation_or_404(user, key, perm)`. Lists use the
queryset counterparts `visible_evaluations` and `work_evaluations`, tested to agree with the predicates.
Every permission with who has it: docs/permissions.md (`kompass permissions` prints it)."""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from kompass.accounts.permissions import has_perm, is_administrator, is_contact
from kompass.evaluations.enums import Origin, Status, TeamRole
from kompass.evaluations.models import Evaluation, Questionnaire

__all__ = ["has_perm", "is_administrator", "get_evaluation_or_404", "require_perm"]

# The contact answers the questionnaire while it is out and during the visit (if the team reopens it).
ANSWERING_STEPS = {Status.QUESTIONNAIRE, Status.VISIT}


# --- Predicates: (user, evaluation) → bool. Without an evaluation the object predicates are False. ---


@rules.predicate
def is_team_member(user: Any, evaluation: Evaluation | None) -> bool:
    """On the evaluation's team, in any team role (lead, member, peer)."""
    return bool(evaluation is not None and user.is_authenticated and evaluation.team.filter(user=user).exists())


@rules.predicate
def is_team_lead(user: Any, evaluation: Evaluation | None) -> bool:
    return bool(
        evaluation is not None
        and user.is_authenticated
        and evaluation.team.filter(user=user, role=TeamRole.LEAD).exists()
    )


@rules.predicate
def is_municipality_contact(user: Any, evaluation: Evaluation | None) -> bool:
    """A contact of the evaluated municipality."""
    return bool(evaluation is not None and is_contact(user) and user.municipality_id == evaluation.municipality_id)


@rules.predicate
def is_published(user: Any, evaluation: Evaluation | None) -> bool:
    return evaluation is not None and evaluation.status == Status.PUBLISHED


@rules.predicate
def is_made_in_kompass(user: Any, evaluation: Evaluation | None) -> bool:
    """Carried out in kompass; imported reports and published records have no work to do here."""
    return evaluation is not None and evaluation.origin == Origin.KOMPASS


@rules.predicate
def is_questionnaire_out(user: Any, evaluation: Evaluation | None) -> bool:
    return evaluation is not None and evaluation.status in ANSWERING_STEPS


@rules.predicate
def is_questionnaire_submitted(user: Any, evaluation: Evaluation | None) -> bool:
    return (
        evaluation is not None
        and Questionnaire.objects.filter(evaluation=evaluation, submitted_at__isnull=False).exists()
    )


works_on = is_administrator | is_team_member | is_municipality_contact
on_team = is_administrator | is_team_member
is_visible = is_published | works_on


# --- The permission table ---

rules.add_perm("evaluations.view_evaluation", is_visible)
rules.add_perm("evaluations.view_work", works_on)
rules.add_perm("evaluations.view_internal", on_team)
rules.add_perm("evaluations.create_evaluation", is_administrator)
rules.add_perm("evaluations.change_status", is_made_in_kompass & on_team)
rules.add_perm("evaluations.move_to_any_status", is_made_in_kompass & is_administrator)
rules.add_perm("evaluations.publish", is_made_in_kompass & (is_administrator | is_team_lead))
rules.add_perm(
    "evaluations.answer_questionnaire", is_municipality_contact & is_questionnaire_out & ~is_questionnaire_submitted
)
rules.add_perm("evaluations.reopen_questionnaire", on_team & is_questionnaire_submitted)
rules.add_perm("evaluations.view_proposals", works_on)
rules.add_perm("evaluations.plan_visit", on_team)
rules.add_perm("evaluations.record_evidence", on_team)
rules.add_perm("evaluations.erase_personal_data", is_administrator | is_team_lead)


# --- Access helpers for views ---


def get_evaluation_or_404(user: Any, key: str, perm: str = "evaluations.view_evaluation") -> Evaluation:
    """The evaluation with `key` if `user` holds `perm` on it; otherwise Http404 (never 403: do not
    reveal that it exists)."""
    evaluation = Evaluation.objects.select_related("municipality", "version").filter(key=key).first()
    if evaluation is None or not has_perm(user, perm, evaluation):
        raise Http404(_("Utvärderingen finns inte."))
    return evaluation


def require_perm(user: Any, perm: str, obj: Any, message: str) -> None:
    """403 with `message` when a page `user` may see refuses them a write."""
    if not has_perm(user, perm, obj):
        raise PermissionDenied(message)


# --- Queryset counterparts of the predicates (tests/evaluations/test_permissions.py keeps them in step) ---


def visible_evaluations(user: Any) -> QuerySet[Evaluation]:
    """Everything `user` may see (`evaluations.view_evaluation`): published evaluations, plus for a
    logged-in user the unpublished ones of their teams or (for contacts) their municipality; administrators
    see all."""
    evaluations = Evaluation.objects.all()
    if is_administrator(user):
        return evaluations
    allowed = Q(status=Status.PUBLISHED)
    if user.is_authenticated:
        allowed |= Q(team__user=user)
        if is_contact(user) and user.municipality_id:
            allowed |= Q(municipality_id=user.municipality_id)
    return evaluations.filter(allowed).distinct()


def work_evaluations(user: Any) -> QuerySet[Evaluation]:
    """ "Mina utvärderingar": evaluations carried out in kompass whose work `user` may see
    (`evaluations.view_work`) — administrators all, evaluators their teams', contacts their municipality's.
    Imported published records have no work."""
    evaluations = Evaluation.objects.filter(origin=Origin.KOMPASS)
    if not user.is_authenticated:
        return evaluations.none()
    if is_administrator(user):
        return evaluations
    allowed = Q(team__user=user)
    if is_contact(user) and user.municipality_id:
        allowed |= Q(municipality_id=user.municipality_id)
    return evaluations.filter(allowed).distinct()
