"""Action plans: after a published evaluation the municipality turns the report's
improvement points (`assessment.Finding` of kind IMPROVEMENT) into actions, follows them up with dated
notes, and at the next evaluation the team sees what happened."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.actionplans.enums import ActionStatus, Priority, ReminderKind
from kompass.core.models import Revisioned


class ActionPlan(models.Model):
    """The municipality's plan for one published evaluation (at most one per evaluation)."""

    evaluation = models.OneToOneField(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="action_plan", verbose_name=_("utvärdering")
    )
    is_public = models.BooleanField(
        _("publicerad"), default=False, help_text=_("Kommunen väljer om planen ska kunna läsas av alla.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")

    def __str__(self) -> str:
        return f"Handlingsplan {self.evaluation}"


class PlanPoint(Revisioned):
    """The municipality's priority for one improvement point. A missing row means not prioritised."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="points")
    finding = models.ForeignKey("assessment.Finding", on_delete=models.CASCADE, related_name="+")
    priority = models.CharField(_("prioritet"), max_length=10, choices=Priority.choices, blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("prioritering")
        verbose_name_plural = _("prioriteringar")
        constraints = [models.UniqueConstraint(fields=["plan", "finding"], name="unique_plan_point")]

    def __str__(self) -> str:
        return f"{self.finding}: {self.get_priority_display()}"

    def version_text(self) -> str:
        return str(self.get_priority_display() or Priority.NONE.label)


class Action(Revisioned):
    """One action (åtgärd/aktivitet) for an improvement point. `revision` guards against lost updates."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    finding = models.ForeignKey(
        "assessment.Finding", on_delete=models.CASCADE, related_name="actions", verbose_name=_("förbättringsmöjlighet")
    )
    description = models.TextField(_("åtgärd/aktivitet"))
    comment = models.TextField(_("kommentar"), blank=True)
    owner_name = models.CharField(_("ansvarig"), max_length=200, blank=True)
    owner_role = models.CharField(_("ansvarigs roll"), max_length=200, blank=True)
    owner_email = models.EmailField(_("ansvarigs e-post"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    due = models.DateField(_("klart"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("åtgärd")
        verbose_name_plural = _("åtgärder")
        ordering = ["finding__area__number", "finding__position", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__isnull=True)
                | models.Q(due__isnull=True)
                | models.Q(due__gte=models.F("start")),
                name="action_due_not_before_start",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        """The one place of the date rule (the form shows it, the service refuses by it, the database
        checks it once more)."""
        if self.start and self.due and self.due < self.start:
            raise ValidationError({"due": _("Klart-datumet kan inte vara före startdatumet.")})

    def version_text(self) -> str:
        start = self.start.isoformat() if self.start else _("ej angiven")
        due = self.due.isoformat() if self.due else _("ej angiven")
        return _(
            "”%(description)s” – status %(status)s, start %(start)s, klart %(due)s, ansvarig %(owner)s, "
            "kommentar ”%(comment)s”"
        ) % {
            "description": self.description,
            "status": self.get_status_display(),
            "start": start,
            "due": due,
            "owner": self.owner_label or _("ingen angiven"),
            "comment": self.comment,
        }

    @property
    def is_open(self) -> bool:
        return self.status in ActionStatus.open_values()

    def is_late(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    def is_due_soon(self, today: date, *, days: int = 30) -> bool:
        return self.is_open and self.due is not None and 0 <= (self.due - today).days <= days

    @property
    def owner_label(self) -> str:
        return ", ".join(part for part in (self.owner_name, self.owner_role) if part)


class ProgressNote(models.Model):
    """A dated note on how an action is going."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    date = models.DateField(_("datum"))
    text = models.TextField(_("anteckning"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lägesanteckning")
        verbose_name_plural = _("lägesanteckningar")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date}: {self.text[:60]}"


class ReminderSent(models.Model):
    """A reminder e-mailed about an action: at most one per action, kind and day."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("slag"), max_length=10, choices=ReminderKind.choices)
    sent_on = models.DateField(_("skickad"))
    recipient = models.EmailField(_("mottagare"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(fields=["action", "kind", "sent_on"], name="one_reminder_per_action_kind_day")
        ]

    def __str__(self) -> str:
        return f"{self.sent_on} {self.kind} → {self.recipient}"
