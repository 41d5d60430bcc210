"""Who may see and do what with an evaluation (PRODUCT.md §10, issue 3).

One rule, used by every page, download, API endpoint and embed: an unpublished evaluation is visible
only to its team, its municipality's contacts and administrators. Anyone else gets 404, as if it did
not exist. Use `get_visible_evaluation` in views; use `visible_evaluations` for lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Status
from kompass.evaluations.models import Evaluation


def is_administrator(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.role == Role.ADMINISTRATOR))


def is_team_member(user: Any, evaluation: Evaluation) -> bool:
    return bool(user.is_authenticated and evaluation.team.filter(user=user).exists())


def is_municipality_contact(user: Any, evaluation: Evaluation) -> bool:
    return bool(
        user.is_authenticated and user.role == Role.CONTACT and user.municipality_id == evaluation.municipality_id
    )


def visible_evaluations(user: Any) -> QuerySet[Evaluation]:
    """Everything `user` may see: published evaluations, plus for a logged-in user the unpublished ones
    of their teams or (for contacts) their municipality; administrators see all."""
    evaluations = Evaluation.objects.all()
    if is_administrator(user):
        return evaluations
    allowed = Q(status=Status.PUBLISHED)
    if user.is_authenticated:
        allowed |= Q(team__user=user)
        if user.role == Role.CONTACT and user.municipality_id:
            allowed |= Q(municipality_id=user.municipality_id)
    return evaluations.filter(allowed).distinct()


def can_see(user: Any, evaluation: Evaluation) -> bool:
    return (
        evaluation.status == Status.PUBLISHED
        or is_administrator(user)
        or is_team_member(user, evaluation)
        or is_municipality_contact(user, evaluation)
    )


def can_see_internal(user: Any, evaluation: Evaluation) -> bool:
    """Work material of the team (interview notes, participant lists, individual scores): personal data,
    restricted to the team and administrators — not the municipality, not the public."""
    return is_administrator(user) or is_team_member(user, evaluation)


def get_visible_evaluation(user: Any, key: str) -> Evaluation:
    """The evaluation with `key` if `user` may see it; otherwise Http404 (never 403: do not reveal it)."""
    evaluation = Evaluation.objects.select_related("municipality", "version").filter(key=key).first()
    if evaluation is None or not can_see(user, evaluation):
        raise Http404("Utvärderingen finns inte.")
    return evaluation


# --- The work pages under /arbete/ (issue 3): never public, even for published evaluations. ---


def is_team_lead(user: Any, evaluation: Evaluation) -> bool:
    from kompass.evaluations.enums import TeamRole

    return bool(user.is_authenticated and evaluation.team.filter(user=user, role=TeamRole.LEAD).exists())


def can_see_work(user: Any, evaluation: Evaluation) -> bool:
    """The evaluation's workspace (status, questionnaire, visit memo): its team, its municipality's
    contacts and administrators. Stricter than `can_see`: publishing does not open the work to others."""
    return is_administrator(user) or is_team_member(user, evaluation) or is_municipality_contact(user, evaluation)


def get_work_evaluation(user: Any, key: str) -> Evaluation:
    """The evaluation with `key` if `user` may see its workspace; otherwise Http404."""
    evaluation = get_visible_evaluation(user, key)
    if not can_see_work(user, evaluation):
        raise Http404("Utvärderingen finns inte.")
    return evaluation


def get_internal_evaluation(user: Any, key: str) -> Evaluation:
    """The evaluation with `key` if `user` may see the team's internal material; otherwise Http404."""
    evaluation = get_visible_evaluation(user, key)
    if not can_see_internal(user, evaluation):
        raise Http404("Utvärderingen finns inte.")
    return evaluation


def work_evaluations(user: Any) -> QuerySet[Evaluation]:
    """ "Mina utvärderingar": evaluations carried out in kompass that `user` works on — administrators all,
    evaluators their teams', contacts their municipality's. Imported published records have no work."""
    from kompass.evaluations.enums import Origin

    evaluations = Evaluation.objects.filter(origin=Origin.KOMPASS)
    if not user.is_authenticated:
        return evaluations.none()
    if is_administrator(user):
        return evaluations
    allowed = Q(team__user=user)
    if user.role == Role.CONTACT and user.municipality_id:
        allowed |= Q(municipality_id=user.municipality_id)
    return evaluations.filter(allowed).distinct()
