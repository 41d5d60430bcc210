from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kompass.evaluations.models import Evaluation
from kompass.evaluations.services import EvaluationNotFound, evaluation_by_key
from kompass.evaluations.services.sums import refresh_scores, score_differences


class Command(BaseCommand):
    help = _(
        "Hittar utvärderingar vars sparade område- och totalpoäng skiljer sig från summan av frågornas poäng. "
        "Avslutar med kod 1 om något skiljer; --fix räknar om dem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("keys", nargs="*", help=_("utvärderingar, t.ex. 1980-2012 (standard: alla)"))
        parser.add_argument("--fix", action="store_true", help=_("räkna om summorna för dem som skiljer"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            evaluations = (
                [evaluation_by_key(key) for key in options["keys"]]
                if options["keys"]
                else list(Evaluation.objects.select_related("version").order_by("municipality_id", "year", "sequence"))
            )
        except EvaluationNotFound as exc:
            raise CommandError(str(exc)) from None
        wrong = 0
        for evaluation in evaluations:
            differences = score_differences(evaluation)
            if not differences:
                continue
            wrong += 1
            self.stdout.write(f"{evaluation.key}:")
            for line in differences:
                self.stdout.write(f"  {line}")
            if options["fix"]:
                refresh_scores(evaluation)
                self.stdout.write("  " + _("Omräknad."))
        summary = _("%(checked)s utvärderingar kontrollerade, %(wrong)s med summor som skiljer.") % {
            "checked": len(evaluations),
            "wrong": wrong,
        }
        self.stdout.write(summary)
        if wrong and not options["fix"]:
            raise CommandError(_("Sparade summor skiljer sig från frågornas poäng."), returncode=1)
