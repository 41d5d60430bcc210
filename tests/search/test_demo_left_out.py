"""The demo municipality is left out of public search (page and API) unless asked for explicitly —
on SQLite (FTS5 NOT) and PostgreSQL (a negated facet lexeme)."""

import pytest

from kompass.municipalities.services import ensure_demo_municipality
from kompass.search.services import SearchFilters, search
from tests.search.helpers import published, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_demo(kk2010):
    real = published("1980", year=2012)
    write(real, 1, general="Kommunen för en medborgardialog med unga.")
    demo = published(ensure_demo_municipality().code, year=2013)
    write(demo, 1, general="Medborgardialog i demokommunen.", strengths=("Medborgardialogen är bred.",))
    write(demo, 2, general="Medborgardialogen når alla.")
    return real, demo


def test_public_search_leaves_the_demo_out(with_demo):
    results = search("medborgardialog")
    assert [h.evaluation_key for h in results.hits] == ["1980-2012"] and results.total == 1


def test_the_demo_is_found_when_asked_for(with_demo):
    assert search("medborgardialog", filters=SearchFilters(include_demo=True)).total == 4
    assert search("medborgardialog", filters=SearchFilters(municipality="9999")).total == 3


def test_search_page_and_api_leave_the_demo_out(client, with_demo):
    html = client.get("/goda-exempel/?q=medborgardialog").content.decode()
    assert "Västerås" in html and "Exempelkommun" not in html
    body = client.get("/api/search?q=medborgardialog").json()
    assert [h["evaluation"] for h in body["results"]] == ["1980-2012"]
