import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompass.evaluations.enums import Status
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


def test_home_lists_published_evaluations_with_totals(client, published_results):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kramfors" in html and "359" in html


def test_evaluation_page_shows_missing_area_as_missing(client, published_results):
    html = client.get("/utvarderingar/1980-2012/").content.decode()
    assert "Västerås" in html and "uppgift saknas" in html and "82" in html


def test_an_unpublished_evaluation_is_neither_listed_nor_shown(client, published_results):
    hidden = make_evaluation("0114", year=2026, status=Status.WRITING)
    assert "Upplands Väsby" not in client.get("/").content.decode()
    assert client.get(f"/utvarderingar/{hidden.key}/").status_code == 404


def test_home_query_count_does_not_grow_with_rows(client, published_results):
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for code in ("0114", "0115", "0117", "0120", "0125"):
        make_evaluation(code, year=2025, status=Status.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)
