"""The visit plan (PRODUCT.md §4 step 3): interview groups with times and participants. Participant lists
are personal data: the team and administrators only (the permission evaluations.view_internal)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterviewGroup(models.Model):
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

    class Meta:
        verbose_name = _("intervjugrupp")
        verbose_name_plural = _("intervjugrupper")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


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
