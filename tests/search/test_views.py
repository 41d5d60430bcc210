"""The search page, its JSON endpoint and the role-models page: content, access and query counts."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompass.accounts.enums import Role
from kompass.comparison.queries import forget_data_stamp
from kompass.evaluations.enums import Status
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user
from tests.search.helpers import published, score_areas, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def vasteras(kk2010):
    """Västerås 2012, area 2, with the seed report's own sentence (kompass/importer had no importer yet)."""
    evaluation = published("1980", year=2012)
    write(
        evaluation,
        2,
        subarea=(
            "Information om service och tjänster",
            "Västerås stad har inrättat ett kontaktcenter för att ge ökad service och tillgänglighet för "
            "medborgare, företag och föreningsliv.",
        ),
        strengths=("Västerås Kontaktcenter.",),
    )
    return evaluation


def test_kontaktcenter_finds_vasteras_2012_area_2_on_the_page(client, vasteras):
    response = client.get("/goda-exempel/", {"q": "kontaktcenter"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 träffar för kontaktcenter" in html
    assert '<a href="/utvarderingar/1980-2012/">Västerås 2012</a>' in html
    assert "Område 2. Tillgänglighet och brukarorientering · Delområde: Information om service och tjänster" in html
    assert "ett <mark>kontaktcenter</mark> för att" in html
    assert "Västerås <mark>Kontaktcenter</mark>." in html


def test_page_without_a_query_shows_the_form_only(client, vasteras):
    html = client.get("/goda-exempel/").content.decode()
    assert '<label for="id_q">Sökord:</label>' in html
    assert '<label for="id_area">Område:</label>' in html
    assert "träff" not in html


def test_page_filters_by_area_and_kind(client, vasteras, kk2010):
    area1 = vasteras.version.areas.get(number=1).pk
    html = client.get("/goda-exempel/", {"q": "kontaktcenter", "area": area1}).content.decode()
    assert "0 träffar för kontaktcenter" in html
    html = client.get("/goda-exempel/", {"q": "kontaktcenter", "kinds": "strength"}).content.decode()
    assert "1 träff för kontaktcenter" in html


def test_bad_filters_get_a_swedish_message_and_no_search(client, vasteras):
    html = client.get("/goda-exempel/", {"q": "kontaktcenter", "year_from": 2015, "year_to": 2012}).content.decode()
    assert "”Från år” får inte vara senare än ”Till år”." in html
    assert "träff" not in html
    html = client.get("/goda-exempel/", {"q": "kontaktcenter", "version": "kk1999"}).content.decode()
    assert "Välj ett giltigt alternativ." in html


def test_hostile_query_is_shown_escaped(client, vasteras):
    html = client.get("/goda-exempel/", {"q": '<script>alert(1)</script> "kontaktcenter'}).content.decode()
    assert "<script>alert(1)" not in html
    assert "0 träffar för script alert 1 kontaktcenter" in html


def test_api_returns_hits_as_json(client, vasteras):
    response = client.get("/api/search", {"q": "kontaktcenter", "kinds": "subarea"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(response.content) == {
        "query": "kontaktcenter",
        "total": 1,
        "total_is_capped": False,
        "page": 1,
        "pages": 1,
        "page_size": 20,
        "messages": [],
        "results": [
            {
                "evaluation": "1980-2012",
                "url": "/utvarderingar/1980-2012/",
                "municipality": "Västerås",
                "year": 2012,
                "version": "kk2010",
                "area": {"number": 2, "name": "Tillgänglighet och brukarorientering"},
                "kind": "subarea",
                "kind_label": "Delområde",
                "heading": "Information om service och tjänster",
                "excerpt_html": "Västerås stad har inrättat ett <mark>kontaktcenter</mark> för att ge ökad service "
                "och tillgänglighet för medborgare, företag och föreningsliv.",
                "demo": False,
            }
        ],
    }


def test_api_refuses_bad_filters_with_422(client, vasteras):
    response = client.get("/api/search", {"q": "x", "year_from": "förra året"})
    assert response.status_code == 422
    assert json.loads(response.content) == {
        "detail": "Ogiltiga parametrar: year_from.",
        "errors": [{"loc": ["query", "year_from"], "msg": "Ange ett heltal."}],
    }


def test_the_old_search_address_is_gone(client, vasteras):
    assert client.get("/goda-exempel/api/sok", {"q": "kontaktcenter"}).status_code == 404


def test_search_page_query_count_does_not_grow_with_hits(client, kk2010):
    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/goda-exempel/", {"q": "tillitsbaserad"}).status_code == 200
        return len(captured)

    first = published("1980", year=2012)
    write(first, 3, strengths=("Tillitsbaserad styrning.",))
    one = queries_for_page()
    for code in ("1384", "0380", "2480", "0180"):
        write(published(code, year=2013), 3, strengths=("Tillitsbaserad styrning.", "Tillitsbaserad ledning."))
    assert queries_for_page() == one


@pytest.fixture
def draft_with_points(kk2010):
    lead, colleague = make_user(), make_user()
    draft = make_evaluation("0180", version="kk2010", year=2015, status=Status.REVIEW, team=[lead])
    write(draft, 2, improvements=("Inför ett kontaktcenter.",))
    vasteras = published("1980", year=2012)
    score_areas(vasteras, {2: 71})
    write(vasteras, 2, strengths=("Västerås Kontaktcenter.",))
    return draft, lead, colleague


def test_role_models_page_for_the_team(client, draft_with_points):
    draft, lead, _ = draft_with_points
    client.force_login(lead)
    html = client.get("/goda-exempel/forebilder/0180-2015/").content.decode()
    assert "<h1>Förebilder för Stockholm 2015</h1>" in html
    assert '<ul class="improvements"><li>Inför ett kontaktcenter.</li></ul>' in html
    assert '<a href="/utvarderingar/1980-2012/">Västerås 2012</a>' in html
    assert "<li>Västerås Kontaktcenter.</li>" in html


def test_role_models_page_for_the_municipality_contact(client, draft_with_points):
    contact = make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0180"))
    client.force_login(contact)
    assert client.get("/goda-exempel/forebilder/0180-2015/").status_code == 200


def test_role_models_page_is_404_for_a_colleague_outside_the_team(client, draft_with_points):
    _, _, colleague = draft_with_points
    client.force_login(colleague)
    assert client.get("/goda-exempel/forebilder/0180-2015/").status_code == 404


def test_role_models_page_is_404_for_anonymous_while_unpublished(client, draft_with_points):
    assert client.get("/goda-exempel/forebilder/0180-2015/").status_code == 404
    assert client.get("/goda-exempel/forebilder/9999-1999/").status_code == 404


def test_role_models_page_is_public_once_published(client, draft_with_points):
    draft, _, _ = draft_with_points
    draft.status = Status.PUBLISHED
    draft.save()
    assert client.get("/goda-exempel/forebilder/0180-2015/").status_code == 200


def test_role_models_page_query_count_does_not_grow_with_points(client, draft_with_points):
    draft, lead, _ = draft_with_points
    client.force_login(lead)

    def count() -> int:
        cache.clear()  # the area rankings are cached: compare cold with cold
        forget_data_stamp()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/goda-exempel/forebilder/0180-2015/").status_code == 200
        return len(captured)

    before = count()
    write(draft, 2, improvements=tuple(f"Punkt {n}." for n in range(6)))
    assert count() == before


def test_role_models_page_names_each_municipality_once_per_area(client, draft_with_points):
    draft, lead, _ = draft_with_points
    write(draft, 2, improvements=("Mät bemötandet.", "Publicera servicedeklarationer."))
    kramfors = published("2282", year=2013)
    score_areas(kramfors, {2: 56})
    client.force_login(lead)
    html = client.get("/goda-exempel/forebilder/0180-2015/").content.decode()
    assert html.count('<a href="/utvarderingar/1980-2012/">Västerås 2012</a>') == 1
    assert html.count("<li>Västerås Kontaktcenter.</li>") == 1
    assert html.count("inga styrkor inlagda") == 1
    assert "Rapporterna för Kramfors 2013 har inga styrkor inlagda för området." in html
