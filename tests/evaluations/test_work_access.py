"""The access matrix for every page and endpoint under /arbete/: exactly the allowed roles get through;
everyone else gets 404 (anonymous: the login page), and nothing changes."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from kompass.evaluations.enums import Status
from kompass.evaluations.models import (
    Answer,
    Evaluation,
    IntervieweeProposal,
    InterviewGroup,
    InterviewNote,
    Participant,
    Questionnaire,
    QuestionnaireDocument,
)
from tests.evaluations.files import pdf_bytes, upload
from tests.evaluations.world import INTERNAL, ROLES, WORK, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(kk2020):
    return build_world()


def client_for(world, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


def _url(name: str, world, *args) -> str:
    return reverse(f"evaluations:{name}", args=[world.evaluation.key, *args])


PAGES = {
    "workspace": (lambda w: _url("workspace", w), WORK),
    "questionnaire": (lambda w: _url("questionnaire", w), WORK),
    "questionnaire_area": (lambda w: _url("questionnaire_area", w, 1), WORK),
    "download_document": (lambda w: _url("download_document", w, w.document.pk), WORK),
    "visit_memo": (lambda w: _url("visit_memo", w), WORK),
    "visit": (lambda w: _url("visit", w), INTERNAL),
    "visit_group": (lambda w: _url("visit_group", w, w.group.pk), INTERNAL),
    "evidence": (lambda w: _url("evidence", w), INTERNAL),
    "coverage": (lambda w: _url("coverage", w), INTERNAL),
    "personal_data": (lambda w: _url("personal_data", w), INTERNAL),
    "edit_evidence": (lambda w: _url("edit_evidence", w, "interview", w.note.pk), INTERNAL),
    "create": (lambda w: reverse("evaluations:create"), {"admin"}),
    "invite": (lambda w: reverse("accounts:invite"), {"admin"}),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_lets_exactly_the_allowed_roles_through(world, role):
    client = client_for(world, role)
    for page, (url, allowed) in PAGES.items():
        response = client.get(url(world))
        if role == "anonymous":
            assert (page, response.status_code, response["Location"].split("?")[0]) == (
                page,
                302,
                "/konto/logga-in/",
            )
        else:
            assert (page, response.status_code) == (page, 200 if role in allowed else 404)


@pytest.mark.parametrize("role", ROLES)
def test_my_evaluations_lists_exactly_what_each_role_works_on(world, role):
    response = client_for(world, role).get("/arbete/")
    if role == "anonymous":
        assert response.status_code == 302
        return
    keys = [e.key for e in response.context["evaluations"]]
    expected = {
        "admin": ["0180-2024", "1980-2024"],
        "lead": ["1980-2024"],
        "colleague": ["1980-2024"],
        "other_evaluator": ["0180-2024"],
        "contact": ["1980-2024"],
        "other_contact": ["0180-2024"],
    }[role]
    assert sorted(keys) == expected


def test_a_published_evaluation_does_not_open_its_work_pages_to_outsiders(kk2020):
    world = build_world(status=Status.PUBLISHED)
    for role in ("other_evaluator", "other_contact"):
        client = client_for(world, role)
        assert [client.get(url(world)).status_code for url, _ in PAGES.values() if _ != {"admin"}] == [404] * 11


# Writes: (url, data, how to see that it took effect). `effective` = the roles whose request changes
# something; the others either get 404 (no access to the work or the internal material) or a refusal.
def _snapshot(world) -> tuple:
    world.evaluation.refresh_from_db()
    return (
        world.evaluation.status,
        Answer.objects.count(),
        QuestionnaireDocument.objects.count(),
        IntervieweeProposal.objects.count(),
        InterviewGroup.objects.count(),
        Participant.objects.count(),
        InterviewNote.objects.count(),
        IntervieweeProposal.objects.filter(accepted=True).count(),
        InterviewGroup.objects.filter(name="Ändrat namn").count(),
        tuple(InterviewNote.objects.order_by("pk").values_list("text", flat=True)),
    )


WRITES = {
    "move": (lambda w: _url("move", w), lambda w: {"to": Status.VISIT}, WORK, {"admin", "lead", "colleague"}),
    "answer": (
        lambda w: _url("questionnaire_area", w, 1),
        lambda w: {
            f"text-{w.question.pk}": "Nytt svar",
            f"revision-{w.question.pk}": 1,
            f"text-{w.question.pk + 1}": "Ett till",
        },
        WORK,
        {"contact"},
    ),
    "upload": (
        lambda w: _url("upload_document", w),
        lambda w: {"file": upload("ny.pdf", pdf_bytes())},
        WORK,
        {"contact"},
    ),
    "delete_document": (lambda w: _url("delete_document", w, w.document.pk), lambda w: {}, WORK, {"contact"}),
    "propose": (
        lambda w: _url("propose", w),
        lambda w: {"group": w.group.pk, "name": "Ny Person"},
        WORK,
        {"contact"},
    ),
    "withdraw_proposal": (lambda w: _url("withdraw_proposal", w, w.proposal.pk), lambda w: {}, WORK, {"contact"}),
    "submit": (lambda w: _url("submit_questionnaire", w), lambda w: {}, WORK, set()),  # checked through the state
    "add_group": (lambda w: _url("visit", w), lambda w: {"name": "Kommunala bolag"}, INTERNAL, INTERNAL),
    "edit_group": (
        lambda w: _url("visit_group", w, w.group.pk),
        lambda w: {"name": "Ändrat namn", "revision": w.group.revision},
        INTERNAL,
        INTERNAL,
    ),
    "delete_group": (lambda w: _url("delete_group", w, w.group.pk + 1), lambda w: {}, INTERNAL, INTERNAL),
    "add_participant": (
        lambda w: _url("add_participant", w, w.group.pk),
        lambda w: {"person-name": "Ny Deltagare"},
        INTERNAL,
        INTERNAL,
    ),
    "remove_participant": (lambda w: _url("remove_participant", w, w.participant.pk), lambda w: {}, INTERNAL, INTERNAL),
    "accept_proposal": (lambda w: _url("accept_proposal", w, w.proposal.pk), lambda w: {}, INTERNAL, INTERNAL),
    "add_note": (
        lambda w: _url("add_evidence", w, "interview"),
        lambda w: {"interview-group": w.group.pk, "interview-text": "Ny", "interview-questions": [w.question.pk]},
        INTERNAL,
        INTERNAL,
    ),
    "delete_note": (lambda w: _url("delete_evidence", w, "interview", w.note.pk), lambda w: {}, INTERNAL, INTERNAL),
    "edit_note": (
        lambda w: _url("edit_evidence", w, "interview", w.note.pk),
        lambda w: {
            "interview-group": w.group.pk,
            "interview-text": "Ändrad anteckning",
            "interview-questions": [w.question.pk],
            "interview-revision": w.note.revision,
        },
        INTERNAL,
        INTERNAL,
    ),
}


@pytest.mark.parametrize("write", list(WRITES))
def test_every_write_takes_effect_for_exactly_the_allowed_roles(world, write):
    url, data, reachable, effective = WRITES[write]
    outcomes = {}
    for role in ROLES:
        # Each role's attempt runs in a savepoint that is rolled back, so every role meets the same world.
        with transaction.atomic():
            world.evaluation = Evaluation.objects.get(pk=world.evaluation.pk)
            before = _snapshot(world)
            response = client_for(world, role).post(url(world), data(world))
            after = _snapshot(world)
            submitted = Questionnaire.objects.filter(evaluation=world.evaluation, submitted_at__isnull=False).exists()
            changed = submitted if write == "submit" else after != before
            location = response.get("Location", "")
            outcomes[role] = (response.status_code, location.startswith("/konto/logga-in/"), changed)
            transaction.set_rollback(True)
    if write == "submit":
        effective = {"contact"}
    expected = {}
    for role in ROLES:
        if role == "anonymous":
            expected[role] = (302, True, False)
        elif role in reachable:
            expected[role] = (
                outcomes[role][0] if outcomes[role][0] in (200, 302) else "200/302",
                False,
                role in effective,
            )
        else:
            expected[role] = (404, False, False)
    assert outcomes == expected


@pytest.mark.parametrize("status", [Status.QUESTIONNAIRE, Status.PUBLISHED])
def test_no_workspace_tab_leads_anyone_to_a_missing_page(kk2020, status):
    world = build_world(status=status)
    for role in sorted(WORK):
        client = client_for(world, role)
        page = client.get(_url("workspace", world)).content.decode()
        nav = page.split('class="workspace-nav"', 1)[1].split("</nav>", 1)[0]
        tabs = re.findall(r'href="([^"]+)"', nav)
        assert len(tabs) >= 3
        assert [(role, tab, client.get(tab).status_code) for tab in tabs] == [(role, tab, 200) for tab in tabs]
        assert ("/handlingsplaner/" in nav) == (status == Status.PUBLISHED)
