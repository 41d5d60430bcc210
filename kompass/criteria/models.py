from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.criteria.enums import Comparability, Edition


class FrozenVersionError(Exception):
    """Raised when something tries to change a criteria version that an evaluation has used."""


class CriteriaVersion(models.Model):
    code = models.SlugField(_("kod"), max_length=30, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    edition = models.CharField(_("utgåva"), max_length=20, choices=Edition.choices, default=Edition.KOMPASS)
    used_from = models.PositiveSmallIntegerField(_("använd från år"))
    used_to = models.PositiveSmallIntegerField(_("använd till år"), null=True, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    about = models.TextField(_("standardtext: Vad är Kommunkompassen?"), blank=True)
    checksum = models.CharField(_("kontrollsumma"), max_length=64, editable=False)
    source_name = models.CharField(_("källfil"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("inläst"), auto_now=True)

    class Meta:
        verbose_name = _("kriterieversion")
        verbose_name_plural = _("kriterieversioner")
        ordering = ["used_from"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def is_frozen(self) -> bool:
        """A version that an evaluation has used may not change: its scores were given against it."""
        return self.pk is not None and self.evaluations.exists()

    @property
    def has_questions(self) -> bool:
        return Question.objects.filter(area__version=self).exists()

    def years_label(self) -> str:
        return f"{self.used_from}–{self.used_to or ''}"


class _FrozenGuard(models.Model):
    """Refuses saving a part of a frozen version, whoever tries (admin, shell, services)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version().is_frozen:
            raise FrozenVersionError(
                _("Kriterieversionen %(code)s används av en utvärdering och kan inte ändras.")
                % {"code": self._version().code}
            )
        super().save(*args, **kwargs)

    def _version(self) -> CriteriaVersion:
        raise NotImplementedError


class Area(_FrozenGuard):
    version = models.ForeignKey(CriteriaVersion, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("namn"), max_length=200)
    aliases = models.JSONField(_("andra stavningar"), default=list, blank=True)
    perspective = models.CharField(_("perspektiv"), max_length=200, blank=True)
    proposal = models.BooleanField(_("kompass förslag"), default=False)
    general_text = models.TextField(_("standardtext: Allmänt"), blank=True)

    class Meta:
        verbose_name = _("huvudområde")
        verbose_name_plural = _("huvudområden")
        ordering = ["version", "number"]
        constraints = [models.UniqueConstraint(fields=["version", "number"], name="unique_area_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def _version(self) -> CriteriaVersion:
        return self.version

    @property
    def max_points(self) -> Decimal:
        return Decimal(100)


class SubArea(_FrozenGuard):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="subareas")
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("namn"), max_length=200)
    proposal = models.BooleanField(_("kompass förslag"), default=False)

    class Meta:
        verbose_name = _("delområde")
        verbose_name_plural = _("delområden")
        ordering = ["area", "number"]
        constraints = [models.UniqueConstraint(fields=["area", "number"], name="unique_subarea_number")]

    def __str__(self) -> str:
        return f"{self.area.number}.{self.number} {self.name}"

    def _version(self) -> CriteriaVersion:
        return self.area.version


class Question(_FrozenGuard):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="questions")
    subarea = models.ForeignKey(SubArea, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(_("id"), max_length=20)
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("fråga"))
    max_points = models.DecimalField(_("maxpoäng"), max_digits=5, decimal_places=1)
    guidance = models.TextField(_("vägledning för utvärderaren"), blank=True)

    class Meta:
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")
        ordering = ["area__number", "subarea__number", "number"]
        constraints = [models.UniqueConstraint(fields=["area", "code"], name="unique_question_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    def _version(self) -> CriteriaVersion:
        return self.area.version


class AreaMapping(models.Model):
    """How an area of one version corresponds to an area of another."""

    from_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="mappings_out")
    to_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="mappings_in")
    comparability = models.CharField(_("jämförbarhet"), max_length=10, choices=Comparability.choices)
    note = models.TextField(_("kommentar"), blank=True)

    class Meta:
        verbose_name = _("områdesmappning")
        verbose_name_plural = _("områdesmappningar")
        constraints = [models.UniqueConstraint(fields=["from_area", "to_area"], name="unique_area_mapping")]

    def __str__(self) -> str:
        return (
            f"{self.from_area.version.code} {self.from_area.number} → {self.to_area.version.code} {self.to_area.number}"
        )
