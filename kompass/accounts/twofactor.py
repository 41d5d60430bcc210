"""The second factor (TOTP with recovery codes, django-otp): who needs one, enrolment and checking a code.

With KOMPASS_REQUIRE_2FA, administrators and every member of an evaluation team — the people who read
interview notes, participant lists and unpublished results — must confirm a code from an authenticator
app after the password before any page (RequireSecondFactorMiddleware)."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_DEVICE = "Autentiseringsapp"
RECOVERY_DEVICE = "Reservkoder"


def needs_second_factor(user: Any) -> bool:
    """True when the setting asks for it and `user` is an administrator or on any evaluation team."""
    if not settings.KOMPASS_REQUIRE_2FA or not user.is_authenticated:
        return False
    # `memberships`: the evaluation teams the person is on (the reverse of evaluations.TeamMembership.user,
    # so accounts needs no import from the app above it).
    return bool(user.is_administrator or user.memberships.exists())


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user: Any) -> TOTPDevice:
    """The unconfirmed app device being enrolled (made on first call; the same secret on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32 in groups of four."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no style: fine under CSP)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR-kod för autentiseringsappen"), dark="#000", light="#fff", border=4
    )


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, *, token: str) -> list[str] | None:
    """Confirm the app device with a first code. On success the session counts as verified and ten new
    recovery codes replace any old ones; returns them (shown once). Side effects: device confirmed, other
    unconfirmed devices removed, StaticDevice/StaticToken rows, the session marked verified."""
    with transaction.atomic():
        if not device.verify_token(_clean(token)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user: Any) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODES new one-time codes. Side effect: rows."""
    static, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True})
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(request: HttpRequest, *, token: str) -> bool:
    """Check a code from the app or a recovery code (used once). On success the session counts as verified.
    django-otp slows down repeated wrong codes per device. Side effects: the device's counters, a used
    recovery code removed, the session marked verified."""
    user = request.user
    code = _clean(token)
    with transaction.atomic():
        devices: list[Any] = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
        devices += list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
        for device in devices:
            if code and device.verify_token(code):
                break
        else:
            return False
    otp_login(request, device)
    return True


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _clean(token: str) -> str:
    return "".join(str(token).split())
