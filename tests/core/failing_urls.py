"""A URL that fails, for the test that an error's log line carries the request id."""

from django.http import HttpRequest, HttpResponse
from django.urls import path


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("avsiktligt fel")


urlpatterns = [path("fel/", fail)]
