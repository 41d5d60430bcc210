"""Who is changing things right now, for the change history.

Services wrap their writes in `acting_as(user)`; the signal handlers (signals.py) read `current_actor()`.
A change made outside a service (CSV import, admin, shell) falls back to the object's `updated_by`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

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
