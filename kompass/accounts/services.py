"""Accounts: inviting a person by a one-time, expiring link, and accepting the invitation."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from kompass.accounts.enums import Role
from kompass.accounts.models import PersonalDataRead, User
from kompass.municipalities.models import Municipality

INVITATION_DAYS = 7


class InvitationError(ValueError):
    """An invitation that cannot be made or accepted; the message is Swedish."""


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like Django's password-reset tokens (HMAC over the user's id, password hash and last login, so
    the link works once: setting the password changes the hash), with its own salt — a reset link is no
    invitation and vice versa — and its own lifetime."""

    key_salt = "kompass.accounts.InvitationTokenGenerator"
    max_age_seconds = INVITATION_DAYS * 24 * 3600

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token) or "-" not in token:
            return False
        try:
            timestamp = base36_to_int(token.split("-", 1)[0])
        except ValueError:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(constant_time_compare(self._make_token_with_timestamp(user, timestamp, s), token) for s in secrets):
            return False
        return self._num_seconds(self._now()) - timestamp <= self.max_age_seconds


invitation_tokens = InvitationTokenGenerator()


@transaction.atomic
def invite_user(
    *,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    municipality: Municipality | None,
    organisation: str = "",
    accept_url: Any,
    by: Any,
) -> User:
    """Create an account without a usable password and e-mail the person a link to set one.

    `accept_url(uidb64, token) -> str` builds the absolute link. Side effects: a User row, one e-mail.
    Contacts must have a municipality; an address already in use is refused."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationError(_("Det finns redan ett konto med e-postadressen %(email)s.") % {"email": email})
    if role == Role.CONTACT and municipality is None:
        raise InvitationError("En kommunkontakt måste höra till en kommun.")
    if role != Role.CONTACT:
        municipality = None
    user = User(
        username=email,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        municipality=municipality,
        organisation=organisation.strip(),
        is_staff=role == Role.ADMINISTRATOR,
    )
    user.set_unusable_password()
    user.save()
    link = accept_url(urlsafe_base64_encode(force_bytes(user.pk)), invitation_tokens.make_token(user))
    context = {"user": user, "link": link, "days": INVITATION_DAYS, "inviter": by}
    send_mail(
        subject="Inbjudan till kompass",
        message=render_to_string("accounts/invitation_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return user


def user_from_invitation(uidb64: str, token: str) -> User | None:
    """The invited user if the link is valid, unused and not expired; otherwise None."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    return user if invitation_tokens.check_token(user, token) else None


def record_personal_data_read(evaluation: Any, *, request: Any, what: str) -> PersonalDataRead:
    """Record that the page answering `request` shows `request.user` personal data of `evaluation`
    (interview notes, participant lists). Every view that shows such data calls this one helper.
    Side effect: a PersonalDataRead row."""
    from kompass.core.net import client_ip

    user = request.user
    return PersonalDataRead.objects.create(
        reader=user if user.is_authenticated else None,
        reader_name=user.get_username(),
        evaluation=evaluation,
        evaluation_key=evaluation.key,
        what=what,
        path=request.get_full_path()[:300],
        address=client_ip(request) or None,
    )
