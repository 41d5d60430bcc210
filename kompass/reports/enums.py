from django.db import models
from django.utils.translation import pgettext_lazy


class ReportFormat(models.TextChoices):
    """The report's formats; the value is the file extension."""

    PDF = "pdf", pgettext_lazy("report format", "PDF (PDF/A för arkivering)")
    DOCX = "docx", pgettext_lazy("report format", "Word")
    XLSX = "xlsx", pgettext_lazy("report format", "Excel (poängtabell)")
    HTML = "html", pgettext_lazy("report format", "Webbsida (HTML)")
