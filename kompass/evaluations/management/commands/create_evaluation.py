from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.services import ScoreError, create_evaluation
from kompass.municipalities.models import Municipality


class Command(BaseCommand):
    help = "Skapar en utvärdering. Exempel: kompass create_evaluation 1980 2026 --criteria kk2020"

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="Kommunkod, t.ex. 1980")
        parser.add_argument("year", type=int)
        parser.add_argument("--criteria", required=True, help="Kriterieversion, t.ex. kk2020")

    def handle(self, *args, **options):
        municipality = Municipality.objects.filter(code=options["municipality"]).first()
        if municipality is None:
            raise CommandError(_("Okänd kommunkod ”%(municipality)s”.") % {"municipality": options["municipality"]})
        version = CriteriaVersion.objects.filter(code=options["criteria"]).first()
        if version is None:
            raise CommandError(_("Okänd kriterieversion ”%(criteria)s”.") % {"criteria": options["criteria"]})
        try:
            evaluation = create_evaluation(municipality, version=version, year=options["year"])
        except ScoreError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Utvärdering {evaluation.key} skapad ({municipality}, {version.code}).")
