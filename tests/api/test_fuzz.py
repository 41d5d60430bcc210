"""Fuzz the API against its own OpenAPI description (schemathesis): no server errors, responses that
match the documented schemas and status codes. Derandomized: the same examples every run, so CI is
repeatable; raise max_examples locally to explore further."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_test_connection():
    """The plain WSGI handler closes the database connection after each request, which would end the
    test's transaction on PostgreSQL; Django's own test client disconnects the same handler."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@override_settings(KOMPASS_API_ANON_RATE="100000/min")
@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case, published_results, keep_test_connection):
    case.call_and_validate()
