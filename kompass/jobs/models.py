"""A job: long work that runs in the background worker while the person who started it follows it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.jobs.enums import JobStatus


class Job(models.Model):
    kind = models.CharField(_("slag"), max_length=100, help_text=_("Uppgiftens namn i arbetaren."))
    title = models.CharField(_("rubrik"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField(_("klara"), default=0)
    total = models.PositiveIntegerField(_("totalt"), default=0)
    message = models.TextField(_("meddelande"), blank=True)
    result = models.JSONField(_("resultat"), default=dict, blank=True)
    result_file = models.CharField(
        _("resultatfil"), max_length=200, blank=True, help_text=_("Filnamn i jobbmappen (KOMPASS_DATA_DIR/jobs).")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("startat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapat"), auto_now_add=True)
    started_at = models.DateTimeField(_("påbörjat"), null=True, blank=True)
    finished_at = models.DateTimeField(_("avslutat"), null=True, blank=True)

    class Meta:
        verbose_name = _("jobb")
        verbose_name_plural = _("jobb")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
