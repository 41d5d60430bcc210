"""Who is changing things right now, for the change history.

Services wrap their writes in `acting_as(user)`; the signal handlers (signals.py) read `current_actor()`.
`ActingUserMiddleware` does the same for every request, so a change made through any page — the Django
admin included — is recorded with the logged-in person. A change made outside a request (CSV import,
shell) falls back to the object's `updated_by`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_actor: ContextVar[Any] = ContextVar("kompass_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    token = _actor.set(user if user is not None and getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> Any:
    return _actor.get()


class ActingUserMiddleware:
    """Every request acts as its logged-in user (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)
