from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Säkerhetskopiera databasen och de uppladdade filerna till en zip-fil (docs/backup.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Zip-filen att skriva, t.ex. kompass-2026-12-01.zip")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = backup(Path(options["file"]))
        except (BackupError, OSError) as exc:
            raise CommandError(_("Säkerhetskopian skrevs inte: %(exc)s") % {"exc": exc}) from None
        for name in summary.missing_files:
            self.stderr.write(
                _("Varning: filen %(name)s saknas i mediamappen och kom inte med i kopian.") % {"name": name}
            )
        self.stdout.write(
            _("Säkerhetskopia skriven: %(file)s (%(rows)s rader, %(files)s filer).")
            % {"file": options["file"], "rows": summary.rows, "files": summary.files}
        )
