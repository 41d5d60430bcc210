"""Request-wide rules: the body-size limit before anything is read, `no-store` for private material, and the
absolute length of a sign-in."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from kompass.core import formatting

View = Callable[[HttpRequest], HttpResponseBase]

# Everything under these prefixes is private even before anyone signs in (sign-in, password reset, admin).
PRIVATE_PREFIXES = ("/konto/", "/admin/")
SESSION_STARTED_KEY = "kompass_signed_in_at"


def too_large(request: HttpRequest) -> HttpResponse:
    """The Swedish 413 answer: JSON for the API, a page for everyone else."""
    limit_mb = settings.KOMPASS_MAX_REQUEST_BYTES / (1024 * 1024)
    message = _("Anropet är för stort. Det största som tas emot är %(mb)s MB.") % {
        "mb": formatting.decimal(limit_mb, places=0 if limit_mb >= 1 else 1, trim=False),
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    html = render_to_string("core/request_too_large.html", {"message": message}, request=request)
    return HttpResponse(html, status=413)


class RequestSizeLimitMiddleware:
    """Refuses a body over KOMPASS_MAX_REQUEST_BYTES before it is read: by its Content-Length, or — for a
    chunked body, which has none — by reading at most the limit and one byte more into memory. Placed before
    any middleware that could read the body, so a refused upload is never spooled to disk."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        limit = settings.KOMPASS_MAX_REQUEST_BYTES
        length = request.META.get("CONTENT_LENGTH") or ""
        if length.strip():
            try:
                if int(length) > limit:
                    return too_large(request)
            except ValueError:
                pass  # Django reads an unparseable length as 0
        elif "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            body = request.META["wsgi.input"].read(limit + 1)
            if len(body) > limit:
                return too_large(request)
            # Django reads a body without Content-Length as empty; give it the body we read, now sized.
            request.META["CONTENT_LENGTH"] = str(len(body))
            request._stream = LimitedStream(io.BytesIO(body), len(body))  # type: ignore[assignment]
        return self.get_response(request)


class PrivateResponseMiddleware:
    """One rule for caches: every response to a signed-in person (work pages, assessment, unpublished reports
    and their downloads, action plans, admin) and everything under PRIVATE_PREFIXES gets
    `Cache-Control: no-store` (with `private`, `no-cache`, `max-age=0`), so neither a shared proxy nor the
    browser's disk keeps personal data or unpublished material. Public pages to anonymous visitors stay
    cacheable. Also ends a sign-in KOMPASS_SESSION_MAX_SECONDS after it started, however active it was."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        signed_in = request.user.is_authenticated
        if signed_in:
            signed_in = self._within_absolute_limit(request)
        response = self.get_response(request)
        if signed_in or request.user.is_authenticated or request.path.startswith(PRIVATE_PREFIXES):
            add_never_cache_headers(response)
        return response

    @staticmethod
    def _within_absolute_limit(request: HttpRequest) -> bool:
        now = int(time.time())
        started = request.session.setdefault(SESSION_STARTED_KEY, now)
        if now - int(started) <= settings.KOMPASS_SESSION_MAX_SECONDS:
            return True
        logout(request)
        return False
