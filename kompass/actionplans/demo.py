"""Demo: an action plan for Exempelkommun 2025 (some actions done, some late), and a second, unpublished
evaluation 9999-2027 in scoring with the same team, so the follow-up shows in the demo. Idempotent."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.actionplans.enums import ActionStatus, Priority
from kompass.actionplans.queries import improvement_points
from kompass.actionplans.services import add_action, add_progress_note, create_plan, set_priority
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Status
from kompass.evaluations.models import Evaluation, QuestionScore, TeamMembership
from kompass.evaluations.services import create_evaluation
from kompass.evaluations.services.sums import refresh_scores

FOLLOW_UP_YEAR = 2027
OWNERS = [
    ("Lina Lind", "Kvalitetsstrateg", "lina.lind@example.se"),
    ("Omar Berg", "Kommunikationschef", "omar.berg@example.se"),
    ("Sara Ek", "HR-chef", "sara.ek@example.se"),
]


@transaction.atomic
def extend_demo(evaluation: Evaluation) -> str | None:
    if not evaluation.is_published or not evaluation.municipality.is_demo:
        return None
    plan = create_plan(evaluation)
    made = []
    if not plan.actions.exists():
        made.append(_fill(plan))
    if _ensure_followup_evaluation(evaluation):
        made.append(
            _("utvärderingen %(municipality_id)s-%(FOLLOW_UP_YEAR)s (poängsättning) för uppföljningen")
            % {"municipality_id": evaluation.municipality_id, "FOLLOW_UP_YEAR": FOLLOW_UP_YEAR}
        )
    return ("Handlingsplaner: " + "; ".join(made)) if made else None


def _fill(plan) -> str:
    today = timezone.localdate()
    kim = plan.evaluation.municipality.user_set.filter(username="kim").first()
    points = list(improvement_points(plan.evaluation))
    # (start offset, due offset, status) relative to today: done, late, due soon, in progress, not started.
    patterns = [
        (-300, -120, ActionStatus.DONE),
        (-200, -20, ActionStatus.IN_PROGRESS),
        (-60, 14, ActionStatus.IN_PROGRESS),
        (-30, 150, ActionStatus.IN_PROGRESS),
        (20, 240, ActionStatus.NOT_STARTED),
        (-250, -60, ActionStatus.DONE),
        (-100, -5, ActionStatus.NOT_STARTED),
        (-20, 400, ActionStatus.CANCELLED),
    ]
    count = 0
    for index, point in enumerate(points[::2]):
        start_offset, due_offset, status = patterns[index % len(patterns)]
        start, due = today + timedelta(days=start_offset), today + timedelta(days=due_offset)
        name, role, email = OWNERS[index % len(OWNERS)]
        action = add_action(
            plan,
            finding_id=point.pk,
            by=kim,
            description=f"Ta fram och besluta en plan: {point.text.split(': ', 1)[-1].rstrip('?')}",
            comment="Förankras i kommunledningsgruppen före beslut.",
            owner_name=name,
            owner_role=role,
            owner_email=email,
            start=start,
            due=due,
            status=status,
        )
        if status in (ActionStatus.DONE, ActionStatus.IN_PROGRESS):
            add_progress_note(action, text="Arbetsgrupp tillsatt och uppdrag formulerat.", on=start, by=kim)
        if status == ActionStatus.DONE:
            add_progress_note(action, text="Beslutat och infört.", on=due, by=kim)
        set_priority(
            plan,
            finding_id=point.pk,
            priority=[Priority.HIGH, Priority.MEDIUM, Priority.LOW][index % 3],
            expected_revision=None,
            by=kim,
        )
        count += 1
    return _("handlingsplan med %(count)s åtgärder för %(evaluation)s") % {
        "count": count,
        "evaluation": plan.evaluation,
    }


def _ensure_followup_evaluation(previous: Evaluation) -> bool:
    if Evaluation.objects.filter(municipality=previous.municipality, year=FOLLOW_UP_YEAR).exists():
        return False
    following = create_evaluation(
        previous.municipality,
        version=CriteriaVersion.objects.get(code=previous.version.code),
        year=FOLLOW_UP_YEAR,
        status=Status.SCORING,
        ordinal=(previous.ordinal or 0) + 1 or None,
        notes="Demodata: nästa utvärdering av Exempelkommun, under poängsättning.",
        visit_start=date(FOLLOW_UP_YEAR, 3, 9),
        visit_end=date(FOLLOW_UP_YEAR, 3, 10),
    )
    for membership in previous.team.all():
        TeamMembership.objects.create(evaluation=following, user=membership.user, role=membership.role)
    _score_first_areas(following, previous)
    return True


def _score_first_areas(following: Evaluation, previous: Evaluation) -> None:
    """The team has agreed scores for areas 1–3 so far: a little higher than last time where it was not full."""
    before = {s.question_id: s for s in previous.question_scores.all()}
    scores = []
    for area in following.version.areas.filter(number__lte=3).prefetch_related("questions"):
        for q in area.questions.all():
            old = before.get(q.pk)
            points = min(q.max_points, (old.points if old else 0) + (1 if q.number % 2 else 0))
            scores.append(QuestionScore(evaluation=following, question=q, points=points, rationale="Demo."))
    QuestionScore.objects.bulk_create(scores)
    refresh_scores(following)
