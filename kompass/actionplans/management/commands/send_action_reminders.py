"""Daily: e-mail owners of actions that are late or due within 30 days (at most one per action, kind and day)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.actionplans.services import send_action_reminders


class Command(BaseCommand):
    help = "Skicka påminnelser om försenade åtgärder och åtgärder som snart ska vara klara (körs dagligen)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Dagens datum som ÅÅÅÅ-MM-DD (för test och omkörning).")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["today"]:
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError(
                    _("--today: ”%(today)s” är inget datum (ÅÅÅÅ-MM-DD).") % {"today": options["today"]}
                ) from None
        run = send_action_reminders(today=today)
        self.stdout.write(f"{today:%Y-%m-%d}: {run.reminders} påminnelser i {run.emails} e-postmeddelanden.")
