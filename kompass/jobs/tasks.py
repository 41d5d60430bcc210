"""The worker's tasks: the scheduled daily work, the heartbeat and e-mail delivery.

The schedule is CELERY_BEAT_SCHEDULE in settings.py; `kompass worker` runs the worker with the scheduler."""

from __future__ import annotations

import logging
import smtplib
import time
from typing import Any

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command

from kompass.core.health import WORKER_HEARTBEAT_KEY

logger = logging.getLogger(__name__)


@shared_task(name="kompass.heartbeat", ignore_result=True)
def heartbeat() -> float:
    """Every minute: the time now as seconds since the epoch, for the health check (kompass.core.health)."""
    now = time.time()
    cache.set(WORKER_HEARTBEAT_KEY, now, timeout=10 * 60)
    return now


@shared_task(name="kompass.send_action_reminders")
def send_action_reminders() -> None:
    """Daily: `kompass send_action_reminders`."""
    call_command("send_action_reminders")


@shared_task(name="kompass.erase_personal_data")
def erase_personal_data() -> None:
    """Daily: `kompass erase_personal_data` (the retention rule)."""
    call_command("erase_personal_data")


@shared_task(name="kompass.nightly_backup")
def nightly_backup() -> str:
    """Nightly: a backup into KOMPASS_BACKUP_DIR, keeping KOMPASS_BACKUP_KEEP_DAYS days of them."""
    from kompass.core.backup import backup_with_rotation

    path = backup_with_rotation(settings.KOMPASS_BACKUP_DIR, keep_days=settings.KOMPASS_BACKUP_KEEP_DAYS)
    return str(path)


# Refusals that another try will not change: they end in the log. Every other OSError (connection
# refused, timeout, a server that hung up, a temporary SMTP error) is tried again later.
PERMANENT = (smtplib.SMTPAuthenticationError, smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused)


@shared_task(name="kompass.send_email", bind=True, acks_late=True, ignore_result=True)
def send_email(self: Any, message: dict[str, Any]) -> int:
    """Deliver one e-mail (as made by `kompass.jobs.mail.serialise`) through the delivery backend (SMTP
    when KOMPASS_EMAIL_HOST is set). A failed connection is retried by the worker every
    KOMPASS_EMAIL_RETRY_SECONDS for KOMPASS_EMAIL_RETRY_HOURS, not lost. Without a worker (no broker) the
    error goes to the caller at once."""
    from kompass.jobs.mail import deliver

    try:
        return deliver(message)
    except PERMANENT:
        logger.exception("E-post till %s kunde inte skickas och försöks inte igen", message.get("to"))
        return 0
    except OSError as exc:
        if self.request.is_eager:
            raise
        limit = settings.KOMPASS_EMAIL_RETRY_HOURS * 3600 // max(settings.KOMPASS_EMAIL_RETRY_SECONDS, 1)
        if self.request.retries >= limit:
            logger.error("E-post till %s gavs upp efter %s försök: %s", message.get("to"), self.request.retries, exc)
            return 0
        logger.warning(
            "E-post till %s: %s; nytt försök om %s s", message.get("to"), exc, settings.KOMPASS_EMAIL_RETRY_SECONDS
        )
        raise self.retry(exc=exc, countdown=settings.KOMPASS_EMAIL_RETRY_SECONDS, max_retries=None) from exc
