"""The second factor (TOTP + recovery codes) for administrators and evaluation teams."""

import re

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from kompass.accounts.enums import Role
from tests.browser import assert_accessible, login_as
from tests.evaluations.world import build_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "rätt-lösenord-1"


@pytest.fixture
def world(settings):
    settings.KOMPASS_REQUIRE_2FA = True
    w = build_world()
    for user in (w.lead, w.admin, w.contact):
        user.set_password(PASSWORD)
        user.save()
    return w


def _logged_in(user) -> Client:
    client = Client()
    response = client.post("/konto/logga-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a_team_member_without_a_device_is_sent_to_enrolment_and_then_reaches_the_notes(world):
    notes = f"/arbete/{world.evaluation.key}/underlag/"
    client = _logged_in(world.lead)
    refused = client.get(notes)
    assert refused["Location"] == f"/konto/tvafaktor/?next={notes.replace('/', '%2F')}"
    assert client.get("/goda-exempel/")["Location"].startswith("/konto/tvafaktor/")
    enrol = client.get(refused["Location"]).content.decode()
    assert "Aktivera tvåstegsverifiering" in enrol
    assert "<svg" in enrol and "QR-kod för autentiseringsappen" in enrol
    device = TOTPDevice.objects.get(user=world.lead)
    assert device.confirmed is False
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", enrol).group(1)
    assert len(secret.replace(" ", "")) == 32

    wrong = client.post("/konto/tvafaktor/", {"code": "000000", "next": notes}).content.decode()
    assert "Koden stämmer inte. Kontrollera att klockan i telefonen går rätt" in wrong
    assert client.get(notes).status_code == 302
    # django-otp now refuses every code for a second (doubling with each failure); so does a right one.
    device.refresh_from_db()
    assert (device.throttling_failure_count, device.verify_is_allowed()[0]) == (1, False)
    device.throttle_reset()  # as a second later

    done = client.post("/konto/tvafaktor/", {"code": _code(device), "next": notes}).content.decode()
    codes = re.findall(r"<li><code>(\w+)</code></li>", done)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=world.lead).confirmed is True
    page = client.get(notes)
    assert page.status_code == 200
    assert "Politikerna känner till policyn." in page.content.decode()


def test_with_an_app_a_valid_code_or_a_recovery_code_once_lets_an_administrator_in(world):
    device = TOTPDevice.objects.create(user=world.admin, name="Autentiseringsapp", confirmed=True)
    client = _logged_in(world.admin)
    verify = client.get("/konto/tvafaktor/?next=/admin/").content.decode()
    assert "Bekräfta inloggningen med koden som din autentiseringsapp visar" in verify
    assert client.post("/konto/tvafaktor/", {"code": _code(device), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200

    from kompass.accounts.twofactor import new_recovery_codes

    recovery = new_recovery_codes(world.admin)[0]
    second = _logged_in(world.admin)
    assert second.post("/konto/tvafaktor/", {"code": recovery, "next": "/arbete/"})["Location"] == "/arbete/"
    third = _logged_in(world.admin)
    again = third.post("/konto/tvafaktor/", {"code": recovery, "next": "/arbete/"})
    assert "Koden stämmer inte. Skriv den kod appen visar nu, eller en reservkod." in again.content.decode()


def test_a_municipality_contact_and_a_laptop_need_no_second_factor(world, settings):
    assert _logged_in(world.contact).get("/arbete/").status_code == 200
    settings.KOMPASS_REQUIRE_2FA = False
    assert _logged_in(world.lead).get(f"/arbete/{world.evaluation.key}/underlag/").status_code == 200


def test_an_evaluator_on_no_team_needs_no_second_factor(world):
    loner = make_user(username="ensam", password=PASSWORD, role=Role.EVALUATOR)
    assert _logged_in(loner).get("/arbete/").status_code == 200


def test_next_never_leads_off_site(world):
    device = TOTPDevice.objects.create(user=world.admin, name="Autentiseringsapp", confirmed=True)
    client = _logged_in(world.admin)
    response = client.post("/konto/tvafaktor/", {"code": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/arbete/"


@pytest.mark.browser
def test_the_enrolment_page_is_accessible(live_server, browser_page, reference_data, settings):
    settings.KOMPASS_REQUIRE_2FA = True
    lead = build_world().lead
    login_as(browser_page, live_server, lead)
    browser_page.goto(f"{live_server.url}/arbete/")
    assert browser_page.locator("h1").inner_text() == "Aktivera tvåstegsverifiering"
    assert_accessible(browser_page)
