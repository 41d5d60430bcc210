"""Repeated failed logins lock the account and the address (django-axes); passwords must be strong."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _login(username: str, password: str, *, address: str = "192.0.2.10") -> object:
    return Client(REMOTE_ADDR=address).post("/konto/logga-in/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_password(db):
    make_user(username="eva", password="rätt-lösenord-1")
    statuses = [_login("eva", f"fel-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    client = Client(REMOTE_ADDR="198.51.100.7")  # another address: the account itself is locked
    response = client.post("/konto/logga-in/", {"username": "eva", "password": "rätt-lösenord-1"})
    assert response.status_code == 429
    assert not get_user(client).is_authenticated
    text = response.content.decode()
    assert "Inloggningen är spärrad efter för många felaktiga försök. Försök igen om 15 minuter" in text
    until = timezone.localtime(timezone.now() + timedelta(minutes=15))
    assert f"tidigast kl. {until:%H:%M}" in text or f"tidigast kl. {until - timedelta(minutes=1):%H:%M}" in text


def test_one_address_trying_many_accounts_is_locked(db):
    make_user(username="per", password="rätt-lösenord-2")
    for n in range(5):
        _login(f"okand{n}", "gissning-123456")
    assert _login("per", "rätt-lösenord-2").status_code == 429
    assert _login("per", "rätt-lösenord-2", address="198.51.100.8").status_code == 302


def test_a_successful_login_before_the_limit_resets_the_count(db):
    make_user(username="eva", password="rätt-lösenord-1")
    for n in range(4):
        _login("eva", f"fel-{n}")
    assert _login("eva", "rätt-lösenord-1").status_code == 302
    assert [_login("eva", f"fel-{n}").status_code for n in range(4)] == [200, 200, 200, 200]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kompass1", "Det här lösenordet är för kort. Det måste innehålla minst 12 tecken."),
        ("password1234", "Detta lösenord är alldeles för vanligt."),
        ("483920571638", "Detta lösenord är enbart numeriskt."),
        ("eva.utvarderare", "Ditt lösenord är alltför likt användarnamn."),
    ],
)
def test_weak_passwords_are_refused_in_swedish(db, password, message):
    user = make_user(username="eva.utvarderare", password="rätt-lösenord-1")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert message in refused.value.messages


def test_a_long_uncommon_password_is_accepted(db):
    assert validate_password("Kompass-kontakt-9", make_user()) is None
