"""Business logic for action plans: creating and editing plans and actions, the overview for management,
reminder selection and sending, and the content the exports and the follow-up lay out.

Every write is atomic and checks its input first; a bad value raises ActionPlanError with a Swedish
message and changes nothing. Edits that started from an older revision raise StaleWriteError."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kompass.actionplans.enums import ActionStatus, Priority, ReminderKind
from kompass.actionplans.models import Action, ActionPlan, PlanPoint, ProgressNote, ReminderSent
from kompass.actionplans.queries import improvement_points
from kompass.assessment.models import Finding
from kompass.core.concurrency import StaleWriteError, conflict, lock_current, lock_list, save_revision
from kompass.core.text import UnsafeTextError, clean_user_text
from kompass.evaluations.models import Evaluation

DUE_SOON_DAYS = 30
TEXT_LIMIT = 5000
ACTION_FIELDS = ("description", "comment", "owner_name", "owner_role", "owner_email", "start", "due", "status")

__all__ = ["ActionPlanError", "StaleWriteError"]


class ActionPlanError(ValueError):
    """Input that cannot be accepted; the message is Swedish and says why."""


# ---------------------------------------------------------------- writes


@transaction.atomic
def create_plan(evaluation: Evaluation, *, by: Any = None) -> ActionPlan:
    """The evaluation's action plan, created if there is none yet (idempotent).
    Raises ActionPlanError for an evaluation that is not published."""
    if not evaluation.is_published:
        raise ActionPlanError("En handlingsplan kan bara göras för en publicerad utvärdering.")
    plan, _created = ActionPlan.objects.get_or_create(evaluation=evaluation, defaults={"created_by": by})
    return plan


def _clean_text(value: Any, *, what: str, required: bool = False, limit: int = TEXT_LIMIT) -> str:
    try:
        text = clean_user_text(str(value or "")).strip()  # the text rule of every form (kompass.core.text)
    except UnsafeTextError as exc:
        raise ActionPlanError(_("%(what)s: %(error)s") % {"what": what, "error": exc}) from None
    if required and not text:
        raise ActionPlanError(_("%(what)s måste fyllas i.") % {"what": what})
    if len(text) > limit:
        raise ActionPlanError(
            _("%(what)s: texten är för lång (högst %(limit)s tecken, fick %(n_text)s).")
            % {"what": what, "limit": limit, "n_text": len(text)}
        )
    return text


def _clean_action_fields(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(ACTION_FIELDS)
    if unknown:
        raise ActionPlanError(_("Okända fält: %(value)s.") % {"value": ", ".join(sorted(unknown))})
    status = values.get("status") or ActionStatus.NOT_STARTED
    if status not in ActionStatus.values:
        raise ActionPlanError(_("Okänd status ”%(status)s”.") % {"status": status})
    start, due = values.get("start"), values.get("due")
    for name, value in (("Start", start), ("Klart", due)):
        if value is not None and not isinstance(value, date):
            raise ActionPlanError(_("%(name)s: ”%(value)s” är inte ett datum.") % {"name": name, "value": value})
    email = _clean_text(values.get("owner_email"), what="Ansvarigs e-post", limit=254)
    return {
        "description": _clean_text(values.get("description"), what="Åtgärd/aktivitet", required=True),
        "comment": _clean_text(values.get("comment"), what="Kommentar"),
        "owner_name": _clean_text(values.get("owner_name"), what="Ansvarig", limit=200),
        "owner_role": _clean_text(values.get("owner_role"), what="Ansvarigs roll", limit=200),
        "owner_email": email,
        "start": start,
        "due": due,
        "status": status,
    }


def _improvement_point(plan: ActionPlan, finding_id: Any) -> Finding:
    point = improvement_points(plan.evaluation).filter(pk=_as_int(finding_id)).first()
    if point is None:
        raise ActionPlanError("Förbättringsmöjligheten finns inte i den här utvärderingen.")
    return point


def _as_int(value: Any) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return -1


def _validate(action: Action) -> None:
    """The model's rules (Action.clean: dates; EmailValidator: the owner's address) as ActionPlanError."""
    try:
        action.full_clean(exclude=["plan", "finding", "updated_by"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        if "owner_email" in exc.message_dict:
            raise ActionPlanError(
                _("Ansvarigs e-post: ”%(email)s” är ingen e-postadress.") % {"email": action.owner_email}
            ) from None
        raise ActionPlanError(" ".join(exc.messages)) from None


@transaction.atomic
def add_action(
    plan: ActionPlan, *, finding_id: Any, by: Any = None, expected_count: int | None = None, **values: Any
) -> Action:
    """Add an action to one of the evaluation's improvement points. `expected_count` is the number of
    actions the point had when the form was rendered: an action added meanwhile (also at the same moment)
    raises StaleWriteError showing it. Side effect: the new Action row."""
    point = _improvement_point(plan, finding_id)
    action = Action(plan=plan, finding=point, updated_by=by, **_clean_action_fields(values))
    _validate(action)
    lock_list(
        Finding.objects.filter(pk=point.pk),
        Action.objects.filter(plan=plan, finding=point),
        expected=expected_count,
        what=_("Listan med åtgärder för förbättringsmöjligheten"),
    )
    action.save()
    return action


@transaction.atomic
def update_action(action: Action, *, expected_revision: int | None, by: Any = None, **values: Any) -> Action:
    """Change an action. If someone saved it since `expected_revision`, raise StaleWriteError with their
    version and change nothing. Side effect: the revision goes up by one."""
    cleaned = _clean_action_fields(values)
    current = lock_current(Action, expected=expected_revision, what=_("Åtgärden"), pk=action.pk)
    if current is None:
        raise ActionPlanError("Åtgärden finns inte längre.")
    for name, value in cleaned.items():
        setattr(current, name, value)
    current.updated_by = by
    _validate(current)
    return save_revision(current, what=_("Åtgärden"))


@transaction.atomic
def add_progress_note(action: Action, *, text: Any, on: date, by: Any = None) -> ProgressNote:
    """Add a dated progress note to an action. Side effect: the new ProgressNote row."""
    if not isinstance(on, date):
        raise ActionPlanError(_("Datum: ”%(on)s” är inte ett datum.") % {"on": on})
    return ProgressNote.objects.create(
        action=action, date=on, text=_clean_text(text, what="Lägesanteckning", required=True), author=by
    )


@transaction.atomic
def set_priority(
    plan: ActionPlan, *, finding_id: Any, priority: str, expected_revision: int | None, by: Any = None
) -> PlanPoint:
    """Set an improvement point's priority. `expected_revision` is 0 when the point had no priority row
    when the edit began (None: no check); a different stored revision raises StaleWriteError."""
    if priority not in Priority.values:
        raise ActionPlanError(_("Okänd prioritet ”%(priority)s”.") % {"priority": priority})
    point = _improvement_point(plan, finding_id)
    what, saved, lookup = _("Prioriteringen"), _("Den sparade prioriteten"), {"plan": plan, "finding": point}
    row = lock_current(PlanPoint, expected=expected_revision, what=what, saved=saved, **lookup) or PlanPoint(**lookup)
    row.priority, row.updated_by = priority, by
    try:
        return save_revision(row, what=what, lookup=lookup)
    except StaleWriteError as exc:
        raise conflict(exc.current, what=what, saved=saved) from None


@transaction.atomic
def set_public(plan: ActionPlan, *, public: bool) -> ActionPlan:
    """Let everyone read the plan (or stop that). Side effect: the plan becomes public or not."""
    plan.is_public = bool(public)
    plan.save(update_fields=["is_public", "updated_at"])
    return plan


# ---------------------------------------------------------------- the plan as data


@dataclass
class PointRow:
    finding: Finding
    priority: str = ""
    priority_label: str = ""
    revision: int = 0  # 0: no priority saved yet
    actions: list[Action] = field(default_factory=list)
    # Filled by the plan page: the forms for this point and a view of each action.
    add_form: Any = None
    priority_form: Any = None
    action_views: list[Any] = field(default_factory=list)


@dataclass
class AreaGroup:
    number: int
    name: str
    points: list[PointRow] = field(default_factory=list)


def plan_groups(evaluation: Evaluation, plan: ActionPlan | None) -> list[AreaGroup]:
    """The evaluation's improvement points grouped by area, each with its priority and actions (with
    their notes), in a fixed number of queries."""
    priorities = {p.finding_id: p for p in plan.points.all()} if plan else {}
    actions: dict[int, list[Action]] = defaultdict(list)
    if plan is not None:
        notes = Prefetch("notes", queryset=ProgressNote.objects.select_related("author"))
        for action in plan.actions.select_related("updated_by").prefetch_related(notes):
            actions[action.finding_id].append(action)
    groups: dict[int, AreaGroup] = {}
    for finding in improvement_points(evaluation):
        group = groups.setdefault(finding.area.number, AreaGroup(finding.area.number, finding.area.name))
        stored = priorities.get(finding.pk)
        group.points.append(
            PointRow(
                finding=finding,
                priority=stored.priority if stored else "",
                priority_label=str(stored.get_priority_display() if stored else Priority.NONE.label),
                revision=stored.revision if stored else 0,
                actions=actions.get(finding.pk, []),
            )
        )
    return list(groups.values())


# ---------------------------------------------------------------- overview


@dataclass
class Counts:
    points: int = 0
    points_with_actions: int = 0
    actions: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    cancelled: int = 0
    late: int = 0
    due_soon: int = 0

    def share(self, part: int, whole: int) -> int:
        return round(100 * part / whole) if whole else 0

    @property
    def points_with_actions_pct(self) -> int:
        return self.share(self.points_with_actions, self.points)

    @property
    def done_pct(self) -> int:
        return self.share(self.done, self.actions)

    @property
    def late_pct(self) -> int:
        return self.share(self.late, self.actions)

    @property
    def due_soon_pct(self) -> int:
        return self.share(self.due_soon, self.actions)


@dataclass
class AreaCounts:
    number: int
    name: str
    counts: Counts


@dataclass
class Overview:
    today: date
    areas: list[AreaCounts]
    total: Counts


def count_actions(counts: Counts, actions: list[Action], *, today: date) -> None:
    counts.points += 1
    counts.points_with_actions += 1 if actions else 0
    for action in actions:
        counts.actions += 1
        setattr(counts, action.status, getattr(counts, action.status) + 1)
        counts.late += 1 if action.is_late(today) else 0
        counts.due_soon += 1 if action.is_due_soon(today, days=DUE_SOON_DAYS) else 0


def plan_overview(evaluation: Evaluation, plan: ActionPlan | None, *, today: date) -> Overview:
    """Per area and in total: points, points with actions, actions done, late and due within 30 days."""
    total = Counts()
    areas = []
    for group in plan_groups(evaluation, plan):
        counts = Counts()
        for point in group.points:
            count_actions(counts, point.actions, today=today)
            count_actions(total, point.actions, today=today)
        areas.append(AreaCounts(group.number, group.name, counts))
    return Overview(today=today, areas=areas, total=total)


# ---------------------------------------------------------------- reminders


@dataclass(frozen=True)
class Reminder:
    action: Action
    kind: str


def reminders_due(*, today: date) -> list[Reminder]:
    """Which reminders to send today: open actions with an owner's e-mail that are late (due before
    today) or due within 30 days, leaving out those already reminded of the same kind today."""
    already = set(ReminderSent.objects.filter(sent_on=today).values_list("action_id", "kind"))
    candidates = (
        Action.objects.filter(status__in=ActionStatus.open_values(), due__isnull=False)
        .exclude(owner_email="")
        .filter(due__lte=today + timedelta(days=DUE_SOON_DAYS))
        .select_related("plan__evaluation__municipality", "finding__area")
        .order_by("due", "pk")
    )
    reminders = []
    for action in candidates:
        if action.due is None:  # excluded by the query; keeps the type checker informed
            continue
        kind = ReminderKind.LATE if action.due < today else ReminderKind.DUE_SOON
        if (action.pk, kind) not in already:
            reminders.append(Reminder(action, kind))
    return reminders


@dataclass(frozen=True)
class ReminderRun:
    emails: int
    reminders: int


def send_action_reminders(*, today: date) -> ReminderRun:
    """E-mail each owner one message listing their late and soon-due actions, and record each reminder
    (at most one per action, kind and day). Side effects: e-mails and ReminderSent rows. Each owner's
    message is sent inside its own transaction, so a failed send records nothing for that owner."""
    by_recipient: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders_due(today=today):
        by_recipient[reminder.action.owner_email.lower()].append(reminder)
    emails = sent = 0
    for recipient, reminders in sorted(by_recipient.items()):
        with transaction.atomic():
            created = ReminderSent.objects.bulk_create(
                [ReminderSent(action=r.action, kind=r.kind, sent_on=today, recipient=recipient) for r in reminders],
                ignore_conflicts=True,
            )
            if not created:
                continue
            send_mail(
                subject=reminder_subject(reminders),
                message=reminder_text(reminders, today=today),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[reminders[0].action.owner_email],
            )
        emails += 1
        sent += len(reminders)
    return ReminderRun(emails=emails, reminders=sent)


def reminder_subject(reminders: list[Reminder]) -> str:
    late = sum(1 for r in reminders if r.kind == ReminderKind.LATE)
    soon = len(reminders) - late
    parts = []
    if late:
        parts.append(f"{late} försenad{'e' if late > 1 else ''}")
    if soon:
        parts.append(_("%(soon)s snart dags") % {"soon": soon})
    return _("Påminnelse om handlingsplanen: %(value)s") % {"value": " och ".join(parts)}


def reminder_text(reminders: list[Reminder], *, today: date) -> str:
    lines = [
        "Hej!",
        "",
        "Det här är en påminnelse från kompass om åtgärder i handlingsplanen där du står som ansvarig.",
        "",
    ]
    for reminder in reminders:
        action = reminder.action
        due = action.due or today
        days = (due - today).days
        when = (
            _("skulle ha varit klar %(due)s (%(days)s dagar sedan)") % {"due": due.isoformat(), "days": -days}
            if reminder.kind == ReminderKind.LATE
            else _("ska vara klar %(due)s (om %(days)s dagar)") % {"due": due.isoformat(), "days": days}
        )
        lines += [
            f"• {action.description}",
            f"  {action.plan.evaluation.municipality} – område {action.finding.area.number}: {action.finding.text}",
            f"  Status: {action.get_status_display()}; {when}.",
            "",
        ]
    lines += [
        "Uppdatera status och lägesanteckningar i handlingsplanen i kompass.",
        "",
        "Vänliga hälsningar",
        "kompass",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- content for the exports


EXPORT_COLUMNS = ["Förbättringsmöjlighet", "Kommentar", "Åtgärd/aktivitet", "Start", "Klart", "Ansvarig", "Status"]


@dataclass
class ExportRow:
    area: str
    priority: str
    point: str
    comment: str
    action: str
    start: date | None
    due: date | None
    owner: str
    status: str

    def cells(self) -> list[str]:
        """The seven columns municipalities use, as text."""
        return [
            self.point,
            self.comment,
            self.action,
            self.start.isoformat() if self.start else "",
            self.due.isoformat() if self.due else "",
            self.owner,
            self.status,
        ]


@dataclass
class PlanExport:
    title: str
    municipality: str
    evaluation_key: str
    rows: list[ExportRow]
    areas: list[tuple[str, list[ExportRow]]]


def export_content(evaluation: Evaluation, plan: ActionPlan | None) -> PlanExport:
    """The plan as rows for Excel, Word and PDF: one row per action, and one row with empty action
    cells for a point without actions, so no improvement point is left out."""
    areas = []
    rows = []
    for group in plan_groups(evaluation, plan):
        area_label = f"{group.number}. {group.name}"
        area_rows = []
        for point in group.points:
            base = {
                "area": area_label,
                "priority": point.priority_label if point.priority else "",
                "point": point.finding.text,
            }
            if not point.actions:
                area_rows.append(ExportRow(**base, comment="", action="", start=None, due=None, owner="", status=""))
            for action in point.actions:
                owner = ", ".join(p for p in (action.owner_name, action.owner_role, action.owner_email) if p)
                area_rows.append(
                    ExportRow(
                        **base,
                        comment=action.comment,
                        action=action.description,
                        start=action.start,
                        due=action.due,
                        owner=owner,
                        status=str(action.get_status_display()),
                    )
                )
        areas.append((area_label, area_rows))
        rows += area_rows
    return PlanExport(
        title=f"Handlingsplan – {evaluation.municipality} {evaluation.year}",
        municipality=str(evaluation.municipality),
        evaluation_key=evaluation.key,
        rows=rows,
        areas=areas,
    )
