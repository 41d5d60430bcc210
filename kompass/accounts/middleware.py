"""Sends people who need a second factor to confirm it before anything else (kompass.accounts.twofactor)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from kompass.accounts.twofactor import needs_second_factor

# Reachable without the second factor: the second-factor pages themselves, logging out, static files.
OPEN_PREFIXES = ("/konto/tvafaktor/", "/konto/logga-ut/", "/static/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]  # set by django-otp's middleware
            and not request.path.startswith(OPEN_PREFIXES)
            and needs_second_factor(user)
        ):
            target = reverse("accounts:second_factor") + "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)
