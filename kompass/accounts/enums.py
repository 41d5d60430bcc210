from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", pgettext_lazy("role", "Administratör")
    EVALUATOR = "evaluator", pgettext_lazy("role", "Utvärderare")
    CONTACT = "contact", pgettext_lazy("role", "Kommunkontakt")
