"""kompass report <key> --format pdf|docx|html|xlsx --output FILE"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from kompass.evaluations.models import Evaluation
from kompass.reports.content import report_filename
from kompass.reports.enums import ReportFormat
from kompass.reports.services import ReportError, write_report_file


class Command(BaseCommand):
    help = "Skriv en utvärderings rapport till en fil (PDF/A, Word, HTML eller Excel)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("key", help="utvärderingens beteckning, t.ex. 1980-2012")
        parser.add_argument("--format", dest="fmt", choices=ReportFormat.values, default=ReportFormat.PDF)
        parser.add_argument("--output", "-o", help="filen som ska skrivas (standard: kommunkompassen-<key>.<format>)")

    def handle(self, *args: Any, key: str, fmt: str, output: str | None, **options: Any) -> None:
        evaluation = Evaluation.objects.select_related("municipality", "version").filter(key=key).first()
        if evaluation is None:
            raise CommandError(_("Utvärderingen %(key)s finns inte.") % {"key": key})
        target = Path(output or report_filename(key, fmt))
        try:
            written = write_report_file(evaluation, fmt=fmt, output=target)
        except (ReportError, OSError) as exc:
            raise CommandError(_("%(exc)s Ingen fil skrevs.") % {"exc": exc}) from exc
        self.stdout.write(f"{written} ({written.stat().st_size} byte)")
