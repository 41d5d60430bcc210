from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.comparison.services import DataFileError, load_published_results, load_reference_averages
from kompass.core.demo import DEMO_PASSWORD, ensure_demo_evaluation, extend_demo
from kompass.criteria.fileformat import CriteriaFileError
from kompass.criteria.models import FrozenVersionError
from kompass.criteria.services import load_shipped_criteria
from kompass.municipalities.services import load_reference_data


class Command(BaseCommand):
    help = "Gör kompass klart att köra: migreringar, kriterier, kommunregister, publicerade resultat, demodata."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Skapa inga demokonton eller demoutvärdering (alltid så med KOMPASS_DEBUG=false).",
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Databasen är migrerad.")
        counties, municipalities = load_reference_data()
        self.stdout.write(f"Kommunregistret: {counties} län, {municipalities} kommuner.")
        try:
            for outcome in load_shipped_criteria():
                self.stdout.write(f"Kriterier {outcome.describe()}.")
            created, updated = load_published_results()
            self.stdout.write(
                _("Publicerade resultat: %(created)s nya, %(updated)s uppdaterade.")
                % {"created": created, "updated": updated}
            )
            self.stdout.write(_("Publicerade referensvärden: %(value)s.") % {"value": load_reference_averages()})
            call_command("import", shipped=True, stdout=self.stdout)  # the real reports that ship with kompass
        except (CriteriaFileError, FrozenVersionError, DataFileError) as exc:
            raise CommandError(str(exc)) from None
        if not settings.KOMPASS_DEMO and not options["no_demo"]:
            self.stdout.write("Inga demokonton eller demodata: KOMPASS_DEBUG=false (produktion).")
        if settings.KOMPASS_DEMO and not options["no_demo"]:
            evaluation, created = ensure_demo_evaluation()
            state = "skapad" if created else "fanns redan"
            self.stdout.write(f"Demoutvärdering {evaluation.key} ({evaluation.municipality}): {state}.")
            for message in extend_demo(evaluation):
                self.stdout.write(f"Demo: {message}")
            self.stdout.write(f"Demokonton: admin, eva, per, kim – lösenord {DEMO_PASSWORD}")
        self.stdout.write(self.style.SUCCESS("kompass är klart."))
