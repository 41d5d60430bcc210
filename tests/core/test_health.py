"""`/halsa/`: ok or fel for everyone, the parts only for administrators; the worker's heartbeat."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from kompass.accounts.enums import Role
from kompass.core.health import WORKER_HEARTBEAT_KEY, WORKER_HEARTBEAT_MAX_AGE
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_heartbeat():
    cache.delete(WORKER_HEARTBEAT_KEY)
    yield
    cache.delete(WORKER_HEARTBEAT_KEY)


def test_anonymous_callers_get_only_the_status(client):
    response = client.get("/halsa/")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    assert "no-store" in response["Cache-Control"]


def test_a_signed_in_non_administrator_gets_only_the_status(client):
    client.force_login(make_user(role=Role.EVALUATOR))
    assert client.get("/halsa/").json() == {"status": "ok"}


def test_administrators_see_database_cache_and_an_unknown_worker(client):
    client.force_login(make_user(role=Role.ADMINISTRATOR))
    local = "ok" if settings.CACHES["default"]["BACKEND"].endswith("RedisCache") else "lokal"
    assert client.get("/halsa/").json() == {"status": "ok", "database": "ok", "cache": local, "worker": "okänd"}


def test_a_fresh_heartbeat_is_ok_and_an_old_one_is_fel(client):
    client.force_login(make_user(role=Role.ADMINISTRATOR))
    cache.set(WORKER_HEARTBEAT_KEY, time.time() - 10)
    assert client.get("/halsa/").json()["worker"] == "ok"
    cache.set(WORKER_HEARTBEAT_KEY, time.time() - WORKER_HEARTBEAT_MAX_AGE - 60)
    assert client.get("/halsa/").json()["worker"] == "fel"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_the_health_check_is_reached_over_plain_http_even_with_the_https_redirect(client):
    assert client.get("/halsa/").status_code == 200
    assert client.get("/utvarderingar/").status_code == 301
