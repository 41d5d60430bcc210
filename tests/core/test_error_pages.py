"""Error pages are Swedish, in the site's layout, with a way back; under /api/ they are Swedish JSON."""

import pytest
from django.test import Client, override_settings

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]


def _page(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("debug", [False, True])
def test_unknown_address_gives_the_swedish_404_page_with_or_without_debug(client: Client, debug: bool) -> None:
    with override_settings(DEBUG=debug):
        response = client.get("/finns-inte/")
    assert response.status_code == 404
    page = _page(response)
    assert "<h1>Sidan finns inte</h1>" in page
    assert '<a href="/">Till startsidan</a>' in page
    assert "DEBUG = True" not in page and "Page not found" not in page


@pytest.mark.parametrize("debug", [False, True])
def test_a_view_that_raises_404_gives_the_swedish_page(client: Client, debug: bool) -> None:
    with override_settings(DEBUG=debug):
        response = client.get("/utvarderingar/0114-1899/")
    assert response.status_code == 404
    assert "<h1>Sidan finns inte</h1>" in _page(response)


def test_a_bad_request_gives_the_swedish_400_page(client: Client) -> None:
    response = client.get("/test-fel/400/")
    assert response.status_code == 400
    assert "<h1>Begäran kunde inte tolkas</h1>" in _page(response)
    assert "Bad Request" not in _page(response)


def test_a_refusal_gives_the_swedish_403_page(client: Client) -> None:
    response = client.get("/test-fel/403/")
    assert response.status_code == 403
    assert "<h1>Du har inte behörighet</h1>" in _page(response)


def test_a_failed_csrf_check_gives_the_swedish_403_page() -> None:
    response = Client(enforce_csrf_checks=True).post("/konto/logga-in/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "säkerhetskontrollen (CSRF) misslyckades" in _page(response)


def test_an_unexpected_error_gives_the_swedish_500_page() -> None:
    response = Client(raise_request_exception=False).get("/test-fel/500/")
    assert response.status_code == 500
    page = _page(response)
    assert "<h1>Något gick fel hos oss</h1>" in page
    assert "something broke" not in page and "Server Error" not in page


def test_an_unknown_api_address_is_answered_in_swedish_json(client: Client) -> None:
    response = client.get("/api/finns-inte")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Sidan finns inte", "status": 404}
