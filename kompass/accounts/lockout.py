"""The answer to a login while locked out after repeated failures (django-axes calls it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def lockout_response(request: HttpRequest, original_response: Any = None, credentials: Any = None) -> HttpResponse:
    """A Swedish page saying when to try again. Every attempt during the lockout starts the wait anew
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), so the wait counts from now."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    until = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    return render(request, "accounts/locked_out.html", {"minutes": minutes, "until": until}, status=429)
