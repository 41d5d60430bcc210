"""The written part of an evaluation: per area Allmänt, a text per sub-area,
Styrkor and Förbättringsmöjligheter as ordered lists, and municipalities worth looking at."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned
from kompass.evaluations.enums import FindingKind


class AreaText(Revisioned):
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="area_texts")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    general_text = models.TextField(_("Allmänt"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
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
        verbose_name = _("kommun att titta närmare på")
        verbose_name_plural = _("kommuner att titta närmare på")
        ordering = ["area__number", "position"]

    def __str__(self) -> str:
        return self.name
