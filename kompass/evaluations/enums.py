from django.db import models
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """The lifecycle of an evaluation, in order."""

    PLANNED = "planned", pgettext_lazy("evaluation status", "Planerad")
    QUESTIONNAIRE = "questionnaire", pgettext_lazy("evaluation status", "Frågeunderlag")
    VISIT = "visit", pgettext_lazy("evaluation status", "Besök")
    SCORING = "scoring", pgettext_lazy("evaluation status", "Poängsättning")
    WRITING = "writing", pgettext_lazy("evaluation status", "Skrivande")
    REVIEW = "review", pgettext_lazy("evaluation status", "Granskning")
    PUBLISHED = "published", pgettext_lazy("evaluation status", "Publicerad")


class Origin(models.TextChoices):
    KOMPASS = "kompass", pgettext_lazy("evaluation origin", "Genomförd i kompass")
    IMPORTED = "imported", pgettext_lazy("evaluation origin", "Importerad rapport")
    PUBLISHED_RECORD = "record", pgettext_lazy("evaluation origin", "Publicerat resultat")


class TeamRole(models.TextChoices):
    LEAD = "lead", pgettext_lazy("team role", "Huvudutvärderare")
    MEMBER = "member", pgettext_lazy("team role", "Utvärderare")
    PEER = "peer", pgettext_lazy("team role", "Kollegial utvärderare")


class ScoreSource(models.TextChoices):
    COMPUTED = "computed", pgettext_lazy("score source", "Beräknad från frågorna")
    PUBLISHED = "published", pgettext_lazy("score source", "Publicerad")


class FindingKind(models.TextChoices):
    STRENGTH = "strength", pgettext_lazy("finding", "Styrka")
    IMPROVEMENT = "improvement", pgettext_lazy("finding", "Förbättringsmöjlighet")


class DocumentKind(models.TextChoices):
    """Upload types accepted in the questionnaire, decided from the file's content."""

    PDF = "pdf", "PDF"
    DOCX = "docx", pgettext_lazy("document kind", "Word (.docx)")
    XLSX = "xlsx", pgettext_lazy("document kind", "Excel (.xlsx)")


class EvidenceSource(models.TextChoices):
    INTERVIEW = "interview", pgettext_lazy("evidence source", "Intervju")
    DOCUMENT = "document", pgettext_lazy("evidence source", "Dokument")
    WEBSITE = "website", pgettext_lazy("evidence source", "Webbplats")


class ErasureReason(models.TextChoices):
    """Why an evaluation's personal data was removed."""

    REQUEST = "request", pgettext_lazy("erasure reason", "på begäran")
    RETENTION = "retention", pgettext_lazy("erasure reason", "gallringsregeln")
