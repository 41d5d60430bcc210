from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned
from kompass.evaluations.enums import ScoreSource


class QuestionScore(Revisioned):
    """The team's agreed (consensus) score for one question. `revision` guards against lost updates:
    a save that started from an older revision is refused (see services.score_question)."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="question_scores")
    question = models.ForeignKey("criteria.Question", on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("poäng"), max_digits=5, decimal_places=1)
    rationale = models.TextField(_("motivering"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("frågepoäng")
        verbose_name_plural = _("frågepoäng")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "question"], name="unique_question_score"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="question_points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.question.code}: {self.points}"

    def version_text(self) -> str:
        return f"{self.points} poäng – ”{self.rationale}”"


class AreaScore(models.Model):
    """An area's score for an evaluation: published (historical reports) or computed from question scores.
    A missing row means the score is not known — never zero."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="area_scores")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("poäng"), max_digits=5, decimal_places=1)
    source = models.CharField(_("källa"), max_length=10, choices=ScoreSource.choices)
    is_complete = models.BooleanField(
        _("komplett"), default=True, help_text=_("Falskt när alla frågor i området ännu inte har poäng.")
    )

    class Meta:
        verbose_name = _("områdespoäng")
        verbose_name_plural = _("områdespoäng")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "area"], name="unique_area_score"),
            models.CheckConstraint(condition=models.Q(points__gte=0, points__lte=100), name="area_points_0_100"),
        ]
        indexes = [models.Index(fields=["area", "is_complete"])]

    def __str__(self) -> str:
        return f"{self.area}: {self.points}"


class SubAreaScore(models.Model):
    """A sub-area's points as a report published them (its points overview), for historical evaluations."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="subarea_scores")
    subarea = models.ForeignKey("criteria.SubArea", on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("poäng"), max_digits=5, decimal_places=1)
    max_points = models.DecimalField(_("maxpoäng"), max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = _("delområdespoäng")
        verbose_name_plural = _("delområdespoäng")
        constraints = [models.UniqueConstraint(fields=["evaluation", "subarea"], name="unique_subarea_score")]

    def __str__(self) -> str:
        return f"{self.subarea}: {self.points}"
