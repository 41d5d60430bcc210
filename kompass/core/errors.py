"""Error pages in Swedish, in the site's layout, with a way back: Django's handlers for 400, 403, 404 and
500 and the CSRF failure view all render `error.html` through `error_response`. Under /api/ the same
errors are answered as Swedish JSON. With KOMPASS_DEBUG=true Django shows its technical 404 page instead of
the handler's; `SwedishNotFoundMiddleware` shows ours there too (the technical page is for 500s)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


def _texts(status: int) -> tuple[str, str]:
    texts = {
        400: (
            _("Begäran kunde inte tolkas"),
            _(
                "Det som skickades gick inte att ta emot, till exempel ett filnamn som är för långt eller ett "
                "formulär som har ändrats under tiden. Gå tillbaka och försök igen."
            ),
        ),
        403: (
            _("Du har inte behörighet"),
            _("Sidan eller åtgärden är inte till för ditt konto. Är du inloggad som du tror? Logga ut och in igen."),
        ),
        404: (
            _("Sidan finns inte"),
            _(
                "Adressen leder inte till någon sida här. Den kan vara felskriven, eller så finns det du söker "
                "inte längre eller är inte publicerat."
            ),
        ),
        500: (
            _("Något gick fel hos oss"),
            _("Ett oväntat fel uppstod och har loggats. Inget av det du skickade sparades till hälften: försök igen."),
        ),
    }
    return texts.get(status, texts[400])


def error_response(request: HttpRequest | None, status: int, *, text: str | None = None) -> HttpResponse:
    """The error page for `status`: JSON under /api/, otherwise `error.html`. For 500 the page is rendered
    without the request's context processors, which may be what failed."""
    title, default_text = _texts(status)
    if request is not None and request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": text or title, "status": status}, status=status)
    context = {"error_title": title, "error_text": text or default_text, "status_code": status}
    template = loader.get_template("error.html")
    html = template.render(context, request if status != 500 else None)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None, **kwargs: Any) -> HttpResponse:
    return error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None, **kwargs: Any) -> HttpResponse:
    message = str(exception) if exception is not None and exception.args else None
    return error_response(request, 403, text=message)


def page_not_found(request: HttpRequest, exception: Exception | None = None, **kwargs: Any) -> HttpResponse:
    return error_response(request, 404)


def server_error(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return error_response(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    text = _(
        "Formuläret kunde inte tas emot eftersom säkerhetskontrollen (CSRF) misslyckades, till exempel för att "
        "sidan var öppen mycket länge eller kakor är avstängda. Ladda om sidan och försök igen."
    )
    return error_response(request, 403, text=text)


class SwedishNotFoundMiddleware:
    """With KOMPASS_DEBUG=true, replace Django's technical (English) 404 page by ours."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code == 404 and _is_technical(response):
            return error_response(request, 404)
        return response


def _is_technical(response: HttpResponse) -> bool:
    content_type = response.get("Content-Type", "")
    return "text/html" in content_type and b"<code>DEBUG = True</code>" in getattr(response, "content", b"")
