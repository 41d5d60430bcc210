"""Shared fixtures. The municipality registry and the shipped criteria are loaded once per test database;
tests that flush the database (live-server browser tests) reload them through `reference_data`."""

import os

import pytest

from kompass.criteria.models import CriteriaVersion
from kompass.criteria.services import load_shipped_criteria
from kompass.municipalities.models import Municipality
from kompass.municipalities.services import load_reference_data


def _ensure_reference_data() -> None:
    if not Municipality.objects.filter(is_demo=False).exists():
        load_reference_data()
    if not CriteriaVersion.objects.exists():
        load_shipped_criteria()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        _ensure_reference_data()


@pytest.fixture
def reference_data(db):
    """For tests that run after a flush (transactional/live-server tests): make sure the data is there."""
    _ensure_reference_data()


@pytest.fixture
def kk2010(db) -> CriteriaVersion:
    _ensure_reference_data()
    return CriteriaVersion.objects.get(code="kk2010")


@pytest.fixture
def kk2020(db) -> CriteriaVersion:
    _ensure_reference_data()
    return CriteriaVersion.objects.get(code="kk2020")


@pytest.fixture
def published_results(db):
    from kompass.comparison.services import load_published_results, load_reference_averages

    _ensure_reference_data()
    load_published_results()
    load_reference_averages()


def pytest_configure(config):
    from django.conf import settings

    # Password hashing is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run in the test process, also when KOMPASS_CACHE_URL makes Redis the broker (tests/jobs starts
    # a real worker where it tests one).
    from kompass.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True


def pytest_report_header(config):
    from django.conf import settings

    return f"kompass database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"


os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

from tests.browser import _playwright_browser, browser_page  # noqa: E402,F401  (fixtures)
