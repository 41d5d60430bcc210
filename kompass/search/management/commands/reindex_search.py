from typing import Any

from django.core.management.base import BaseCommand

from kompass.search.indexing import reindex_all


class Command(BaseCommand):
    help = "Bygg om sökindexet för goda exempel från alla publicerade utvärderingar."

    def handle(self, *args: Any, **options: Any) -> None:
        evaluations, rows = reindex_all()
        self.stdout.write(f"Sökindexet byggt: {rows} texter från {evaluations} publicerade utvärderingar.")
