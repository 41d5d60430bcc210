from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.evaluations.services import EvaluationNotFound, ScoreError, evaluation_by_key, import_question_scores


class Command(BaseCommand):
    help = "Läser in frågepoäng från en CSV-fil med kolumnerna question,points[,rationale]."

    def add_arguments(self, parser):
        parser.add_argument("evaluation", help="Beteckning, t.ex. 1980-2026")
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):
        path: Path = options["file"]
        try:
            evaluation = evaluation_by_key(options["evaluation"])
            text = path.read_text(encoding="utf-8-sig")
            result = import_question_scores(evaluation, text, source=path.name)
        except (EvaluationNotFound, ScoreError) as exc:
            raise CommandError(str(exc)) from None
        except FileNotFoundError:
            raise CommandError(_("Filen %(path)s finns inte.") % {"path": path}) from None
        except UnicodeDecodeError:
            raise CommandError(_("%(name)s: filen är inte text i UTF-8.") % {"name": path.name}) from None
        self.stdout.write(
            _("%(rows)s poäng inlästa (%(created)s nya, %(updated)s ändrade).")
            % {"rows": result.rows, "created": result.created, "updated": result.updated}
        )
