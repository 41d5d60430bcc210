from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.municipalities.keyfigures import KOLADA_KPIS, KeyFigureError, load_from_kolada


class Command(BaseCommand):
    help = "Hämtar ett nyckeltal från Koladas öppna API (kolada.se) för alla kommuner, t.ex. folkmängd."

    def add_arguments(self, parser):
        parser.add_argument("--kpi", default="N01951", choices=sorted(KOLADA_KPIS), help="Koladas nyckeltals-id.")
        parser.add_argument("--year", type=int, required=True)

    def handle(self, *args, **options):
        try:
            created, updated = load_from_kolada(options["kpi"], year=options["year"])
        except KeyFigureError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _("Nyckeltal från Kolada: %(created)s nya, %(updated)s uppdaterade.")
            % {"created": created, "updated": updated}
        )
