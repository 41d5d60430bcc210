"""Removing an evaluation's personal data (docs/privacy.md): all or nothing, only once
published, by the lead or an administrator or by the retention rule; scores, texts and report stay."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kompass.evaluations.enums import ErasureReason, Origin, Status
from kompass.evaluations.models import (
    Evaluation,
    IntervieweeProposal,
    InterviewNote,
    Participant,
    PersonalDataErasure,
)
from kompass.evaluations.services import privacy
from kompass.evaluations.services.privacy import PrivacyError, due_for_erasure, erase_personal_data
from kompass.reports.services import build_report
from tests.evaluations.world import ROLES, build_world

pytestmark = pytest.mark.django_db


def published_world(days_ago: int = 10):
    world = build_world(status=Status.PUBLISHED)
    Evaluation.objects.filter(pk=world.evaluation.pk).update(published_at=timezone.now() - timedelta(days=days_ago))
    world.evaluation.refresh_from_db()
    return world


def personal_state(evaluation: Evaluation) -> tuple:
    return (
        sorted(Participant.objects.filter(group__evaluation=evaluation).values_list("name", "role", "organisation")),
        sorted(IntervieweeProposal.objects.filter(evaluation=evaluation).values_list("name", flat=True)),
        sorted(InterviewNote.objects.filter(evaluation=evaluation).values_list("text", flat=True)),
        PersonalDataErasure.objects.filter(evaluation=evaluation).count(),
    )


def test_erasing_removes_names_proposals_and_note_texts_and_keeps_the_report(kk2020):
    world = published_world()
    report_before = build_report(world.evaluation)
    assert privacy.personal_data_of(world.evaluation).participants == 1

    erasure = erase_personal_data(world.evaluation, by=world.lead)

    assert (erasure.participants, erasure.proposals, erasure.notes, erasure.erased_by, erasure.reason) == (
        1,
        1,
        1,
        world.lead,
        ErasureReason.REQUEST,
    )
    assert personal_state(world.evaluation) == ([("", "", "")], [], [""], 1)
    # The rows stay: the report's number of interviewees per group, and what the notes covered.
    assert list(InterviewNote.objects.get(pk=world.note.pk).questions.all()) == [world.question]
    assert build_report(world.evaluation) == report_before
    assert str(Participant.objects.get(pk=world.participant.pk)) == "Intervjuperson (uppgifterna borttagna)"
    data = privacy.personal_data_of(world.evaluation)
    assert (data.is_empty, data.last_erasure) == (True, erasure)


def test_nothing_is_removed_before_publication(kk2020):
    world = build_world()  # in Frågeunderlag
    before = personal_state(world.evaluation)
    with pytest.raises(PrivacyError, match="först när utvärderingen är publicerad"):
        erase_personal_data(world.evaluation, by=world.admin)
    assert personal_state(world.evaluation) == before


def test_a_second_removal_is_refused_until_new_personal_data_is_added(kk2020):
    world = published_world()
    erase_personal_data(world.evaluation, by=world.admin)
    with pytest.raises(PrivacyError, match="inga personuppgifter att ta bort"):
        erase_personal_data(world.evaluation, by=world.admin)
    assert PersonalDataErasure.objects.filter(evaluation=world.evaluation).count() == 1
    Participant.objects.create(group=world.group, name="Sen Deltagare")
    assert erase_personal_data(world.evaluation, by=world.admin).participants == 1


def test_a_failure_half_way_leaves_everything_as_it_was(kk2020, monkeypatch):
    world = published_world()
    before = personal_state(world.evaluation)

    def broken(evaluation):
        raise RuntimeError("disk full")

    monkeypatch.setattr(privacy, "_notes", broken)  # after participants and proposals were changed
    with pytest.raises(RuntimeError):
        erase_personal_data(world.evaluation, by=world.admin)
    assert personal_state(world.evaluation) == before


def test_the_retention_rule_finds_what_was_published_long_enough_ago(kk2020, settings):
    settings.KOMPASS_PERSONAL_DATA_RETENTION_DAYS = 365
    world = published_world(days_ago=366)
    today = timezone.localdate()
    assert list(due_for_erasure(today=today)) == [world.evaluation]
    assert list(due_for_erasure(today=today - timedelta(days=2))) == []  # not yet a year then
    assert privacy.personal_data_of(world.evaluation).due == timezone.localdate(world.evaluation.published_at) + (
        timedelta(days=365)
    )
    Evaluation.objects.filter(pk=world.evaluation.pk).update(origin=Origin.IMPORTED)
    assert list(due_for_erasure(today=today)) == []  # imported reports hold no work material
    Evaluation.objects.filter(pk=world.evaluation.pk).update(origin=Origin.KOMPASS)
    erase_personal_data(world.evaluation)
    assert list(due_for_erasure(today=today)) == []  # nothing left


def test_the_command_lists_on_a_dry_run_and_erases_otherwise(kk2020, settings):
    settings.KOMPASS_PERSONAL_DATA_RETENTION_DAYS = 30
    world = published_world(days_ago=31)
    before = personal_state(world.evaluation)
    out = StringIO()
    call_command("erase_personal_data", "--dry-run", stdout=out)
    assert f"Skulle ta bort personuppgifter i {world.evaluation.key}" in out.getvalue()
    assert personal_state(world.evaluation) == before
    out = StringIO()
    call_command("erase_personal_data", stdout=out)
    assert "avidentifierade deltagare: 1, borttagna förslag: 1, tömda anteckningar: 1." in out.getvalue()
    erasure = PersonalDataErasure.objects.get(evaluation=world.evaluation)
    assert (erasure.reason, erasure.erased_by) == (ErasureReason.RETENTION, None)
    with pytest.raises(CommandError, match="Ogiltigt datum"):
        call_command("erase_personal_data", "--today", "i morgon")


# --- Pages and the endpoint ---


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def test_the_removal_takes_effect_for_exactly_the_lead_and_administrators(kk2020):
    world = published_world()
    url = reverse("evaluations:erase_personal_data", args=[world.evaluation.key])
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            before = personal_state(world.evaluation)
            response = client_for(world, role).post(url, {"confirm": "yes"})
            outcomes[role] = (response.status_code, personal_state(world.evaluation) != before)
            transaction.set_rollback(True)
    assert outcomes == {
        "admin": (302, True),
        "lead": (302, True),
        "colleague": (302, False),  # on the team, sees the page, may not remove
        "other_evaluator": (404, False),
        "contact": (404, False),  # the municipality does not see the team's material
        "other_contact": (404, False),
        "anonymous": (302, False),  # to the login page
    }


def test_the_removal_needs_the_confirmation_and_says_why(kk2020):
    world = published_world()
    client = client_for(world, "lead")
    before = personal_state(world.evaluation)
    response = client.post(reverse("evaluations:erase_personal_data", args=[world.evaluation.key]), follow=True)
    assert "kryssa i rutan" in response.content.decode()
    assert personal_state(world.evaluation) == before


def test_the_page_shows_what_is_left_and_the_removed_stand_ins(kk2020):
    world = published_world()
    client = client_for(world, "lead")
    page = client.get(reverse("evaluations:personal_data", args=[world.evaluation.key])).content.decode()
    assert "Intervjupersoner med namn" in page and "Ta bort personuppgifterna" in page
    client.post(reverse("evaluations:erase_personal_data", args=[world.evaluation.key]), {"confirm": "yes"})
    page = client.get(reverse("evaluations:personal_data", args=[world.evaluation.key])).content.decode()
    assert "Utvärderingen har inga personuppgifter kvar." in page
    assert "avidentifierade deltagare: 1, borttagna förslag: 1, tömda anteckningar: 1." in page
    assert "Gallringsregel" not in page  # nothing left for it
    visit = client.get(reverse("evaluations:visit_group", args=[world.evaluation.key, world.group.pk])).content
    assert "Intervjuperson (uppgifterna borttagna)" in visit.decode() and "Maria Lind" not in visit.decode()
    evidence = client.get(reverse("evaluations:evidence", args=[world.evaluation.key])).content.decode()
    assert "Texten är borttagen (personuppgifter)." in evidence
    assert "Politikerna känner till policyn." not in evidence


def test_a_browser_preferring_english_still_gets_swedish_dates(kk2020):
    world = published_world()
    client = client_for(world, "lead")
    url = reverse("evaluations:personal_data", args=[world.evaluation.key])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    due = privacy.personal_data_of(world.evaluation).due
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober"]
    months += ["november", "december"]
    assert response["Content-Language"] == "sv"
    assert f"tas bort {due.day} {months[due.month - 1]} {due.year}" in response.content.decode()
