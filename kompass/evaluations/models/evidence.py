"""Evidence from the three sources — interviews, documents, the website — each
linked to the questions it bears on. Interview notes are personal data: team and administrators only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned


class _Evidence(Revisioned):
    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, verbose_name=_("utvärdering"))
    questions = models.ManyToManyField("criteria.Question", verbose_name=_("frågor"), related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registrerat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registrerat"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrat av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrat"), auto_now=True, null=True)

    class Meta:
        abstract = True
        ordering = ["pk"]


class InterviewNote(_Evidence):
    group = models.ForeignKey(
        "evaluations.InterviewGroup",
        on_delete=models.PROTECT,
        related_name="notes",
        verbose_name=_("intervjugrupp"),
    )
    text = models.TextField(_("anteckning"))

    class Meta(_Evidence.Meta):
        verbose_name = _("intervjuanteckning")
        verbose_name_plural = _("intervjuanteckningar")
        default_related_name = "interview_notes"

    def __str__(self) -> str:
        return self.text[:80]

    def version_text(self) -> str:
        return f"{self.group} – ”{self.text}”"


class DocumentReference(_Evidence):
    title = models.CharField(_("titel"), max_length=300)
    date = models.DateField(_("datum"), null=True, blank=True)
    page = models.CharField(_("sida"), max_length=50, blank=True)
    note = models.TextField(_("vad dokumentet visar"), blank=True)

    class Meta(_Evidence.Meta):
        verbose_name = _("dokumentreferens")
        verbose_name_plural = _("dokumentreferenser")
        default_related_name = "document_references"

    def __str__(self) -> str:
        return self.title

    def version_text(self) -> str:
        parts = [self.title, self.date.isoformat() if self.date else "", self.page]
        return f"{', '.join(p for p in parts if p)} – ”{self.note}”"


class WebsiteObservation(_Evidence):
    url = models.URLField(_("adress"), max_length=500)
    seen_on = models.DateField(_("datum då sidan besöktes"))
    finding = models.TextField(_("vad som hittades"))

    class Meta(_Evidence.Meta):
        verbose_name = _("iakttagelse på webbplatsen")
        verbose_name_plural = _("iakttagelser på webbplatsen")
        default_related_name = "website_observations"

    def __str__(self) -> str:
        return self.url

    def version_text(self) -> str:
        return f"{self.url} ({self.seen_on}) – ”{self.finding}”"
