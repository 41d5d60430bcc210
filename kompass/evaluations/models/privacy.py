"""The record that an evaluation's personal data was removed: interviewees' names, roles
and organisations, the municipality's proposals of interviewees, and the interview notes. Scores, texts
and the report stay as they were. One record per removal: when, by whom, why and how much."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.evaluations.enums import ErasureReason


class PersonalDataErasure(models.Model):
    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        on_delete=models.CASCADE,
        related_name="personal_data_erasures",
        verbose_name=_("utvärdering"),
    )
    erased_at = models.DateTimeField(_("borttagna"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("borttagna av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(_("skäl"), max_length=12, choices=ErasureReason.choices)
    participants = models.PositiveIntegerField(_("avidentifierade deltagare"), default=0)
    proposals = models.PositiveIntegerField(_("borttagna förslag på intervjupersoner"), default=0)
    notes = models.PositiveIntegerField(_("tömda intervjuanteckningar"), default=0)

    class Meta:
        verbose_name = _("borttagning av personuppgifter")
        verbose_name_plural = _("borttagningar av personuppgifter")
        ordering = ["erased_at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.erased_at:%Y-%m-%d}"
