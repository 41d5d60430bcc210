"""Who may read and edit an action plan: every role, against a private and a published plan."""

import pytest
from django.test import Client

from kompass.actionplans.models import Action
from kompass.actionplans.services import add_action, create_plan, set_public

pytestmark = pytest.mark.django_db

ROLES = ["admin", "contact", "other_contact", "team", "next_team", "other_evaluator", "anonymous"]
READERS_OF_PRIVATE_PLAN = {"admin", "contact", "team", "next_team"}
EDITORS = {"admin", "contact"}


def _client(world, role):
    client = Client()
    if (user := world.user(role)) is not None:
        client.force_login(user)
    return client


def _plan(world, *, public):
    plan = create_plan(world.evaluation)
    add_action(plan, finding_id=world.points[0].pk, description="Hemlig åtgärd 4711")
    set_public(plan, public=public)
    return plan


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("public", [False, True])
def test_reading_the_plan_its_overview_and_exports_follows_the_role_and_the_publish_flag(world, role, public):
    _plan(world, public=public)
    client = _client(world, role)
    key = world.evaluation.key
    expected = 200 if public or role in READERS_OF_PRIVATE_PLAN else 404
    responses = {
        "plan": client.get(f"/handlingsplaner/{key}/"),
        "overview": client.get(f"/handlingsplaner/{key}/oversikt/"),
        "xlsx": client.get(f"/handlingsplaner/{key}/export.xlsx"),
    }
    assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(responses, expected)
    if expected == 200:
        assert "Hemlig åtgärd 4711" in responses["plan"].content.decode()
        assert ("Spara ändringen" in responses["plan"].content.decode()) == (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_municipalitys_contacts_and_administrators_may_add_actions_even_to_a_published_plan(world, role):
    plan = _plan(world, public=True)
    response = _client(world, role).post(
        f"/handlingsplaner/{world.evaluation.key}/punkt/{world.points[1].pk}/atgard/",
        {f"n{world.points[1].pk}-description": "Ny åtgärd", f"n{world.points[1].pk}-status": "not_started"},
    )
    assert response.status_code == (302 if role in EDITORS else 404)
    assert Action.objects.filter(plan=plan).count() == (2 if role in EDITORS else 1)


@pytest.mark.parametrize("role", ROLES)
def test_before_a_plan_exists_editors_may_create_it_and_the_teams_see_that_there_is_none(world, role):
    response = _client(world, role).get(f"/handlingsplaner/{world.evaluation.key}/")
    expected = {"admin": 200, "contact": 200, "team": 200, "next_team": 200}.get(role, 404)
    assert response.status_code == expected
    if expected == 200:
        text = response.content.decode()
        assert ("Skapa handlingsplan" in text) == (role in EDITORS)
        assert ("Kommunen har ännu inte gjort någon handlingsplan." in text) == (role not in EDITORS)


@pytest.mark.parametrize("role", ["admin", "contact"])
def test_an_unpublished_evaluation_has_no_plan_page_for_anyone(world, role):
    response = _client(world, role).get(f"/handlingsplaner/{world.next_evaluation.key}/")
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_follow_up_of_an_evaluation_under_way_is_for_its_team_and_administrators(world, role):
    _plan(world, public=False)
    response = _client(world, role).get(f"/handlingsplaner/{world.next_evaluation.key}/uppfoljning/")
    assert response.status_code == (200 if role in {"admin", "next_team"} else 404)
    if response.status_code == 200:
        assert "Hemlig åtgärd 4711" in response.content.decode()
