"""Team work material for scoring and the change history of scores and texts.

Individual scores are personal work material of the team: never shown to the municipality or the public,
and hidden from colleagues until every evaluator of the team has submitted the area (see services)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompass.assessment.enums import ChangeAction, ChangeKind
from kompass.core.models import Revisioned
from kompass.evaluations.enums import FindingKind


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


# ---------------------------------------------------------------- the written part of an evaluation
# Per area Allmänt, a text per sub-area, Styrkor and Förbättringsmöjligheter as ordered lists, and
# municipalities worth looking at: written on the writing pages (assessment.services) and by the importer.


class AreaText(Revisioned):
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="area_texts")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    general_text = models.TextField(_("Allmänt"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "evaluations_areatext"  # the table from before the model moved here
        verbose_name = _("områdestext")
        verbose_name_plural = _("områdestexter")
        constraints = [models.UniqueConstraint(fields=["evaluation", "area"], name="unique_area_text")]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.area}"

    def version_text(self) -> str:
        return f"”{self.general_text}”"


class SubAreaText(Revisioned):
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="subarea_texts")
    subarea = models.ForeignKey("criteria.SubArea", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    heading = models.CharField(_("rubrik"), max_length=300, help_text=_("Rubriken som den står i rapporten."))
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "evaluations_subareatext"  # the table from before the model moved here
        verbose_name = _("delområdestext")
        verbose_name_plural = _("delområdestexter")
        ordering = ["area__number", "position"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "subarea"], name="unique_subarea_text")]

    def __str__(self) -> str:
        return self.heading

    def version_text(self) -> str:
        return f"”{self.text}”"


class Finding(Revisioned):
    """One item of an area's Styrkor or Förbättringsmöjligheter list. Improvement points are where the
    municipality's action plan begins."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="findings")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("slag"), max_length=12, choices=FindingKind.choices)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        db_table = "evaluations_finding"  # the table from before the model moved here
        verbose_name = _("styrka eller förbättringsmöjlighet")
        verbose_name_plural = _("styrkor och förbättringsmöjligheter")
        ordering = ["area__number", "kind", "position"]

    def __str__(self) -> str:
        return self.text[:80]

    def version_text(self) -> str:
        return f"”{self.text}”"


class ReferenceMunicipality(models.Model):
    """A municipality the report names as worth looking at ("kommuner att titta närmare på")."""

    evaluation = models.ForeignKey(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="reference_municipalities"
    )
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    municipality = models.ForeignKey(
        "municipalities.Municipality", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("namn som i rapporten"), max_length=200)
    theme = models.CharField(_("tema"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        db_table = "evaluations_referencemunicipality"  # the table from before the model moved here
        verbose_name = _("kommun att titta närmare på")
        verbose_name_plural = _("kommuner att titta närmare på")
        ordering = ["area__number", "position"]

    def __str__(self) -> str:
        return self.name
