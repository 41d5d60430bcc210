"""The API's rate limits: django-ninja's throttles, counting in Django's cache (shared through Redis when
KOMPASS_CACHE_URL is set, so a limit holds across app servers)."""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import AnonRateThrottle, AuthRateThrottle

from kompass.core.net import client_ip
from kompass.env import env_str

DEFAULT_ANON_RATE = env_str("KOMPASS_API_ANON_RATE", "120/min")
DEFAULT_USER_RATE = env_str("KOMPASS_API_USER_RATE", "600/min")


class _CurrentRate:
    """django-ninja's throttles keep the state of the request being checked on the instance; one instance
    serves every thread of the server, so that state is kept per thread. The rate is read from the setting
    on every request (tests and operators change it without a restart)."""

    setting = ""
    default = ""
    _state = threading.local()

    def __init__(self) -> None:
        super().__init__(rate=self.default)  # type: ignore[call-arg]

    def allow_request(self, request: HttpRequest) -> bool:
        self.rate = getattr(settings, self.setting, self.default)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)  # type: ignore[misc]

    def get_ident(self, request: HttpRequest) -> str | None:
        """The client's address from the trusted proxy only (kompass.core.net): a client that sends its own
        X-Forwarded-For gets no fresh counter."""
        return client_ip(request)

    def __getattr__(self, name: str) -> Any:
        if name in {"key", "history", "now"}:
            return getattr(self._state, name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in {"key", "history", "now"}:
            setattr(self._state, name, value)
        else:
            super().__setattr__(name, value)


class AnonymousRateLimit(_CurrentRate, AnonRateThrottle):
    """Anonymous requests, per client address (KOMPASS_API_ANON_RATE, "120/min"), counted in Django's cache:
    with a shared cache (Redis) the limit holds across app servers."""

    setting, default = "KOMPASS_API_ANON_RATE", DEFAULT_ANON_RATE

    def get_cache_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None
        return super().get_cache_key(request)


class SignedInRateLimit(_CurrentRate, AuthRateThrottle):
    """Logged-in users (session), per user, with a higher rate (KOMPASS_API_USER_RATE, "600/min")."""

    setting, default = "KOMPASS_API_USER_RATE", DEFAULT_USER_RATE

    def get_cache_key(self, request: HttpRequest) -> str | None:  # type: ignore[override]  # None: not limited
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": f"user-{user.pk}"}
