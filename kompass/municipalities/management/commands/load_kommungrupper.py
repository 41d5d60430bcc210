from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.municipalities.groups import KommungruppError, load_kommungrupper, load_kommungrupper_from_kolada


class Command(BaseCommand):
    help = (
        "Läser in SKR:s kommungrupper (2017) från CSV (municipality_code,kommungrupp[,source]) eller, med "
        "--kolada, från Kolada; alla rader eller ingen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")
        parser.add_argument("--kolada", action="store_true", help="Hämta från Koladas kommungrupper.")

    def handle(self, *args, **options):
        if options["kolada"] == bool(options["file"]):
            raise CommandError(_("Ange antingen en CSV-fil eller --kolada."))
        try:
            if options["kolada"]:
                changed = load_kommungrupper_from_kolada()
            else:
                changed = load_kommungrupper(options["file"])
        except KommungruppError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(_("Kommungrupper: %(n)s kommuner ändrade.") % {"n": changed})
