from django.db import models
from django.utils.translation import gettext_lazy as _

SCOPE_LABELS = {"Sweden": _("Sverige")}


class ReferenceAverage(models.Model):
    """An average or median that SKL/SKR published. Kept apart from averages computed over kompass's own
    database: it covers evaluations we do not have, so the two are never mixed."""

    class Statistic(models.TextChoices):
        MEAN = "mean", _("medelvärde")
        MEDIAN = "median", _("median")

    scope = models.CharField(_("omfattning"), max_length=100, help_text=_("T.ex. Sweden eller ett län."))
    period = models.CharField(_("period"), max_length=20)
    version = models.ForeignKey("criteria.CriteriaVersion", on_delete=models.PROTECT, related_name="+")
    statistic = models.CharField(_("mått"), max_length=10, choices=Statistic.choices)
    area_values = models.JSONField(
        _("värden per område"),
        default=dict,
        blank=True,
        help_text=_("Områdesnummer → värde; saknade områden finns inte med."),
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1, null=True, blank=True)
    source_url = models.URLField(_("källa"), max_length=500, blank=True)
    notes = models.TextField(_("anteckningar"), blank=True)

    class Meta:
        verbose_name = _("publicerat referensvärde")
        verbose_name_plural = _("publicerade referensvärden")
        ordering = ["version__used_from", "period"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "period", "version", "statistic"], name="unique_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.get_statistic_display()} {self.scope_label} {self.period} ({self.version.code})"

    @property
    def scope_label(self) -> str:
        """The scope in Swedish: the data file says "Sweden" for the whole country."""
        return str(SCOPE_LABELS.get(self.scope, self.scope))
