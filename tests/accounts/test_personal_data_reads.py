"""A record of who read personal data: one row per page that showed interview notes or participants."""

import pytest
from django.test import Client

from kompass.accounts.enums import PersonalDataKind
from kompass.accounts.models import PersonalDataRead
from tests.evaluations.world import build_world

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(REMOTE_ADDR="192.0.2.44")
    client.force_login(user)
    return client


def _reads() -> list[tuple]:
    return list(
        PersonalDataRead.objects.order_by("pk").values_list("reader_name", "evaluation_key", "what", "path", "address")
    )


def test_each_page_with_notes_or_participants_records_who_read_what(db):
    w = build_world()
    key = w.evaluation.key
    client = _client(w.lead)
    pages = [
        f"/arbete/{key}/underlag/",
        f"/arbete/{key}/underlag/interview/{w.note.pk}/",
        f"/arbete/{key}/besok/",
        f"/arbete/{key}/besok/grupp/{w.group.pk}/",
        f"/arbete/{key}/besok/pm/",
    ]
    assert [client.get(page).status_code for page in pages] == [200] * 5
    notes, participants = PersonalDataKind.INTERVIEW_NOTES.value, PersonalDataKind.PARTICIPANTS.value
    assert _reads() == [
        (w.lead.username, key, notes, pages[0], "192.0.2.44"),
        (w.lead.username, key, notes, pages[1], "192.0.2.44"),
        (w.lead.username, key, participants, pages[2], "192.0.2.44"),
        (w.lead.username, key, participants, pages[3], "192.0.2.44"),
        (w.lead.username, key, participants, pages[4], "192.0.2.44"),
    ]
    assert PersonalDataRead.objects.filter(reader=w.lead, evaluation=w.evaluation).count() == 5


def test_pages_without_personal_data_and_refused_pages_record_nothing(db):
    w = build_world()
    key = w.evaluation.key
    assert _client(w.contact).get(f"/arbete/{key}/besok/pm/").status_code == 200  # programme without names
    assert _client(w.other_evaluator).get(f"/arbete/{key}/underlag/").status_code == 404
    assert _client(w.lead).get(f"/arbete/{key}/").status_code == 200
    assert _reads() == []


def test_administrators_read_the_record_in_the_admin_and_nobody_changes_it(db):
    w = build_world()
    _client(w.lead).get(f"/arbete/{w.evaluation.key}/underlag/")
    row = PersonalDataRead.objects.get()
    admin = _client(w.admin)
    listing = admin.get("/admin/accounts/personaldataread/").content.decode()
    assert w.lead.username in listing and "Intervjuanteckningar" in listing
    assert admin.get("/admin/accounts/personaldataread/add/").status_code == 403
    assert admin.post(f"/admin/accounts/personaldataread/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert PersonalDataRead.objects.count() == 1
    assert _client(w.lead).get("/admin/accounts/personaldataread/").status_code == 302  # not staff: to login
