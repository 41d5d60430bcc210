import json

from django.core.management.base import BaseCommand, CommandError

from kompass.evaluations.services import EvaluationNotFound, evaluation_by_key, export_evaluation


class Command(BaseCommand):
    help = "Skriver ut en utvärdering som JSON."

    def add_arguments(self, parser):
        parser.add_argument("evaluation", help="Beteckning, t.ex. 1980-2012")

    def handle(self, *args, **options):
        try:
            evaluation = evaluation_by_key(options["evaluation"])
        except EvaluationNotFound as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(export_evaluation(evaluation), ensure_ascii=False, indent=2))
