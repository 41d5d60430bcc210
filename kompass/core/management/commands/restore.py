from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kompass.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Återställ en säkerhetskopia (från `kompass backup`) till en tom, migrerad databas. "
        "Allt eller inget; inget skrivs över (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Zip-filen från `kompass backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = restore(Path(options["file"]))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Ingenting återställdes: {exc}") from None
        self.stdout.write(f"Återställt: {summary.rows} rader och {summary.files} filer från {options['file']}.")
