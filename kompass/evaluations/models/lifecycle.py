"""The record of an evaluation's moves through its lifecycle (who moved it, from what, to what, when)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.evaluations.enums import Status


class StatusChange(models.Model):
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("utvärdering")
    )
    from_status = models.CharField(_("från"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("till"), max_length=20, choices=Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True)

    class Meta:
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.get_from_status_display()} → {self.get_to_status_display()}"
