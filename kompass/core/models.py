"""Building blocks shared by the apps' models. Abstract only: core has no tables of its own."""

from __future__ import annotations

from typing import Any

from django.db import models


class Revisioned(models.Model):
    """Something people edit in a form. `revision` counts the saves: the form carries the revision it was
    rendered with, and a save that started from an older one is refused (kompass.core.concurrency).
    0 never occurs in the database: a form uses it for "there was nothing saved when I began"."""

    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def version_text(self) -> str:
        """The saved version as a person reads it in a conflict message; models override this."""
        return str(self)

    @property
    def changed_by(self) -> Any:
        return getattr(self, "updated_by", None) or getattr(self, "created_by", None)

    @property
    def changed_at(self) -> Any:
        return getattr(self, "updated_at", None) or getattr(self, "created_at", None)
