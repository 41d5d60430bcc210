"""Kortfakta om kommunen (report chapter 5), entered per evaluation by the team. Fields left empty fall back
to the municipality's key figures (`municipalities.KeyFigure`) and otherwise read "uppgift saknas"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.core.models import Revisioned


class KeyFacts(Revisioned):
    evaluation = models.OneToOneField(
        "evaluations.Evaluation", on_delete=models.CASCADE, related_name="key_facts", verbose_name=_("utvärdering")
    )
    population = models.PositiveIntegerField(_("invånare"), null=True, blank=True)
    area_km2 = models.DecimalField(_("yta (km²)"), max_digits=9, decimal_places=1, null=True, blank=True)
    employees = models.PositiveIntegerField(_("anställda"), null=True, blank=True)
    budget_msek = models.DecimalField(
        _("budget (miljoner kronor)"), max_digits=10, decimal_places=1, null=True, blank=True
    )
    political_majority = models.CharField(_("politisk majoritet"), max_length=300, blank=True)
    other = models.TextField(
        _("övrigt"), blank=True, help_text=_("En uppgift per rad, till exempel ”Skattesats: 21,50 %”.")
    )
    source = models.CharField(_("källa"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("kortfakta om kommunen")
        verbose_name_plural = _("kortfakta om kommunen")

    def __str__(self) -> str:
        return f"{self.evaluation}"

    def version_text(self) -> str:
        names = ["population", "area_km2", "employees", "budget_msek", "political_majority", "other", "source"]
        values = [(getattr(self._meta.get_field(n), "verbose_name", n), getattr(self, n)) for n in names]
        return "; ".join(f"{label} {value}" for label, value in values if value not in (None, ""))
