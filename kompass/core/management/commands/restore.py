from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

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
            raise CommandError(_("Ingenting återställdes: %(exc)s") % {"exc": exc}) from None
        self.stdout.write(
            _("Återställt: %(rows)s rader och %(files)s filer från %(file)s.")
            % {"rows": summary.rows, "files": summary.files, "file": options["file"]}
        )
