from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kompass.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen och de uppladdade filerna till en zip-fil (docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Zip-filen att skriva, t.ex. kompass-2026-12-01.zip")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(Path(options["file"]))
        except (BackupError, OSError) as exc:
            raise CommandError(f"Säkerhetskopian skrevs inte: {exc}") from None
        for name in summary.missing_files:
            self.stderr.write(f"Varning: filen {name} saknas i mediamappen och kom inte med i kopian.")
        self.stdout.write(f"Säkerhetskopia skriven: {options['file']} ({summary.rows} rader, {summary.files} filer).")
