"""kompass worker: the background worker with the scheduler inside (daily work, heartbeat, backups)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _


class Command(BaseCommand):
    help = (
        "Kör bakgrundsarbetaren (Celery) med schemaläggaren: jobb, e-post, dagliga påminnelser, "
        "borttagning av personuppgifter, nattlig säkerhetskopia. Kräver KOMPASS_BROKER_URL (Redis)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--concurrency", type=int, default=2, help="Antal samtidiga jobb (standard 2).")
        parser.add_argument(
            "--no-beat",
            action="store_true",
            help="Utan schemaläggaren: för en andra arbetare (bara en får köra schemat).",
        )
        parser.add_argument("--loglevel", default="INFO")

    def handle(self, *args: Any, concurrency: int, no_beat: bool, loglevel: str, **options: Any) -> None:
        if settings.CELERY_TASK_ALWAYS_EAGER:
            raise CommandError(
                _(
                    "KOMPASS_BROKER_URL är tom: utan meddelandekö körs jobben direkt i webbservern och någon "
                    "arbetare behövs inte. Sätt KOMPASS_BROKER_URL=redis://… för att köra en arbetare."
                )
            )
        from kompass.celery import app

        argv = ["worker", f"--loglevel={loglevel}", f"--concurrency={concurrency}", "--without-mingle"]
        if not no_beat:
            argv += ["--beat", f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"]
        app.worker_main(argv)
