"""One log line per request, and the request id on every log line written while it is handled.

The id comes from the proxy's `X-Request-ID` when it looks like one (nginx's `$request_id`), otherwise a new
one is made; the response echoes it, so a person reporting an error can quote it and the operator finds the
request's lines, the error's traceback included (setting LOGGING adds `%(request_id)s` to every line)."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponseBase

logger = logging.getLogger("kompass.request")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_current_id: ContextVar[str] = ContextVar("kompass_request_id", default="-")


def current_request_id() -> str:
    """The id of the request being handled in this thread ("-" outside a request)."""
    return _current_id.get()


class RequestIdFilter(logging.Filter):
    """Gives every log record a `request_id` attribute (used in LOGGING's format)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current_id.get()
        return True


class RequestLogMiddleware:
    """First in MIDDLEWARE: sets the request id, echoes it in the response and logs method, path, status,
    duration in ms, the user's id ("-" when anonymous) and the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = _current_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "-"
            logger.info(
                "%s %s %s %.1fms user=%s",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                user_id,
            )
            return response
        finally:
            _current_id.reset(token)
