from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kompass.actionplans.enums import ActionStatus
from kompass.actionplans.models import Action, ActionPlan, PlanPoint, ProgressNote
from kompass.actionplans.services import add_action, add_progress_note, create_plan, update_action
from tests.actionplans.conftest import add_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_client(world):
    client = Client()
    client.force_login(world.contact)
    return client


def _action_data(prefix, **values):
    data = {"description": "Anta en dialogplan", "status": "not_started", "start": "", "due": ""}
    return {f"{prefix}-{key}": value for key, value in {**data, **values}.items()}


def test_a_contact_creates_the_plan_adds_an_action_edits_it_and_writes_a_note(world, contact_client):
    key, point = world.evaluation.key, world.points[0]
    assert contact_client.post(f"/handlingsplaner/{key}/skapa/").status_code == 302
    response = contact_client.post(
        f"/handlingsplaner/{key}/punkt/{point.pk}/atgard/",
        _action_data(f"n{point.pk}", start="2024-01-01", due="2024-06-30", owner_name="Ada", owner_email="a@x.se"),
    )
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/handlingsplaner/{key}/#action-{action.pk}"
    response = contact_client.post(
        f"/handlingsplaner/{key}/atgard/{action.pk}/",
        _action_data(f"a{action.pk}", revision=1, status="in_progress", due="2024-08-31"),
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.status, action.due, action.revision, action.updated_by) == (
        ActionStatus.IN_PROGRESS,
        date(2024, 8, 31),
        2,
        world.contact,
    )
    contact_client.post(
        f"/handlingsplaner/{key}/atgard/{action.pk}/anteckning/",
        {f"m{action.pk}-date": "2024-03-01", f"m{action.pk}-text": "Remiss skickad"},
    )
    assert list(ProgressNote.objects.values_list("date", "text", "author")) == [
        (date(2024, 3, 1), "Remiss skickad", world.contact.pk)
    ]
    page = contact_client.get(f"/handlingsplaner/{key}/").content.decode()
    assert "Remiss skickad" in page and "Pågår" in page


def test_due_before_start_is_refused_with_a_swedish_message_and_the_input_kept(world, contact_client):
    create_plan(world.evaluation)
    point = world.points[0]
    response = contact_client.post(
        f"/handlingsplaner/{world.evaluation.key}/punkt/{point.pk}/atgard/",
        _action_data(f"n{point.pk}", description="Min text", start="2024-05-02", due="2024-05-01"),
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Åtgärden sparades inte: rätta det som är markerat nedan." in text
    assert "Klart-datumet kan inte vara före startdatumet." in text
    assert ">\nMin text</textarea>" in text
    assert Action.objects.count() == 0


def test_an_unknown_point_is_refused_with_a_swedish_message(world, contact_client):
    create_plan(world.evaluation)
    response = contact_client.post(
        f"/handlingsplaner/{world.evaluation.key}/punkt/999999/atgard/", _action_data("n999999")
    )
    assert response.status_code == 400
    assert "Förbättringsmöjligheten finns inte i den här utvärderingen." in response.content.decode()
    assert Action.objects.count() == 0


def test_a_stale_edit_shows_the_other_version_keeps_my_input_and_saves_nothing(world, contact_client):
    plan = create_plan(world.evaluation)
    action = add_action(plan, finding_id=world.points[0].pk, description="Ursprunglig")
    update_action(action, expected_revision=1, by=world.admin, description="Administratörens version", status="done")
    response = contact_client.post(
        f"/handlingsplaner/{world.evaluation.key}/atgard/{action.pk}/",
        _action_data(f"a{action.pk}", revision=1, description="Min version"),
    )
    text = response.content.decode()
    assert response.status_code == 409
    assert "Ändringen sparades inte. Åtgärden har ändrats av" in text
    assert "Den sparade versionen: ”Administratörens version” – status Klar" in text
    assert ">\nMin version</textarea>" in text
    assert f'name="a{action.pk}-revision" value="2"' in text
    action.refresh_from_db()
    assert (action.description, action.revision) == ("Administratörens version", 2)


def test_hostile_text_is_escaped_on_every_page(world, contact_client):
    plan = create_plan(world.evaluation)
    hostile = '<script>alert("x")</script>'
    action = add_action(plan, finding_id=world.points[0].pk, description=hostile, comment=hostile)
    add_progress_note(action, text=hostile, on=date(2024, 1, 1))
    add_finding(world.next_evaluation, 1, "x")  # the follow-up page lists the previous plan's actions
    pages = [f"/handlingsplaner/{world.evaluation.key}/", f"/handlingsplaner/{world.evaluation.key}/oversikt/"]
    for url in pages:
        assert "<script>alert" not in contact_client.get(url).content.decode()
    team = Client()
    team.force_login(world.next_team)
    followup = team.get(f"/handlingsplaner/{world.next_evaluation.key}/uppfoljning/").content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in followup and "<script>alert" not in followup


def test_priority_and_publishing_are_saved_from_the_page(world, contact_client):
    plan = create_plan(world.evaluation)
    key, point = world.evaluation.key, world.points[2]
    contact_client.post(f"/handlingsplaner/{key}/punkt/{point.pk}/prioritet/", {f"p{point.pk}-priority": "high"})
    assert list(PlanPoint.objects.values_list("priority", flat=True)) == ["high"]
    stale = contact_client.post(f"/handlingsplaner/{key}/punkt/{point.pk}/prioritet/", {f"p{point.pk}-priority": "low"})
    assert stale.status_code == 409 and "Den sparade prioriteten: Hög" in stale.content.decode()
    contact_client.post(f"/handlingsplaner/{key}/publicera/", {"is_public": "on"})
    plan.refresh_from_db()
    assert plan.is_public is True
    contact_client.post(f"/handlingsplaner/{key}/publicera/", {})
    plan.refresh_from_db()
    assert plan.is_public is False


def test_the_export_view_sends_an_attachment(world, contact_client):
    create_plan(world.evaluation)
    response = contact_client.get(f"/handlingsplaner/{world.evaluation.key}/export.docx")
    assert response["Content-Disposition"] == 'attachment; filename="handlingsplan-1980-2022.docx"'
    assert response.content[:2] == b"PK"
    assert contact_client.get(f"/handlingsplaner/{world.evaluation.key}/export.exe").status_code == 404


def _fill(world, plan, rows):
    for index in range(rows):
        point = add_finding(world.evaluation, 1 + index % 8, f"Punkt {index}")
        action = add_action(plan, finding_id=point.pk, description=f"Åtgärd {index}", due=date(2024, 1, 1))
        add_progress_note(action, text="Läget", on=date(2024, 1, 1))


@pytest.mark.parametrize("page", ["", "oversikt/"])
def test_the_number_of_queries_does_not_grow_with_the_number_of_actions(world, contact_client, page):
    plan = create_plan(world.evaluation)
    url = f"/handlingsplaner/{world.evaluation.key}/{page}"
    _fill(world, plan, 2)
    with CaptureQueriesContext(connection) as few:
        assert contact_client.get(url).status_code == 200
    _fill(world, plan, 12)
    with CaptureQueriesContext(connection) as many:
        assert contact_client.get(url).status_code == 200
    assert len(many) == len(few)
    assert ActionPlan.objects.get().actions.count() == 14
