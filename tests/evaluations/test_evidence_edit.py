"""Changing a piece of evidence: the same checks as adding it, and never a silent overwrite of someone
else's newer change."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from kompass.criteria.models import Question
from kompass.evaluations.models import DocumentReference, InterviewNote
from kompass.evaluations.services.evidence import (
    EvidenceError,
    add_document_reference,
    add_website_observation,
    change_evidence,
)
from tests.evaluations.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(kk2020, kk2010):
    return build_world()


def edit_url(world, source: str, pk: int) -> str:
    return reverse("evaluations:edit_evidence", args=[world.evaluation.key, source, pk])


def lead(world) -> Client:
    client = Client()
    client.force_login(world.lead)
    return client


def note_post(world, text: str, revision: int) -> dict:
    return {
        "interview-group": world.group.pk,
        "interview-text": text,
        "interview-questions": [world.question.pk],
        "interview-revision": revision,
    }


def test_the_lead_changes_an_interview_note_from_its_page(world):
    client = lead(world)
    page = client.get(edit_url(world, "interview", world.note.pk)).content.decode()
    original = world.note.revision
    assert "Politikerna känner till policyn." in page and f'name="interview-revision" value="{original}"' in page
    response = client.post(
        edit_url(world, "interview", world.note.pk), note_post(world, "Politikerna känner väl till policyn.", original)
    )
    assert response.status_code == 302
    assert InterviewNote.objects.get(pk=world.note.pk).text == "Politikerna känner väl till policyn."


def test_a_save_over_someone_elses_newer_change_is_refused(world):
    original = world.note.revision
    change_evidence(
        world.evaluation,
        source="interview",
        pk=world.note.pk,
        expected_revision=original,
        questions=[world.question],
        group=world.group,
        text="Kollegans version.",
    )
    response = lead(world).post(
        edit_url(world, "interview", world.note.pk), note_post(world, "Min version.", original), follow=True
    )
    page = response.content.decode()
    assert "Underlaget har ändrats av" in page and "Kollegans version." in page
    assert "Min version." in page  # the editor's text is still in the form
    assert InterviewNote.objects.get(pk=world.note.pk).text == "Kollegans version."


def test_changes_are_checked_as_when_adding(world):
    original = world.note.revision
    other_version = Question.objects.filter(area__version__code="kk2010").first()
    for questions, text, message in [
        ([], "Text", "minst en fråga"),
        ([other_version], "Text", "hör inte till utvärderingens kriterieversion"),
        ([world.question], "   ", "Anteckningen är tom"),
    ]:
        with pytest.raises(EvidenceError, match=message):
            change_evidence(
                world.evaluation,
                source="interview",
                pk=world.note.pk,
                expected_revision=original,
                questions=questions,
                group=world.group,
                text=text,
            )
    assert InterviewNote.objects.get(pk=world.note.pk).text == "Politikerna känner till policyn."


def test_documents_and_website_observations_can_be_changed_too(world):
    document = add_document_reference(world.evaluation, title="Budget 2024", questions=[world.question], by=world.lead)
    change_evidence(
        world.evaluation,
        source="document",
        pk=document.pk,
        expected_revision=document.revision,
        questions=[world.question],
        title="Mål och budget 2024",
        date=date(2023, 11, 20),
        page="12",
        note="",
    )
    assert DocumentReference.objects.values_list("title", "page").get(pk=document.pk) == ("Mål och budget 2024", "12")
    website = add_website_observation(
        world.evaluation,
        url="https://example.se/a",
        seen_on=date(2024, 3, 1),
        finding="Protokoll finns.",
        questions=[world.question],
        by=world.lead,
    )
    with pytest.raises(EvidenceError, match="https://"):
        change_evidence(
            world.evaluation,
            source="website",
            pk=website.pk,
            expected_revision=website.revision,
            questions=[world.question],
            url="javascript:alert(1)",
            seen_on=date(2024, 3, 1),
            finding="x",
        )


def test_evidence_of_another_evaluation_or_an_unknown_source_is_not_found(world):
    client = lead(world)
    assert client.get(edit_url(world, "interview", world.note.pk + 999)).status_code == 404
    assert client.get(edit_url(world, "email", world.note.pk)).status_code == 404
    other_note = InterviewNote.objects.create(
        evaluation=world.other_evaluation, group=world.other_evaluation.interview_groups.create(name="G"), text="x"
    )
    assert client.get(edit_url(world, "interview", other_note.pk)).status_code == 404
