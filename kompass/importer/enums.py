from django.db import models
from django.utils.translation import pgettext_lazy


class ImportAction(models.TextChoices):
    """What an import does (or would do, in a dry run) with a report."""

    CREATE = "create", pgettext_lazy("import action", "Ny publicerad utvärdering")
    ENRICH = "enrich", pgettext_lazy("import action", "Kompletterar ett publicerat resultat med rapportens text")
    UNCHANGED = "unchanged", pgettext_lazy("import action", "Finns redan – inget att ändra")
    CHANGES = "changes", pgettext_lazy("import action", "Finns redan – rapporten skiljer sig")
    UPDATE = "update", pgettext_lazy("import action", "Uppdaterar en tidigare import")
    CONFLICT = "conflict", pgettext_lazy("import action", "Krockar med en utvärdering gjord i kompass")


class DatePrecision(models.TextChoices):
    """How much of a date a report printed: "2015-01-09" is a day, "december 2012" a month."""

    DAY = "day", pgettext_lazy("date precision", "dag")
    MONTH = "month", pgettext_lazy("date precision", "månad")
    YEAR = "year", pgettext_lazy("date precision", "år")


class UploadStatus(models.TextChoices):
    """Where an uploaded report is in the review queue."""

    QUEUED = "queued", pgettext_lazy("upload status", "Väntar på att läsas")
    READING = "reading", pgettext_lazy("upload status", "Läses")
    REVIEW = "review", pgettext_lazy("upload status", "Att granska")
    FAILED = "failed", pgettext_lazy("upload status", "Kunde inte läsas")
    IMPORTED = "imported", pgettext_lazy("upload status", "Importerad")
