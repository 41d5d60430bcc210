"""The retention rule for personal data (docs/privacy.md): run daily, e.g. from cron."""

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kompass.evaluations.enums import ErasureReason
from kompass.evaluations.services.privacy import PrivacyError, due_for_erasure, erase_personal_data, retention_days


class Command(BaseCommand):
    help = (
        "Tar bort personuppgifter (intervjupersoner, förslag på intervjupersoner, intervjuanteckningar) i "
        "utvärderingar som publicerades för minst KOMPASS_PERSONAL_DATA_RETENTION_DAYS dagar sedan. "
        "Poäng, texter och rapporten behålls."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Visa bara vad som skulle tas bort.")
        parser.add_argument("--today", help="Räkna som om det vore detta datum (ÅÅÅÅ-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = date.fromisoformat(options["today"]) if options["today"] else None
        except ValueError:
            raise CommandError("Ogiltigt datum för --today; skriv ÅÅÅÅ-MM-DD.") from None
        due = list(due_for_erasure(today=today))
        verb = "Skulle ta bort" if options["dry_run"] else "Tog bort"
        for evaluation in due:
            if options["dry_run"]:
                self.stdout.write(f"{verb} personuppgifter i {evaluation.key} ({evaluation.municipality}).")
                continue
            try:
                erasure = erase_personal_data(evaluation, reason=ErasureReason.RETENTION)
            except PrivacyError as exc:  # changed since it was listed (unpublished, emptied by hand)
                self.stdout.write(_("Hoppade över %(key)s: %(exc)s") % {"key": evaluation.key, "exc": exc})
                continue
            self.stdout.write(
                _(
                    "%(verb)s personuppgifter i %(key)s (%(municipality)s): avidentifierade "
                    "deltagare: %(participants)s, borttagna förslag: %(proposals)s, tömda "
                    "anteckningar: %(notes)s."
                )
                % {
                    "verb": verb,
                    "key": evaluation.key,
                    "municipality": evaluation.municipality,
                    "participants": erasure.participants,
                    "proposals": erasure.proposals,
                    "notes": erasure.notes,
                }
            )
        self.stdout.write(
            _("%(n_due)s utvärderingar publicerade för minst %(value)s dagar sedan hade personuppgifter kvar.")
            % {"n_due": len(due), "value": retention_days()}
        )
