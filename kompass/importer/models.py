"""What the importer keeps: one record per imported report (for idempotence and provenance) and, for the
upload page, the uploaded text between the dry run and the confirmation (never round-tripped via the form)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.importer.enums import ImportAction


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

    class Meta:
        verbose_name = _("importerad rapport")
        verbose_name_plural = _("importerade rapporter")

    def __str__(self) -> str:
        return f"{self.source_name} → {self.evaluation}"


class PendingImport(models.Model):
    """An uploaded report waiting for the administrator's confirmation. The text stays on the server."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source_name = models.CharField(_("filnamn"), max_length=300)
    text = models.TextField(_("text"))
    pages = models.PositiveIntegerField(_("sidor"), default=0)
    created_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)

    class Meta:
        verbose_name = _("uppladdad rapport som väntar")
        verbose_name_plural = _("uppladdade rapporter som väntar")

    def __str__(self) -> str:
        return self.source_name
