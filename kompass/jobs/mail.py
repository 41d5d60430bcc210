"""E-mail through the worker: Django's EMAIL_BACKEND hands each message to the `send_email` task, which
delivers it with the delivery backend (SMTP when KOMPASS_EMAIL_HOST is set, the console otherwise) and
retries a failed connection later. Every `send_mail` in kompass goes this way unchanged."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend


def serialise(message: EmailMessage) -> dict[str, Any]:
    """A message as JSON-safe data for the broker (never pickled: the broker is not trusted with code)."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple | list) and len(attachment) == 3:
            name, content, mimetype = attachment
            raw = content.encode() if isinstance(content, str) else bytes(content)
            attachments.append([name, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(c), m] for c, m in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def deserialise(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for name, content, mimetype in data["attachments"]:
        message.attach(name, base64.b64decode(content), mimetype)
    return message


def deliver(data: dict[str, Any]) -> int:
    """Send one serialised message now through KOMPASS_EMAIL_DELIVERY_BACKEND; errors are raised."""
    connection = get_connection(settings.KOMPASS_EMAIL_DELIVERY_BACKEND, fail_silently=False)
    return connection.send_messages([deserialise(data)]) or 0


class WorkerEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND: queue each message for the worker (after the current transaction commits)."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from kompass.jobs.services import enqueue
        from kompass.jobs.tasks import send_email

        count = 0
        for message in email_messages:
            if message.recipients():
                enqueue(send_email, serialise(message))
                count += 1
        return count
