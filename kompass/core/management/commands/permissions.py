"""`kompass permissions`: every permission × role × evaluation state as a Markdown table (docs/permissions.md)."""

from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Skriver behörighetstabellen (docs/permissions.md) ur reglerna. Ändrar ingenting i databasen."

    def handle(self, *args: Any, **options: Any) -> None:
        from kompass.core.access_table import permissions_markdown

        self.stdout.write(permissions_markdown(), ending="")
