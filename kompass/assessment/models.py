"""Team work material for scoring and the change history of scores and texts.

Individual scores are personal work material of the team: never shown to the municipality or the public,
and hidden from colleagues until every evaluator of the team has submitted the area (see services)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompass.assessment.enums import ChangeAction, ChangeKind
from kompass.core.models import Revisioned


class EvaluatorScore(Revisioned):
    """One evaluator's own score for one question, given before the team agrees a consensus."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="evaluator_scores")
    question = models.ForeignKey("criteria.Question", on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("poäng"), max_digits=5, decimal_places=1)
    rationale = models.TextField(_("motivering"), blank=True)
    evidence = models.TextField(_("belägg"), blank=True, help_text=_("Till exempel dokument, sida eller intervju."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("individuell poäng")
        verbose_name_plural = _("individuella poäng")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "question", "evaluator"], name="unique_evaluator_score"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="evaluator_points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} {self.question_id}: {self.points}"

    @property
    def changed_by(self) -> object:
        return self.evaluator

    def version_text(self) -> str:
        return f"{self.points} poäng – ”{self.rationale}”"


class AreaSubmission(models.Model):
    """An evaluator has finished scoring an area; their scores for it are then locked."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="area_submissions")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("inlämnad"), default=timezone.now)

    class Meta:
        verbose_name = _("inlämnat område")
        verbose_name_plural = _("inlämnade områden")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "area", "evaluator"], name="unique_area_submission"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} {self.area_id}"


class ChangeRecord(models.Model):
    """One change to a score or a text: who, when, before and after (None when created or deleted).

    Written by signals (kompass/assessment/signals.py), so changes made by services, imports, the admin
    or the shell are all kept. Bulk operations (bulk_create, queryset.update) bypass signals."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="change_records")
    kind = models.CharField(_("slag"), max_length=20, choices=ChangeKind.choices)
    action = models.CharField(_("ändring"), max_length=10, choices=ChangeAction.choices)
    object_id = models.PositiveBigIntegerField()
    area = models.ForeignKey("criteria.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    question = models.ForeignKey("criteria.Question", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("utvärderare"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("För individuella poäng: vems poäng."),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("tidpunkt"), default=timezone.now, db_index=True)
    before = models.JSONField(_("före"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)

    class Meta:
        verbose_name = _("ändring")
        verbose_name_plural = _("ändringshistorik")
        ordering = ["-changed_at", "-pk"]
        indexes = [
            models.Index(fields=["evaluation", "area"]),
            models.Index(fields=["evaluation", "question"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_action_display()} {self.changed_at:%Y-%m-%d %H:%M}"
