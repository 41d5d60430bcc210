import re

import pytest
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.accounts.services import invitation_tokens
from kompass.municipalities.models import Municipality
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_a_person_logs_in_through_the_form_and_out_with_a_post(db):
    make_user(username="eva", password="rätt-lösenord-1")
    client = Client()
    response = client.post("/konto/logga-in/", {"username": "eva", "password": "rätt-lösenord-1"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert get_user(client).username == "eva"
    assert client.get("/konto/logga-ut/").status_code == 405  # a link cannot log anyone out
    assert client.post("/konto/logga-ut/").status_code == 302
    assert not get_user(client).is_authenticated


def test_a_wrong_password_gets_a_swedish_message(db):
    make_user(username="eva", password="rätt-lösenord-1")
    response = Client().post("/konto/logga-in/", {"username": "eva", "password": "fel"})
    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord." in response.content.decode()


def test_login_returns_to_the_page_asked_for(db):
    make_user(username="eva", password="rätt-lösenord-1")
    client = Client()
    assert client.get("/arbete/")["Location"] == "/konto/logga-in/?next=/arbete/"
    response = client.post(
        "/konto/logga-in/?next=/arbete/", {"username": "eva", "password": "rätt-lösenord-1", "next": "/arbete/"}
    )
    assert response["Location"] == "/arbete/"


def test_password_reset_sends_a_one_time_link_by_email(db):
    make_user(username="eva", email="eva@example.se", password="gammalt-lösenord-1")
    client = Client()
    response = client.post("/konto/glomt-losenord/", {"email": "eva@example.se"})
    assert response["Location"] == "/konto/glomt-losenord/skickat/"
    assert [(m.subject, m.to) for m in mail.outbox] == [("Nytt lösenord till kompass", ["eva@example.se"])]
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert "Välj nytt lösenord" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Nytt-lösenord-2026", "new_password2": "Nytt-lösenord-2026"},
    )
    assert done["Location"] == "/konto/nytt-losenord/klart/"
    assert User.objects.get(username="eva").check_password("Nytt-lösenord-2026")
    again = Client().get(link, follow=True)
    assert "Länken är ogiltig, redan använd eller för gammal." in again.content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(db):
    response = Client().post("/konto/glomt-losenord/", {"email": "okand@example.se"})
    assert response["Location"] == "/konto/glomt-losenord/skickat/"
    assert mail.outbox == []


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(make_user(role=Role.ADMINISTRATOR))
    return client


def _invite(client, **fields) -> object:
    data = {"email": "kim@vasteras.se", "first_name": "Kim", "last_name": "Kontakt", "role": Role.CONTACT}
    data.update(fields)
    return client.post("/konto/inbjudan/", data, follow=True)


def test_an_administrator_invites_a_contact_who_sets_a_password_through_the_link_once(admin_client):
    vasteras = Municipality.objects.get(code="1980")
    response = _invite(admin_client, municipality="1980")
    assert [str(m) for m in response.context["messages"]] == ["En inbjudan har skickats till kim@vasteras.se."]
    invited = User.objects.get(email="kim@vasteras.se")
    assert (invited.role, invited.municipality, invited.has_usable_password()) == (Role.CONTACT, vasteras, False)
    assert [m.to for m in mail.outbox] == [["kim@vasteras.se"]]
    link = _link(mail.outbox[0])
    client = Client()
    assert "Välkommen till kompass" in client.get(link).content.decode()
    response = client.post(link, {"new_password1": "Kompass-kontakt-9", "new_password2": "Kompass-kontakt-9"})
    assert response["Location"] == "/arbete/"
    assert get_user(client) == invited
    assert User.objects.get(pk=invited.pk).check_password("Kompass-kontakt-9")
    reused = Client().get(link)
    assert reused.status_code == 400
    assert "Inbjudan gäller inte längre" in reused.content.decode()


def test_an_invitation_link_expires_after_seven_days(admin_client):
    _invite(admin_client, municipality="1980")
    invited = User.objects.get(email="kim@vasteras.se")
    now = invitation_tokens._num_seconds(invitation_tokens._now())
    old = invitation_tokens._make_token_with_timestamp(invited, now - 8 * 24 * 3600, invitation_tokens.secret)
    fresh = invitation_tokens._make_token_with_timestamp(invited, now - 6 * 24 * 3600, invitation_tokens.secret)
    assert (invitation_tokens.check_token(invited, old), invitation_tokens.check_token(invited, fresh)) == (False, True)
    uid = _link(mail.outbox[0]).split("/")[3]
    assert Client().get(f"/konto/inbjudan/{uid}/{old}/").status_code == 400


def test_a_password_reset_token_is_not_an_invitation(admin_client):
    from django.contrib.auth.tokens import default_token_generator

    _invite(admin_client, municipality="1980")
    invited = User.objects.get(email="kim@vasteras.se")
    uid = _link(mail.outbox[0]).split("/")[3]
    reset_token = default_token_generator.make_token(invited)
    assert Client().get(f"/konto/inbjudan/{uid}/{reset_token}/").status_code == 400


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"municipality": ""}, "En kommunkontakt måste höra till en kommun."),
        ({"email": "taken@example.se", "role": Role.EVALUATOR}, "Det finns redan ett konto med e-postadressen"),
    ],
)
def test_an_invitation_with_bad_input_is_refused_and_nothing_is_sent(admin_client, fields, message):
    make_user(email="taken@example.se")
    before = User.objects.count()
    response = _invite(admin_client, **fields)
    assert message in response.content.decode()
    assert (User.objects.count(), mail.outbox) == (before, [])


def test_only_administrators_may_invite(db):
    evaluator = Client()
    evaluator.force_login(make_user())
    assert evaluator.post("/konto/inbjudan/", {"email": "x@example.se"}).status_code == 404
    assert Client().get("/konto/inbjudan/")["Location"] == "/konto/logga-in/?next=/konto/inbjudan/"
    assert mail.outbox == []
