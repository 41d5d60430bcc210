"""Site-wide response rules: no-store for private material, the body-size limit, the request id and log line,
the sign-in's absolute length and the Content-Security-Policy."""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path

import pytest
from django.test import override_settings

from kompass.accounts.enums import Role
from kompass.core.demo import ensure_demo_evaluation
from kompass.core.middleware import SESSION_STARTED_KEY
from kompass.evaluations.enums import Status
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db
NO_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def test_every_private_page_and_download_is_no_store(client, published_results):
    lead = make_user(role=Role.EVALUATOR)
    draft = make_evaluation("0180", year=2026, status=Status.SCORING, team=[lead])
    client.force_login(lead)
    urls = [
        "/arbete/",
        f"/arbete/{draft.key}/",
        f"/arbete/{draft.key}/underlag/",
        f"/bedomning/{draft.key}/poang/",
        f"/bedomning/{draft.key}/text/",
        f"/rapporter/{draft.key}/",
        f"/rapporter/{draft.key}/ladda-ner/xlsx/",
        "/utvarderingar/",  # even a public page: a signed-in person's pages may show more
    ]
    answers = {url: (client.get(url).status_code, client.get(url).get("Cache-Control")) for url in urls}
    assert answers == {url: (200, NO_STORE) for url in urls}


def test_action_plans_and_admin_are_no_store(client, published_results):
    demo, _ = ensure_demo_evaluation()
    admin = make_user(role=Role.ADMINISTRATOR)
    client.force_login(admin)
    for url in (f"/handlingsplaner/{demo.key}/", "/admin/", "/admin/evaluations/evaluation/"):
        response = client.get(url)
        assert (url, response.status_code, response["Cache-Control"]) == (url, 200, NO_STORE)


def test_the_sign_in_page_is_no_store_but_public_pages_for_visitors_are_not(client, published_results):
    assert client.get("/konto/logga-in/")["Cache-Control"] == NO_STORE
    assert client.get("/utvarderingar/").get("Cache-Control") is None
    assert "no-store" not in client.get("/inbaddning/1980.svg").get("Cache-Control", "")


@override_settings(KOMPASS_MAX_REQUEST_BYTES=1000)
def test_a_body_over_the_limit_is_refused_with_a_swedish_page_before_it_is_read(client):
    response = client.generic("POST", "/konto/logga-in/", b"x" * 1001, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "Anropet är för stort. Det största som tas emot är 0,0 MB." in response.content.decode()


@override_settings(KOMPASS_MAX_REQUEST_BYTES=2 * 1024 * 1024)
def test_the_api_gets_its_413_as_json(client):
    response = client.generic("POST", "/api/versions", b"x" * (2 * 1024 * 1024 + 1), content_type="text/plain")
    assert (response.status_code, response.json()) == (
        413,
        {"detail": "Anropet är för stort. Det största som tas emot är 2 MB."},
    )


@override_settings(KOMPASS_MAX_REQUEST_BYTES=1000)
def test_a_body_within_the_limit_goes_through(client):
    response = client.post("/konto/logga-in/", {"username": "nobody", "password": "x" * 100})
    assert response.status_code == 200  # the form again, with its error


def test_the_request_id_is_echoed_and_each_request_is_logged_once(client, caplog):
    user = make_user()
    client.force_login(user)
    with caplog.at_level(logging.INFO, logger="kompass.request"):
        response = client.get("/arbete/", HTTP_X_REQUEST_ID="abc123def456")
    assert response["X-Request-ID"] == "abc123def456"
    lines = [(r.getMessage(), r.request_id) for r in caplog.records if r.name == "kompass.request"]
    assert len(lines) == 1
    assert re.fullmatch(rf"GET /arbete/ 200 [0-9.]+ms user={user.pk}", lines[0][0])
    assert lines[0][1] == "abc123def456"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/halsa/", HTTP_X_REQUEST_ID="<script>")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_a_sign_in_ends_after_its_absolute_limit_however_active(client):
    client.force_login(make_user())
    assert client.get("/arbete/").status_code == 200
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - 10 * 3600 - 1
    session.save()
    response = client.get("/arbete/")
    assert (response.status_code, response["Location"]) == (302, "/konto/logga-in/?next=/arbete/")


def test_every_page_carries_a_policy_allowing_only_the_sites_own_scripts_and_styles(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


TEMPLATES = Path(__file__).resolve().parents[2] / "kompass"
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def test_no_template_has_inline_script_or_style():
    # The standalone HTML report is a download opened from disk; it must carry its own styles.
    allowed = {TEMPLATES / "reports/templates/reports/standalone.html"}
    found = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        if path not in allowed
        for match in INLINE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@override_settings(ROOT_URLCONF="tests.core.failing_urls")
def test_an_error_is_logged_with_the_request_id_the_response_carries(caplog):
    from django.test import Client

    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get("/fel/", HTTP_X_REQUEST_ID="fel-12345678")
    assert (response.status_code, response["X-Request-ID"]) == (500, "fel-12345678")
    errors = [r for r in caplog.records if r.name == "django.request" and r.levelno == logging.ERROR]
    assert [(r.request_id, r.exc_info[1].args) for r in errors] == [("fel-12345678", ("avsiktligt fel",))]
