from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kompass.evaluations.enums import Origin, Status, TeamRole


class Evaluation(models.Model):
    """One Kommunkompassen evaluation of one municipality against one criteria version.

    Totals are stored as published and as computed, never "corrected": `printed_total` is what the report
    printed, `computed_total` the sum of the eight area scores when all are known, and `total` the figure
    comparisons use (the printed one when there is one)."""

    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    version = models.ForeignKey(
        "criteria.CriteriaVersion",
        verbose_name=_("kriterieversion"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    sequence = models.PositiveSmallIntegerField(_("löpnummer inom året"), default=1)
    key = models.SlugField(_("beteckning"), max_length=20, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    origin = models.CharField(_("ursprung"), max_length=20, choices=Origin.choices, default=Origin.KOMPASS)
    ordinal = models.PositiveSmallIntegerField(
        _("kommunens utvärdering nr"),
        null=True,
        blank=True,
        help_text=_("Vilken utvärdering i ordningen detta är för kommunen, om det är känt."),
    )
    visit_start = models.DateField(_("besöket börjar"), null=True, blank=True)
    visit_end = models.DateField(_("besöket slutar"), null=True, blank=True)
    feedback_date = models.DateField(_("återkopplingsmöte"), null=True, blank=True)
    report_date = models.DateField(_("rapportdatum"), null=True, blank=True)
    evaluator_names = models.JSONField(
        _("utvärderare (som publicerat)"),
        default=list,
        blank=True,
        help_text=_("Lista med {name, organisation} för utvärderingar som inte gjorts i kompass."),
    )
    printed_total = models.DecimalField(
        _("totalpoäng enligt rapporten"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    computed_total = models.DecimalField(
        _("summa av områdena"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False
    )
    total = models.DecimalField(
        _("totalpoäng"), max_digits=5, decimal_places=1, null=True, blank=True, editable=False, db_index=True
    )
    source_url = models.CharField(_("källa"), max_length=500, blank=True, help_text=_("Adress eller dokument."))
    notes = models.TextField(_("anteckningar"), blank=True)
    published_at = models.DateTimeField(_("publicerad"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")
        ordering = ["-year", "municipality__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "sequence"], name="unique_evaluation_year_seq"),
            models.CheckConstraint(
                condition=models.Q(printed_total__gte=0, printed_total__lte=800) | models.Q(printed_total=None),
                name="printed_total_within_0_800",
            ),
        ]
        indexes = [
            models.Index(fields=["version", "status"]),
            # The comparison cache's fingerprint reads the newest change among published evaluations.
            models.Index(fields=["status", "updated_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}" + (f" ({self.sequence})" if self.sequence > 1 else "")

    def save(self, *args, **kwargs):
        self.key = self.make_key(self.municipality_id, self.year, self.sequence)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:evaluation", kwargs={"key": self.key})

    def clean(self) -> None:
        """The one place of the date rules (the creation form and the services both end up here)."""
        start, end = self.visit_start, self.visit_end
        if start and end and end < start:
            raise ValidationError({"visit_end": _("Besöket kan inte sluta före det börjar.")})
        visit = end or start
        if self.feedback_date and visit and self.feedback_date < visit:
            raise ValidationError({"feedback_date": _("Återkopplingsmötet kan inte ligga före besöket.")})

    @staticmethod
    def make_key(municipality_code: str, year: int, sequence: int) -> str:
        return f"{municipality_code}-{year}" + (f"-{sequence}" if sequence > 1 else "")

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    @property
    def is_demo(self) -> bool:
        return self.municipality.is_demo

    @property
    def total_difference(self):
        """Printed total minus the sum of the areas, when both are known and differ; else None."""
        if self.printed_total is None or self.computed_total is None:
            return None
        difference = self.printed_total - self.computed_total
        return difference or None

    def evaluators_label(self) -> str:
        people = [
            p.get("name", "") + (f" ({p['organisation']})" if p.get("organisation") else "")
            for p in self.evaluator_names
        ]
        return ", ".join(p for p in people if p)


class TeamMembership(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("roll i teamet"), max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)

    class Meta:
        verbose_name = _("teammedlem")
        verbose_name_plural = _("utvärderingsteam")
        constraints = [models.UniqueConstraint(fields=["evaluation", "user"], name="unique_team_member")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"
