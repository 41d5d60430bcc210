"""Fuzz the API against its own OpenAPI description (schemathesis): no server errors, responses that
match the documented schemas and status codes."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings

from tests.conftest import _ensure_reference_data

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def fuzz_data(django_db_blocker):
    with django_db_blocker.unblock():
        _ensure_reference_data()


@pytest.mark.django_db
@override_settings(KOMPASS_API_ANON_RATE="100000/min")
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_description(case, published_results):
    case.call_and_validate()
