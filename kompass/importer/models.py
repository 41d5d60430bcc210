"""What the importer keeps: one record per imported report (for idempotence and provenance), what each report
printed beside its area scores, and the review queue of uploaded reports with their corrections."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.importer.enums import DatePrecision, ImportAction, UploadStatus


class ImportRecord(models.Model):
    evaluation = models.OneToOneField("evaluations.Evaluation", on_delete=models.CASCADE, related_name="import_record")
    source_name = models.CharField(_("källa"), max_length=300)
    checksum = models.CharField(_("kontrollsumma (SHA-256 av texten)"), max_length=64, db_index=True)
    action = models.CharField(_("åtgärd"), max_length=12, choices=ImportAction.choices)
    extracted = models.JSONField(_("utläst innehåll"), default=dict)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("importerad"), auto_now=True)
    report_date_precision = models.CharField(
        _("rapportdatumets precision"), max_length=5, choices=DatePrecision.choices, blank=True
    )
    interviewees_text = models.CharField(_("intervjuade (som tryckt)"), max_length=100, blank=True)
    interviewees = models.PositiveSmallIntegerField(_("antal intervjuade"), null=True, blank=True)
    interviewees_approximate = models.BooleanField(_("antalet är ungefärligt"), default=False)

    class Meta:
        verbose_name = _("importerad rapport")
        verbose_name_plural = _("importerade rapporter")

    def __str__(self) -> str:
        return f"{self.source_name} → {self.evaluation}"


class PrintedAreaFigure(models.Model):
    """What a published report printed beside an area's score: the national average ("73 (63)") and the
    change since the last evaluation ("68 (+16)") — kept apart from each other and from the score — and
    every place the score was printed (`sightings`, for provenance)."""

    evaluation = models.ForeignKey("evaluations.Evaluation", on_delete=models.CASCADE, related_name="printed_figures")
    area = models.ForeignKey("criteria.Area", on_delete=models.PROTECT, related_name="+")
    printed_average = models.DecimalField(
        _("snitt enligt rapporten"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    change = models.DecimalField(
        _("förändring sedan förra utvärderingen"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    sightings = models.JSONField(_("var poängen står i rapporten"), default=list, blank=True)
    confidence = models.FloatField(_("säkerhet"), default=0.0)

    class Meta:
        verbose_name = _("tryckt områdesuppgift")
        verbose_name_plural = _("tryckta områdesuppgifter")
        constraints = [models.UniqueConstraint(fields=["evaluation", "area"], name="unique_printed_area_figure")]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.area}"


class ReportUpload(models.Model):
    """One uploaded report in the review queue: read in the background (`read_upload`), then reviewed,
    corrected and confirmed by an administrator. The file stays on the server."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    batch = models.UUIDField(_("uppladdning"), default=uuid.uuid4, db_index=True)
    uploaded_by = models.ForeignKey(  # empty when queued from the command line
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_name = models.CharField(_("filnamn"), max_length=300)
    data = models.BinaryField(_("fil"))
    status = models.CharField(_("status"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("förlopp (%)"), default=0)
    message = models.TextField(_("meddelande"), blank=True)
    text = models.TextField(_("text"), blank=True)
    pages = models.PositiveIntegerField(_("sidor"), default=0)
    page_confidence = models.JSONField(_("säkerhet per sida"), default=list, blank=True)
    unreadable_pages = models.JSONField(_("oläsliga sidor"), default=list, blank=True)
    extracted = models.JSONField(_("utläst innehåll"), default=dict, blank=True)
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        verbose_name = _("rapport i granskningskön")
        verbose_name_plural = _("rapporter i granskningskön")
        ordering = ["created_at", "source_name"]

    def __str__(self) -> str:
        return self.source_name


class Correction(models.Model):
    """An administrator's correction of one extracted field before the import, with the source kept."""

    upload = models.ForeignKey(ReportUpload, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(_("fält"), max_length=100)  # e.g. "areas.3.score", "total"
    before = models.TextField(_("före"), blank=True)
    after = models.TextField(_("efter"), blank=True)
    source = models.TextField(_("källa i texten"), blank=True)
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(_("rättad"), auto_now_add=True)

    class Meta:
        verbose_name = _("rättelse")
        verbose_name_plural = _("rättelser")
        ordering = ["corrected_at"]

    def __str__(self) -> str:
        return f"{self.field}: {self.before} → {self.after}"
