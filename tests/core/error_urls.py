"""A URLconf for the error-page tests: the project's URLs plus views that fail on purpose."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from kompass.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a file name of 1,000 characters")


def _denied(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def _broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("something broke")


urlpatterns = [
    path("test-fel/400/", _suspicious),
    path("test-fel/403/", _denied),
    path("test-fel/500/", _broken),
    *urlpatterns,
]
