"""`kompass import FILE_OR_FOLDER... [--dry-run] [--json] [--update]`: import published reports."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.importer.reading import collect_files
from kompass.importer.services import FileOutcome, import_file, import_shipped_reports
from kompass.importer.summary import describe


class Command(BaseCommand):
    help = (
        "Importera publicerade Kommunkompassen-rapporter (text eller PDF, filer eller mappar). "
        "Med --dry-run skrivs inget; --json skriver ut det som lästes ut."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="filer eller mappar")
        parser.add_argument("--dry-run", action="store_true", help="visa vad som hittades, skriv inget")
        parser.add_argument("--json", action="store_true", help="skriv ut resultatet som JSON (se README)")
        parser.add_argument("--update", action="store_true", help="skriv över en tidigare import som skiljer sig")
        parser.add_argument("--shipped", action="store_true", help="importera rapporterna som följer med kompass")
        parser.add_argument(
            "--review",
            action="store_true",
            help="lägg rapporterna i granskningskön (/import/) i stället för att importera",
        )

    def handle(self, *args, **options):
        if options["shipped"]:
            for message in import_shipped_reports():
                self.stdout.write(f"Rapport: {message}")
            return
        if not options["paths"]:
            raise CommandError("Ange minst en fil eller mapp.")
        missing = [str(p) for p in options["paths"] if not p.exists()]
        if missing:
            raise CommandError(_("Finns inte: %(value)s") % {"value": ", ".join(missing)})
        files = collect_files(options["paths"])
        if not files:
            raise CommandError("Inga .txt- eller .pdf-filer hittades.")
        if options["review"]:
            self._queue(files)
            return
        outcomes = []
        for index, path in enumerate(files, start=1):
            if len(files) > 1:
                self._progress(index - 1, len(files), path.name)
            outcome = import_file(path, dry_run=options["dry_run"], update=options["update"])
            outcomes.append(outcome)
            if not options["json"]:
                self._report(outcome, options["dry_run"])
        if len(files) > 1:
            self._progress(len(files), len(files), "klart")
            sys.stderr.write("\n")
        if options["json"]:
            data = [o.as_dict() for o in outcomes]
            self.stdout.write(json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2))
        failed = [o for o in outcomes if not o.ok]
        summary = _("%(value)s av %(n_outcomes)s filer gick bra") % {
            "value": len(outcomes) - len(failed),
            "n_outcomes": len(outcomes),
        }
        summary += (
            (_(", %(value)s skrevs till databasen.") % {"value": sum(o.applied for o in outcomes)})
            if not options["dry_run"]
            else "."
        )
        (self.stderr if options["json"] else self.stdout).write(summary)
        if failed:
            raise CommandError(
                (_("%(n_failed)s fil(er) kunde inte importeras: ") % {"n_failed": len(failed)})
                + "; ".join(o.message for o in failed)
            )

    def _queue(self, files: list[Path]) -> None:
        from kompass.importer.models import ReportUpload
        from kompass.importer.queue import queue_uploads

        for index, path in enumerate(files, start=1):
            if len(files) > 1:
                self._progress(index - 1, len(files), path.name)
            upload = queue_uploads([(path.name, path.read_bytes())], by=None, background=False)[0]
            upload = ReportUpload.objects.get(pk=upload.pk)
            self.stdout.write(
                f"{path.name}: {upload.get_status_display()} – /import/{upload.pk}/ {upload.message}".rstrip()
            )
        if len(files) > 1:
            self._progress(len(files), len(files), "klart")
            sys.stderr.write("\n")

    def _report(self, outcome: FileOutcome, dry_run: bool) -> None:
        if outcome.plan is not None and (dry_run or not outcome.applied):
            self.stdout.write(describe(outcome.plan))
        style = self.style.SUCCESS if outcome.ok else self.style.ERROR
        self.stdout.write(style(outcome.message))
        self.stdout.write("")

    def _progress(self, done: int, total: int, name: str) -> None:
        width = 30
        filled = round(width * done / total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}")
        sys.stderr.flush()
