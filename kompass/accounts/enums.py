from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", pgettext_lazy("role", "Administratör")
    EVALUATOR = "evaluator", pgettext_lazy("role", "Utvärderare")
    CONTACT = "contact", pgettext_lazy("role", "Kommunkontakt")


class PersonalDataKind(models.TextChoices):
    """What personal data a page showed (the record of who read it)."""

    INTERVIEW_NOTES = "notes", pgettext_lazy("personal data", "Intervjuanteckningar")
    PARTICIPANTS = "participants", pgettext_lazy("personal data", "Deltagarlista och förslag på intervjupersoner")
