"""The visit plan: interview groups, their times and participants, and the visit memo (PM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.core.concurrency import lock_current, lock_list, save_revision
from kompass.evaluations.models import Evaluation, IntervieweeProposal, InterviewGroup, Participant

DEFAULT_GROUPS = [
    "Kommunledning och central förvaltning",
    "Ledande politiker",
    "Opposition",
    "Förvaltningschefer",
    "Enhetschefer",
    "Fackliga företrädare",
]


class VisitPlanError(ValueError):
    """A change to the visit plan that cannot be accepted; the message is Swedish."""


@transaction.atomic
def ensure_interview_groups(evaluation: Evaluation) -> None:
    """Create the default interview groups if the evaluation has none. Side effect: rows in InterviewGroup."""
    if evaluation.interview_groups.exists():
        return
    InterviewGroup.objects.bulk_create(
        InterviewGroup(evaluation=evaluation, name=name, position=position)
        for position, name in enumerate(DEFAULT_GROUPS, start=1)
    )


@transaction.atomic
def save_interview_group(
    evaluation: Evaluation,
    *,
    group: InterviewGroup | None = None,
    name: str,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    location: str = "",
    by: Any = None,
    expected_revision: int | None = None,
    expected_count: int | None = None,
) -> InterviewGroup:
    """Create (group=None) or change an interview group; the rules are InterviewGroup.clean()'s.

    Changing: `expected_revision` is the revision the form was rendered with. Creating: `expected_count`
    is the number of groups the form was rendered with. Either way, a save by someone else meanwhile
    raises StaleWriteError with their version and nothing changes. Side effect: saves the group."""
    if group is not None and group.evaluation_id != evaluation.pk:
        raise VisitPlanError("Gruppen hör inte till den här utvärderingen.")
    if group is None:
        lock_list(
            Evaluation.objects.filter(pk=evaluation.pk),
            evaluation.interview_groups.all(),
            expected=expected_count,
            what=_("Listan med intervjugrupper"),
        )
        last = evaluation.interview_groups.aggregate(m=Max("position"))["m"] or 0
        group = InterviewGroup(evaluation=evaluation, position=last + 1)
    else:
        group = (
            lock_current(InterviewGroup, expected=expected_revision, what=_("Intervjugruppen"), pk=group.pk) or _gone()
        )
    group.name, group.starts_at, group.ends_at, group.location = name.strip(), starts_at, ends_at, location.strip()
    group.updated_by = by if getattr(by, "is_authenticated", False) else None
    try:
        group.full_clean(exclude=["evaluation", "name"])  # name: clean() says it in the visit plan's words
    except ValidationError as exc:
        raise VisitPlanError(" ".join(exc.messages)) from None
    return save_revision(group, what=_("Intervjugruppen"))


def _gone() -> InterviewGroup:
    raise VisitPlanError(_("Intervjugruppen har tagits bort av någon annan sedan du började."))


@transaction.atomic
def delete_interview_group(group: InterviewGroup) -> None:
    """Remove a group with its participants and proposals; refused while interview notes refer to it."""
    if group.notes.exists():
        raise VisitPlanError(
            _("Gruppen ”%(name)s” har intervjuanteckningar och kan inte tas bort.") % {"name": group.name}
        )
    group.delete()


@transaction.atomic
def add_participant(group: InterviewGroup, *, name: str, role: str = "", organisation: str = "") -> Participant:
    """Add a person to an interview group. Side effect: a Participant row."""
    if not name.strip():
        raise VisitPlanError("Deltagaren måste ha ett namn.")
    return Participant.objects.create(
        group=group, name=name.strip(), role=role.strip(), organisation=organisation.strip()
    )


@transaction.atomic
def accept_proposal(proposal: IntervieweeProposal) -> Participant:
    """Make the municipality's proposed interviewee a participant of the group (once)."""
    proposal = IntervieweeProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.accepted:
        raise VisitPlanError(_("%(name)s är redan tillagd som deltagare.") % {"name": proposal.name})
    proposal.accepted = True
    proposal.save(update_fields=["accepted"])
    return add_participant(proposal.group, name=proposal.name, role=proposal.role, organisation=proposal.organisation)


@dataclass
class ProgrammeDay:
    day: date | None
    groups: list[InterviewGroup] = field(default_factory=list)


def visit_programme(evaluation: Evaluation) -> list[ProgrammeDay]:
    """The interview groups by day (local time) and time; groups without a time come last. Participants
    are prefetched (two queries in all)."""
    groups = list(evaluation.interview_groups.prefetch_related("participants"))
    timed = sorted((g for g in groups if g.starts_at), key=lambda g: (g.starts_at, g.position))
    days: list[ProgrammeDay] = []
    for group in timed:
        day = timezone.localtime(group.starts_at).date()
        if not days or days[-1].day != day:
            days.append(ProgrammeDay(day=day))
        days[-1].groups.append(group)
    untimed = [g for g in groups if not g.starts_at]
    if untimed:
        days.append(ProgrammeDay(day=None, groups=untimed))
    return days


def participant_count(days: list[ProgrammeDay]) -> int:
    return sum(len(g.participants.all()) for d in days for g in d.groups)
