"""Views of the whole site: the health check."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kompass.core import health


@never_cache
@require_GET
def health_check(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} or 503 {"status": "fel"}; administrators also see database, cache and worker."""
    result = health.check()
    user = request.user
    if user.is_authenticated and user.is_administrator:
        body = result.details()
    else:
        body = {"status": health.OK if result.ok else health.FAIL}
    return JsonResponse(body, status=200 if result.ok else 503, json_dumps_params={"ensure_ascii": False})
