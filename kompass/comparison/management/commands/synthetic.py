"""`kompass synthetic N --database-url URL`: N synthetic published evaluations in a separate database."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.comparison.synthetic import SyntheticDataError, create_synthetic_evaluations
from kompass.criteria.services import load_shipped_criteria
from kompass.municipalities.services import load_reference_data


class Command(BaseCommand):
    help = (
        "Skapar N tydligt märkta syntetiska publicerade utvärderingar (med texter, styrkor och "
        "förbättringsmöjligheter) i en separat databas, för mätningar."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="Antal utvärderingar, t.ex. 10000.")
        parser.add_argument("--database-url", help="Den separata databasen, t.ex. sqlite:////tmp/syntet.sqlite3.")
        parser.add_argument("--seed", type=int, default=1, help="Slumpfrö (samma frö ger samma data).")
        parser.add_argument("--no-narrative", action="store_true", help="Bara poäng, inga texter.")
        parser.add_argument("--in-this-database", action="store_true", help="(intern) skriv i DATABASE_URL.")

    def handle(self, *args, **options):
        if options["count"] < 1:
            raise CommandError("Antalet måste vara minst 1.")
        if options["in_this_database"]:
            return self._generate(options)
        url = options["database_url"]
        if not url:
            raise CommandError(
                "Ange --database-url till en separat databas (syntetiska data hamnar aldrig i din vanliga)."
            )
        target = dj_database_url.parse(url)
        main = settings.DATABASES["default"]
        if (target["ENGINE"], str(target.get("NAME")), target.get("HOST") or "") == (
            main["ENGINE"],
            str(main.get("NAME")),
            main.get("HOST") or "",
        ):
            raise CommandError("--database-url pekar på den vanliga databasen; välj en separat.")
        # A child process with the other DATABASE_URL: settings are read once per process.
        command = [sys.executable, "-m", "kompass.cli", "synthetic", str(options["count"]), "--in-this-database"]
        command += ["--seed", str(options["seed"])] + (["--no-narrative"] if options["no_narrative"] else [])
        result = subprocess.run(command, env={**os.environ, "DATABASE_URL": url}, check=False)
        if result.returncode:
            raise CommandError("Det gick inte att skapa syntetiska data (se ovan).")

    def _generate(self, options):
        # Only the registry and the criteria: no published results, no demo — nothing real.
        call_command("migrate", interactive=False, verbosity=0)
        load_reference_data()
        load_shipped_criteria()
        started = time.perf_counter()
        try:
            result = create_synthetic_evaluations(
                options["count"], seed=options["seed"], narrative=not options["no_narrative"]
            )
        except SyntheticDataError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            _(
                "Syntetiska data: %(evaluations)s utvärderingar i %(municipalities)s syntetiska "
                "kommuner, %(area_scores)s områdespoäng, %(texts)s texter, %(findings)s "
                "styrkor/förbättringar (%(value)s s)."
            )
            % {
                "evaluations": result.evaluations,
                "municipalities": result.municipalities,
                "area_scores": result.area_scores,
                "texts": result.texts,
                "findings": result.findings,
                "value": format(time.perf_counter() - started, ".1f"),
            }
        )
