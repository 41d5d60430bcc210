"""Personal data of an evaluation (docs/privacy.md): who was interviewed, whom the
municipality proposed, and what the interview notes say. Removed once the evaluation is published — on
request by an administrator or the team's lead, or by the retention rule
(`settings.KOMPASS_PERSONAL_DATA_RETENTION_DAYS` after publication, `kompass erase_personal_data`) —
while the scores, texts and the published report stay exactly as they were."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.evaluations import permissions
from kompass.evaluations.enums import ErasureReason, Origin, Status
from kompass.evaluations.models import (
    Evaluation,
    IntervieweeProposal,
    InterviewNote,
    Participant,
    PersonalDataErasure,
)


class PrivacyError(ValueError):
    """A removal that cannot be done; the message is Swedish and says why."""


@dataclass(frozen=True)
class PersonalData:
    """What personal data an evaluation holds now, the last removal, and when the retention rule applies."""

    participants: int
    proposals: int
    notes: int
    erasures: list[PersonalDataErasure]  # the removals so far, oldest first
    due: date | None  # published: the day the retention rule removes what is left; else None

    @property
    def is_empty(self) -> bool:
        return not (self.participants or self.proposals or self.notes)

    @property
    def last_erasure(self) -> PersonalDataErasure | None:
        return self.erasures[-1] if self.erasures else None


def retention_days() -> int:
    return int(settings.KOMPASS_PERSONAL_DATA_RETENTION_DAYS)


def _participants(evaluation: Any) -> QuerySet[Participant]:
    """Participants who still have a name (a removal keeps the rows, without names)."""
    return Participant.objects.filter(group__evaluation=evaluation).exclude(name="", role="", organisation="")


def _proposals(evaluation: Any) -> QuerySet[IntervieweeProposal]:
    return IntervieweeProposal.objects.filter(evaluation=evaluation)


def _notes(evaluation: Any) -> QuerySet[InterviewNote]:
    """Interview notes that still have a text (a removal keeps the rows and their questions)."""
    return InterviewNote.objects.filter(evaluation=evaluation).exclude(text="")


def personal_data_of(evaluation: Evaluation) -> PersonalData:
    due = None
    if evaluation.status == Status.PUBLISHED and evaluation.published_at:
        due = timezone.localdate(evaluation.published_at) + timedelta(days=retention_days())
    return PersonalData(
        participants=_participants(evaluation).count(),
        proposals=_proposals(evaluation).count(),
        notes=_notes(evaluation).count(),
        erasures=list(
            PersonalDataErasure.objects.filter(evaluation=evaluation)
            .select_related("erased_by")
            .order_by("erased_at", "pk")
        ),
        due=due,
    )


def may_erase(user: Any, evaluation: Evaluation) -> bool:
    """Administrators and the team's lead remove personal data by hand."""
    return permissions.has_perm(user, "evaluations.erase_personal_data", evaluation)


def erase_personal_data(
    evaluation: Evaluation, *, by: Any = None, reason: str = ErasureReason.REQUEST
) -> PersonalDataErasure:
    """Remove the evaluation's personal data, all of it or nothing: participants keep their rows (so the
    report's number of interviewees per group stays) but lose name, role and organisation; the
    municipality's proposals of interviewees are deleted; interview notes keep their links to the
    questions (so the coverage of the evidence stays) but lose their text. Refused unless the evaluation
    is published, and when there is nothing to remove. Side effects: those rows, one PersonalDataErasure."""
    with transaction.atomic():
        locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
        if locked.status != Status.PUBLISHED:
            raise PrivacyError(
                _(
                    "Personuppgifterna tas bort först när utvärderingen är publicerad. Dessförinnan kan "
                    "enskilda deltagare och anteckningar tas bort under Besök och Underlag."
                )
            )
        participants = _participants(locked).update(name="", role="", organisation="")
        proposals = _proposals(locked).delete()[0]
        notes = _notes(locked).update(text="")
        if not (participants or proposals or notes):
            raise PrivacyError(_("Det finns inga personuppgifter att ta bort i den här utvärderingen."))
        return PersonalDataErasure.objects.create(
            evaluation=locked,
            erased_by=by if getattr(by, "is_authenticated", False) else None,
            reason=reason,
            participants=participants,
            proposals=proposals,
            notes=notes,
        )


def due_for_erasure(*, today: date | None = None) -> QuerySet[Evaluation]:
    """Evaluations carried out in kompass, published at least the retention period before `today`, that
    still hold personal data. Oldest publication first."""
    today = today or timezone.localdate()
    last_day = datetime.combine(today - timedelta(days=retention_days()), time.max)
    holds_data = (
        Exists(_participants(OuterRef("pk"))) | Exists(_proposals(OuterRef("pk"))) | Exists(_notes(OuterRef("pk")))
    )
    return (
        Evaluation.objects.filter(
            holds_data,
            origin=Origin.KOMPASS,
            status=Status.PUBLISHED,
            published_at__lte=timezone.make_aware(last_day),
        )
        .select_related("municipality")
        .order_by("published_at", "pk")
    )
