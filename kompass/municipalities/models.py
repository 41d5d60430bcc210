from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.municipalities.enums import Kommungrupp


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, primary_key=True)
    name = models.CharField(_("namn"), max_length=100)
    short_name = models.CharField(_("kort namn"), max_length=100)

    class Meta:
        verbose_name = _("län")
        verbose_name_plural = _("län")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality in SCB's registry (or a clearly marked demo municipality with a code outside it)."""

    code = models.CharField(_("kommunkod"), max_length=4, primary_key=True)
    name = models.CharField(_("officiellt namn"), max_length=100)
    short_name = models.CharField(_("namn"), max_length=100, db_index=True)
    county = models.ForeignKey(County, verbose_name=_("län"), on_delete=models.PROTECT, null=True, blank=True)
    is_demo = models.BooleanField(_("demokommun"), default=False)
    is_synthetic = models.BooleanField(
        _("syntetisk kommun"),
        default=False,
        help_text=_("Skapad av `kompass synthetic` för mätningar; finns bara i en separat databas."),
    )
    kommungrupp = models.CharField(
        _("kommungrupp (SKR 2017)"), max_length=2, choices=Kommungrupp.choices, blank=True, db_index=True
    )
    kommungrupp_source = models.CharField(_("källa för kommungrupp"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    @property
    def kommungrupp_name(self) -> str:
        return str(Kommungrupp(self.kommungrupp).label) if self.kommungrupp else ""


class KeyFigure(models.Model):
    """A key figure for a municipality and year (population, area, employees …), from a file or Kolada."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="key_figures")
    year = models.PositiveSmallIntegerField(_("år"))
    name = models.CharField(_("nyckeltal"), max_length=60)
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=2)
    unit = models.CharField(_("enhet"), max_length=30, blank=True)
    source = models.CharField(_("källa"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("nyckeltal")
        verbose_name_plural = _("nyckeltal")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "name"], name="unique_key_figure"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year} {self.name}"
