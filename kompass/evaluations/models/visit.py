"""The visit plan: interview groups with times and participants. Participant lists
are personal data: the team and administrators only (the permission evaluations.view_internal)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned


class InterviewGroup(Revisioned):
    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        on_delete=models.CASCADE,
        related_name="interview_groups",
        verbose_name=_("utvärdering"),
    )
    name = models.CharField(_("namn"), max_length=200)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    starts_at = models.DateTimeField(_("börjar"), null=True, blank=True)
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    location = models.CharField(_("plats"), max_length=200, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ändrad av"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True, null=True)

    class Meta:
        verbose_name = _("intervjugrupp")
        verbose_name_plural = _("intervjugrupper")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The one place of the visit plan's time rules (forms and services both end up here)."""
        if not self.name.strip():
            raise ValidationError({"name": _("Gruppen måste ha ett namn.")})
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Intervjun måste sluta efter att den börjar.")})
        if self.ends_at and not self.starts_at:
            raise ValidationError({"starts_at": _("Ange när intervjun börjar om du anger när den slutar.")})

    def version_text(self) -> str:
        when = " – ".join(f"{t:%Y-%m-%d %H:%M}" for t in (self.starts_at, self.ends_at) if t)
        return ", ".join(part for part in (f"”{self.name}”", when, self.location) if part)


class Participant(models.Model):
    group = models.ForeignKey(
        InterviewGroup, on_delete=models.CASCADE, related_name="participants", verbose_name=_("intervjugrupp")
    )
    name = models.CharField(_("namn"), max_length=200)
    role = models.CharField(_("befattning eller uppdrag"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name, or a stand-in once the evaluation's personal data was removed (services/privacy.py)."""
        return self.name or str(_("Intervjuperson (uppgifterna borttagna)"))
