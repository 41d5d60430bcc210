from django.db import models
from django.utils.translation import pgettext_lazy


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("action status", "Ej påbörjad")
    IN_PROGRESS = "in_progress", pgettext_lazy("action status", "Pågår")
    DONE = "done", pgettext_lazy("action status", "Klar")
    CANCELLED = "cancelled", pgettext_lazy("action status", "Avbruten")

    @classmethod
    def open_values(cls) -> list[str]:
        """Statuses of actions that still have work left (and so can be late)."""
        return [cls.NOT_STARTED, cls.IN_PROGRESS]


class Priority(models.TextChoices):
    HIGH = "high", pgettext_lazy("priority", "Hög")
    MEDIUM = "medium", pgettext_lazy("priority", "Medel")
    LOW = "low", pgettext_lazy("priority", "Låg")
    NONE = "", pgettext_lazy("priority", "Ej prioriterad")


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", pgettext_lazy("reminder", "Snart dags")
    LATE = "late", pgettext_lazy("reminder", "Försenad")
