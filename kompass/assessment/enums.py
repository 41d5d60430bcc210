from django.db import models
from django.utils.translation import pgettext_lazy


class ChangeKind(models.TextChoices):
    """What a history record is about."""

    INDIVIDUAL_SCORE = "individual", pgettext_lazy("change kind", "Individuell poäng")
    CONSENSUS_SCORE = "consensus", pgettext_lazy("change kind", "Gemensam poäng")
    AREA_TEXT = "area_text", pgettext_lazy("change kind", "Allmänt")
    SUBAREA_TEXT = "subarea_text", pgettext_lazy("change kind", "Delområdestext")
    FINDING = "finding", pgettext_lazy("change kind", "Styrka eller förbättringsmöjlighet")
    REFERENCE = "reference", pgettext_lazy("change kind", "Kommun att titta närmare på")


class ChangeAction(models.TextChoices):
    CREATED = "created", pgettext_lazy("change action", "Skapad")
    UPDATED = "updated", pgettext_lazy("change action", "Ändrad")
    DELETED = "deleted", pgettext_lazy("change action", "Borttagen")


class MoveDirection(models.TextChoices):
    UP = "up", pgettext_lazy("move", "Upp")
    DOWN = "down", pgettext_lazy("move", "Ned")
