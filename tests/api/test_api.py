import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Status
from kompass.evaluations.services import set_published_scores
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


def test_openapi_document_is_valid_and_lists_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    validate(schema)
    assert sorted(schema["paths"]) == [
        "/api/averages/{version}",
        "/api/comparison",
        "/api/evaluations",
        "/api/evaluations/{key}",
        "/api/municipalities",
        "/api/municipalities/{code}",
        "/api/search",
        "/api/versions",
        "/api/versions/{code}",
    ]


def test_docs_page_is_served_without_any_external_resource(client):
    html = client.get("/api/docs/").content.decode()
    assert "<code>GET /api/evaluations</code>" in html and "page_size" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_evaluations_are_filtered_paginated_and_carry_area_points(client, published_results):
    body = client.get("/api/evaluations?version=kk2010&county=22&page_size=1&sort=-year").json()
    assert (body["count"], body["page"], body["pages"]) == (2, 1, 2)
    kramfors = body["results"][0]
    assert (kramfors["key"], kramfors["printed_total"], kramfors["computed_total"], kramfors["total"]) == (
        "2282-2011",
        359.0,
        363.0,
        359.0,
    )
    assert [a["points"] for a in kramfors["areas"]] == [51.0, 45.0, 62.0, 34.0, 52.0, 27.0, 39.0, 53.0]


def test_evaluation_detail_has_profile_against_the_version_average(client, published_results):
    body = client.get("/api/evaluations/1980-2012").json()
    assert body["profile"][0] == {
        "number": 1,
        "name": "Offentlighet och demokrati",
        "points": 58.0,
        "average": 58.7,
        "average_n": 7,
    }
    assert body["profile"][7]["points"] is None and body["total"] is None
    assert body["version_average"]["total_mean"] == 506.2 and body["version_average"]["total_n"] == 12


def test_averages_by_county_and_published_references_are_apart(client, published_results):
    body = client.get("/api/averages/kk2020?by=county").json()
    assert body["overall"]["evaluations_n"] == 7
    assert body["published_references"][0]["area_values"]["1"] == 63.0
    stockholm = next(g for g in body["groups"] if g["key"] == "01")
    # Stockholm county: Vallentuna alone (73) — one evaluation is below the minimum N, so no figure.
    assert stockholm["average"]["areas"][0] == {
        "number": 1,
        "name": stockholm["average"]["areas"][0]["name"],
        "mean": None,
        "n": 1,
        "reliable": False,
    }
    assert stockholm["average"]["min_n"] == 5


def test_comparison_takes_latest_evaluation_per_municipality_on_the_version(client, published_results):
    body = client.get("/api/comparison?version=kk2010&municipality=2282&municipality=1880&municipality=0114").json()
    assert [(m["municipality"], m["evaluation"]) for m in body["municipalities"]] == [
        ("2282", "2282-2013"),
        ("1880", "1880-2015"),
        ("0114", None),
    ]


def test_comparison_refuses_more_than_eight_municipalities_in_swedish(client, published_results):
    codes = "&".join(
        f"municipality={c}" for c in ["0114", "0115", "0117", "0120", "0123", "0125", "0126", "0127", "0128"]
    )
    response = client.get(f"/api/comparison?version=kk2010&{codes}")
    assert response.status_code == 400
    assert response.json() == {"detail": "Jämför högst 8 kommuner åt gången (du valde 9)."}


@pytest.mark.parametrize("who", ["anonymous", "colleague"])
def test_no_api_endpoint_leaks_an_unpublished_evaluation(client, published_results, who):
    hidden = make_evaluation("0114", year=2026, status=Status.REVIEW, team=[make_user()])
    set_published_scores(hidden, area_points={1: 99}, printed_total=None)
    if who == "colleague":
        client.force_login(make_user())
    assert client.get(f"/api/evaluations/{hidden.key}").status_code == 404
    for url in (
        "/api/evaluations?municipality=0114",
        "/api/evaluations?page_size=100",
        "/api/averages/kk2020?by=year",
        "/api/averages/kk2020?by=county",
        "/api/comparison?version=kk2020&municipality=0114",
        "/api/municipalities?evaluated=true&page_size=100",
    ):
        text = client.get(url).content.decode()
        assert hidden.key not in text and "99.0" not in text, url
    assert client.get("/api/municipalities/0114").json()["evaluations"] == []
    assert "Upplands" not in client.get("/api/municipalities?evaluated=true&page_size=100").content.decode()


def test_the_team_sees_its_unpublished_evaluation_through_the_api(client):
    member = make_user()
    hidden = make_evaluation("0114", year=2026, status=Status.REVIEW, team=[member])
    client.force_login(member)
    assert client.get(f"/api/evaluations/{hidden.key}").json()["status"] == "review"
    client.force_login(make_user(role=Role.CONTACT, municipality=hidden.municipality))
    assert client.get(f"/api/evaluations/{hidden.key}").json()["key"] == "0114-2026"


@override_settings(KOMPASS_API_ANON_RATE="3/min")
def test_anonymous_requests_are_rate_limited_with_a_swedish_message(client):
    assert [client.get("/api/versions").status_code for _ in range(3)] == [200, 200, 200]
    response = client.get("/api/versions")
    assert response.status_code == 429
    assert response.json() == {"detail": "För många anrop. Vänta en stund och försök igen."}
    assert 1 <= int(response["Retry-After"]) <= 60
    client.force_login(make_user())
    assert client.get("/api/versions").status_code == 200


def test_evaluation_list_query_count_does_not_grow_with_rows(client, published_results):
    client.get("/api/evaluations?page_size=100")
    with CaptureQueriesContext(connection) as few:
        client.get("/api/evaluations?page_size=100")
    for code in ("0114", "0117", "0120", "0125", "0127"):
        make_evaluation(code, year=2025, status=Status.PUBLISHED)
    client.get("/api/evaluations?page_size=100")
    with CaptureQueriesContext(connection) as many:
        client.get("/api/evaluations?page_size=100")
    assert len(many) == len(few)


@pytest.mark.parametrize(
    "url",
    [
        "/api/versions/kk%00",
        "/api/evaluations?version=kk%002010",
        "/api/municipalities/01%0014",
        "/api/comparison?version=kk2010&municipality=%00",
    ],
)
def test_nul_characters_in_parameters_are_refused_not_a_server_error(client, url):
    assert client.get(url).status_code in {400, 404, 422}


def test_validation_errors_are_in_swedish(client):
    response = client.get("/api/municipalities?page_size=101&page=0")
    assert response.status_code == 422
    assert response.json() == {
        "detail": "Ogiltiga parametrar: page, page_size.",
        "errors": [
            {"loc": ["query", "page"], "msg": "Värdet måste vara minst 1."},
            {"loc": ["query", "page_size"], "msg": "Värdet får vara högst 100."},
        ],
    }
    response = client.get("/api/evaluations?year=förra&sort=best")
    assert [e["msg"] for e in response.json()["errors"]] == ["Ange ett heltal.", "Värdet har fel form."]


def test_not_found_is_in_swedish(client, published_results):
    assert client.get("/api/municipalities/9999").json() == {"detail": "Kommunen finns inte."}
    assert client.get("/api/versions/kk1999").json() == {"detail": "Kriterieversionen finns inte."}
    assert client.get("/api/averages/kk1999").json() == {"detail": "Kriterieversionen finns inte."}
    assert client.get("/api/evaluations/9999-2012").json() == {"detail": "Utvärderingen finns inte."}


def test_every_operation_has_a_swedish_summary(client):
    schema = client.get("/api/openapi.json").json()
    summaries = {path: operation["get"]["summary"] for path, operation in schema["paths"].items()}
    assert summaries == {
        "/api/municipalities": "Lista kommuner",
        "/api/municipalities/{code}": "En kommun",
        "/api/versions": "Lista kriterieversioner",
        "/api/versions/{code}": "En kriterieversion",
        "/api/evaluations": "Lista publicerade utvärderingar",
        "/api/evaluations/{key}": "En utvärdering",
        "/api/averages/{version}": "Genomsnitt för en kriterieversion",
        "/api/comparison": "Jämför kommuner",
        "/api/search": "Sök goda exempel",
    }


@override_settings(KOMPASS_API_USER_RATE="2/min")
def test_logged_in_users_have_their_own_higher_limit(client):
    client.force_login(make_user())
    assert [client.get("/api/versions").status_code for _ in range(3)] == [200, 200, 429]
    client.force_login(make_user())  # another user counts on their own
    assert client.get("/api/versions").status_code == 200
