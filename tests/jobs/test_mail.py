"""E-mail goes through the worker's task to a real SMTP server (aiosmtpd, started here)."""

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps every message it receives, parsed."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "kompass.jobs.mail.WorkerEmailBackend"
    settings.KOMPASS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox
    controller.stop()


def test_a_swedish_message_reaches_the_smtp_server_through_the_worker_task(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = mail.send_mail(
            "Påminnelse: åtgärd försenad i Västerås",
            "Hej Åsa!\n\nÅtgärden ”Öppna nämndmöten” är försenad.\n",
            "kompass@skr.se",
            ["asa@vasteras.se"],
        )
    assert sent == 1
    [message] = smtp.messages
    # Python folds an encoded subject onto its own line ("Subject: \n =?utf-8?b?…"): readers drop the space.
    assert (message["Subject"].strip(), message["From"], message["To"]) == (
        "Påminnelse: åtgärd försenad i Västerås",
        "kompass@skr.se",
        "asa@vasteras.se",
    )
    assert message.get_content() == "Hej Åsa!\r\n\r\nÅtgärden ”Öppna nämndmöten” är försenad.\r\n"  # SMTP line ends


def test_nothing_is_sent_before_the_transaction_commits(smtp, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail.send_mail("Ämne", "Text", "kompass@skr.se", ["asa@vasteras.se"])
    assert smtp.messages == []
    callbacks[0]()
    assert [m["Subject"].strip() for m in smtp.messages] == ["Ämne"]


def test_without_a_worker_a_refused_connection_reaches_the_caller(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "kompass.jobs.mail.WorkerEmailBackend"
    settings.KOMPASS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    with pytest.raises(ConnectionRefusedError), django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Ämne", "Text", "kompass@skr.se", ["asa@vasteras.se"])
