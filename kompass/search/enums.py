from django.db import models
from django.utils.translation import pgettext_lazy


class EntryKind(models.TextChoices):
    """What part of a report a searchable text is (Allmänt, sub-area text, Styrkor,
    Förbättringsmöjligheter)."""

    GENERAL = "general", pgettext_lazy("search kind", "Allmänt")
    SUBAREA = "subarea", pgettext_lazy("search kind", "Delområde")
    STRENGTH = "strength", pgettext_lazy("search kind", "Styrka")
    IMPROVEMENT = "improvement", pgettext_lazy("search kind", "Förbättringsmöjlighet")


class EntrySource(models.TextChoices):
    """Which model a searchable text was copied from."""

    AREA_TEXT = "areatext", "AreaText"
    SUBAREA_TEXT = "subareatext", "SubAreaText"
    FINDING = "finding", "Finding"


class SizeClass(models.TextChoices):
    """Municipality size by population, when key figures hold it."""

    SMALL = "small", pgettext_lazy("size class", "Under 15 000 invånare")
    MEDIUM = "medium", pgettext_lazy("size class", "15 000–49 999 invånare")
    LARGE = "large", pgettext_lazy("size class", "50 000–99 999 invånare")
    XLARGE = "xlarge", pgettext_lazy("size class", "100 000 invånare eller fler")
