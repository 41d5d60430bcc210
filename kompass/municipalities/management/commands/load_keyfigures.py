from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.municipalities.keyfigures import KeyFigureError, load_key_figures


class Command(BaseCommand):
    help = "Läser in nyckeltal från CSV (municipality_code,year,name,value,unit,source); alla rader eller ingen."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        try:
            created, updated = load_key_figures(options["file"])
        except KeyFigureError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Nyckeltal: %(created)s nya, %(updated)s uppdaterade.") % {"created": created, "updated": updated}
        )
