"""The lifecycle of an evaluation (docs/workflow.md): who may move it forward or back, and creating an
evaluation with its team in the browser."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kompass.accounts.enums import Role
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import permissions
from kompass.evaluations.enums import Origin, Status, TeamRole
from kompass.evaluations.models import Evaluation, StatusChange, TeamMembership
from kompass.evaluations.services import ScoreError, create_evaluation, publish
from kompass.evaluations.services.visit import ensure_interview_groups
from kompass.municipalities.models import Municipality

ORDER: list[str] = [s.value for s in Status]
# Entering these steps needs the interview groups (the contact proposes interviewees per group).
NEEDS_GROUPS = {Status.QUESTIONNAIRE, Status.VISIT}


class LifecycleError(ValueError):
    """A move or a new evaluation that is not allowed; the message is Swedish and says why."""


def allowed_moves(evaluation: Evaluation, user: Any) -> list[str]:
    """The statuses `user` may move `evaluation` to, in lifecycle order."""
    return [to for to in ORDER if _may_move(evaluation, user, to)]


def _may_move(evaluation: Evaluation, user: Any, to: str) -> bool:
    current = ORDER.index(evaluation.status)
    target = ORDER.index(to)
    # Who may press which button is in the rules (evaluations.permissions): imported reports and published
    # records have no work in kompass to move through, so nobody holds these permissions on them.
    if target == current or not user.is_authenticated:
        return False
    if permissions.has_perm(user, "evaluations.move_to_any_status", evaluation):
        return True
    if not permissions.has_perm(user, "evaluations.change_status", evaluation):
        return False
    publishing = Status.PUBLISHED in (evaluation.status, to)
    if publishing:
        # Publishing from review and unpublishing back to review: the team lead only.
        return permissions.has_perm(user, "evaluations.publish", evaluation) and {evaluation.status, to} == {
            Status.REVIEW,
            Status.PUBLISHED,
        }
    return abs(target - current) == 1


@transaction.atomic
def move_evaluation(evaluation: Evaluation, *, to: str, by: Any) -> Evaluation:
    """Move `evaluation` to status `to` if `by` may (see docs/workflow.md).

    Side effects: publishing goes through services.publish (public, counts in comparisons); unpublishing
    clears published_at; `evaluation` itself is updated; entering the questionnaire or visit step creates
    the default interview groups if there are none; a StatusChange row records the move.
    Raises LifecycleError and changes nothing when the move is not allowed."""

    if to not in ORDER:
        raise LifecycleError(_("Okänd status ”%(to)s”.") % {"to": to})
    # Lock the row, then read the status as it is now (another move may have happened since the page loaded).
    list(Evaluation.objects.select_for_update().filter(pk=evaluation.pk).values_list("pk", flat=True))
    evaluation.refresh_from_db(fields=["status", "published_at"])
    if not _may_move(evaluation, by, to):
        raise LifecycleError(
            _("Du får inte flytta utvärderingen från %(label)s till %(label2)s.")
            % {"label": Status(evaluation.status).label, "label2": Status(to).label}
        )
    previous = evaluation.status
    if to == Status.PUBLISHED:
        publish(evaluation, by=by)
    else:
        evaluation.status = to
        evaluation.published_at = None
        evaluation.save(update_fields=["status", "published_at", "updated_at"])
    if to in NEEDS_GROUPS:
        ensure_interview_groups(evaluation)
    StatusChange.objects.create(evaluation=evaluation, from_status=previous, to_status=to, changed_by=by)
    return evaluation


@transaction.atomic
def create_team_evaluation(
    municipality: Municipality,
    *,
    version: CriteriaVersion,
    year: int,
    lead: Any,
    members: list[Any],
    peer: Any = None,
    visit_start: date | None = None,
    visit_end: date | None = None,
    feedback_date: date | None = None,
    by: Any,
) -> Evaluation:
    """An administrator creates a planned evaluation with its team (a lead, members, optionally a peer
    evaluator from another municipality) and dates. Side effects: freezes the criteria version, creates
    the default interview groups. Raises LifecycleError (nothing created) for bad input."""

    if not permissions.has_perm(by, "evaluations.create_evaluation"):
        raise LifecycleError("Bara administratörer kan skapa utvärderingar.")
    if not version.has_questions:
        raise LifecycleError(
            _("Kriterieversionen %(code)s har inga frågor och kan inte användas i kompass.") % {"code": version.code}
        )
    team = [(lead, TeamRole.LEAD)] + [(m, TeamRole.MEMBER) for m in members] + ([(peer, TeamRole.PEER)] if peer else [])
    people = [person for person, _ in team]
    if len({p.pk for p in people}) != len(people):
        raise LifecycleError("Samma person kan bara ha en roll i teamet.")
    for person in people:
        if person.role == Role.CONTACT:
            raise LifecycleError(
                _("%(person)s är kommunkontakt och kan inte ingå i utvärderingsteamet.") % {"person": person}
            )
    try:
        evaluation = create_evaluation(
            municipality,
            version=version,
            year=year,
            status=Status.PLANNED,
            origin=Origin.KOMPASS,
            visit_start=visit_start,
            visit_end=visit_end,
            feedback_date=feedback_date,
        )
    except ScoreError as exc:
        raise LifecycleError(str(exc)) from None
    except ValidationError as exc:  # Evaluation.clean: the dates
        raise LifecycleError(" ".join(exc.messages)) from None
    TeamMembership.objects.bulk_create(TeamMembership(evaluation=evaluation, user=p, role=r) for p, r in team)
    ensure_interview_groups(evaluation)
    return evaluation
