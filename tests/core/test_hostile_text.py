"""Hostile text in every form that takes text: a NUL byte or another control character gives the Swedish
message and stores nothing; a bidirectional override is removed from what is stored. Runs on SQLite and
PostgreSQL (where a NUL byte used to be a server error)."""

from __future__ import annotations

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.actionplans.models import Action
from kompass.actionplans.services import create_plan
from kompass.assessment.models import AreaText, EvaluatorScore, Finding
from kompass.core.forms import KompassForm
from kompass.core.text import UnsafeTextError, clean_user_text, strip_control_characters
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.forms import DocumentUploadForm
from kompass.evaluations.models import (
    Answer,
    DocumentReference,
    InterviewGroup,
    InterviewNote,
    QuestionnaireDocument,
    WebsiteObservation,
)
from kompass.evaluations.services.visit import ensure_interview_groups
from kompass.municipalities.models import Municipality
from kompass.reports.models import KeyFacts
from tests.evaluations.files import pdf_bytes
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db

MESSAGE = "Texten innehåller otillåtna tecken (kontrolltecken, t.ex. NUL). Ta bort dem och försök igen."
NUL, ESCAPE, C1 = "\x00", "\x1b", "\x85"
HOSTILE = [NUL, ESCAPE, C1]
RLO, PDF_MARK, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"


# --- the functions -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\x80", "\x9f", "\ufffe"])
def test_control_characters_are_refused_with_the_swedish_message(char):
    with pytest.raises(UnsafeTextError) as raised:
        clean_user_text(f"Rapport{char}text")
    assert str(raised.value) == MESSAGE


def test_tab_newline_and_carriage_return_are_ordinary_text_and_bidi_overrides_are_removed():
    assert clean_user_text("a\tb\r\nc") == "a\tb\r\nc"
    assert clean_user_text(f"abc{RLO}def{PDF_MARK} {LRI}x{PDI} \u202a\u202b\u202d\u2067\u2068") == "abcdef x "
    assert clean_user_text("Västerås – ”citat” \u200f") == "Västerås – ”citat” \u200f"  # marks are not overrides


def test_machine_text_is_cleaned_not_refused():
    assert strip_control_characters(f"Sida 1\x0cSida 2{NUL}\x1b[31m{RLO}röd\x85slut") == "Sida 1\nSida 2[31mröd\nslut"


# --- forms: the mixin ---------------------------------------------------------------------------------------


class _NoteForm(KompassForm):
    title = forms.CharField(max_length=50)
    text = forms.CharField(required=False)
    kinds = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B")], required=False)


def test_the_base_form_refuses_control_characters_per_field_and_shows_the_text_without_them():
    form = _NoteForm(data={"title": f"Plan{NUL}", "text": "ok", "kinds": ["a"]})
    assert not form.is_valid()
    assert form.errors == {"title": [MESSAGE]}
    assert form["title"].value() == "Plan"  # shown again without the character, next to the message
    assert "title" not in form.cleaned_data


def test_the_base_form_refuses_a_control_character_in_a_multiple_choice():
    form = _NoteForm(data={"title": "Plan", "kinds": ["a", f"b{ESCAPE}"]})
    assert form.errors == {"kinds": [MESSAGE]}


def test_the_base_form_removes_bidi_overrides_from_clean_data():
    form = _NoteForm(data={"title": f"Plan {RLO}cod.exe{PDF_MARK}", "text": f"{LRI}x{PDI}"})
    assert form.is_valid()
    assert form.cleaned_data["title"] == "Plan cod.exe"
    assert form.cleaned_data["text"] == "x"


# --- every form that takes text, through its page ------------------------------------------------------------


@pytest.fixture
def work(kk2020):
    lead = make_user(first_name="Eva", last_name="Lead")
    evaluation = make_evaluation("1980", status=Status.QUESTIONNAIRE, team=[lead])
    contact = make_user(role=Role.CONTACT, municipality=evaluation.municipality)
    team, municipality = Client(), Client()
    team.force_login(lead)
    municipality.force_login(contact)
    return evaluation, lead, team, municipality


@pytest.mark.parametrize("char", HOSTILE)
def test_questionnaire_answer(work, char):
    evaluation, _, _, contact = work
    question = Question.objects.get(area__version=evaluation.version, code="1.1.1")
    url = reverse("evaluations:questionnaire_area", args=[evaluation.key, 1])
    response = contact.post(url, {f"text-{question.pk}": f"Ja{char}", f"links-{question.pk}": ""})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert Answer.objects.count() == 0
    contact.post(url, {f"text-{question.pk}": f"Ja {RLO}gnol{PDF_MARK}", f"links-{question.pk}": ""})
    assert Answer.objects.get().text == "Ja gnol"


@pytest.mark.parametrize("char", HOSTILE)
def test_document_upload_form_refuses_a_file_name_with_control_characters(work, char):
    # Django's upload parser already drops unprintable characters from names it reads from a request; the form
    # refuses them from any other source too.
    evaluation = work[0]
    upload = SimpleUploadedFile("plan.pdf", pdf_bytes(), content_type="application/pdf")
    upload.name = f"plan{char}.pdf"  # the setter of the class keeps the name as given
    form = DocumentUploadForm({}, {"file": upload}, evaluation=evaluation)
    assert form.errors == {"file": ["Filnamnet innehåller otillåtna tecken (kontrolltecken). Byt namn på filen."]}


def test_document_upload_caps_the_file_name(work):
    evaluation, _, _, contact = work
    url = reverse("evaluations:upload_document", args=[evaluation.key])
    long = SimpleUploadedFile("a" * 197 + ".pdf", pdf_bytes(), content_type="application/pdf")
    response = contact.post(url, {"file": long}, follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Filnamnet är för långt (högst 200 tecken). Byt namn på filen."
    ]
    assert QuestionnaireDocument.objects.count() == 0
    fits = SimpleUploadedFile("a" * 196 + ".pdf", pdf_bytes(), content_type="application/pdf")
    contact.post(url, {"file": fits}, follow=True)
    assert QuestionnaireDocument.objects.get().original_name == "a" * 196 + ".pdf"


@pytest.fixture
def visit(work):
    evaluation, lead, team, _ = work
    evaluation.status = Status.VISIT
    evaluation.save()
    ensure_interview_groups(evaluation)
    return evaluation, team


@pytest.mark.parametrize("char", HOSTILE)
def test_evidence_of_every_kind(visit, char):
    evaluation, team = visit
    question = Question.objects.get(area__version=evaluation.version, code="1.1.1")
    group = evaluation.interview_groups.first()
    forms = {
        "interview": {"interview-group": group.pk, "interview-text": f"Sagt{char}"},
        "document": {"document-title": f"Plan{char}", "document-page": "3"},
        "website": {
            "website-url": "https://example.se/",
            "website-seen_on": "2026-03-01",
            "website-finding": f"Finns{char}",
        },
    }
    for source, data in forms.items():
        prefix = source
        data[f"{prefix}-questions"] = [question.pk]
        response = team.post(reverse("evaluations:add_evidence", args=[evaluation.key, source]), data)
        assert MESSAGE in response.content.decode(), source
    assert (InterviewNote.objects.count(), DocumentReference.objects.count(), WebsiteObservation.objects.count()) == (
        0,
        0,
        0,
    )


def test_evidence_without_bidi_overrides(visit):
    evaluation, team = visit
    question = Question.objects.get(area__version=evaluation.version, code="1.1.1")
    data = {"document-title": f"Plan {RLO}fdp{PDF_MARK}", "document-questions": [question.pk]}
    team.post(reverse("evaluations:add_evidence", args=[evaluation.key, "document"]), data)
    assert DocumentReference.objects.get().title == "Plan fdp"


@pytest.mark.parametrize("char", HOSTILE)
def test_visit_plan_group(visit, char):
    evaluation, team = visit
    group = evaluation.interview_groups.get(name="Ledande politiker")
    url = reverse("evaluations:visit_group", args=[evaluation.key, group.pk])
    data = {"name": "Ledande politiker", "location": f"KS-salen{char}", "revision": group.revision}
    response = team.post(url, data, follow=True)
    assert MESSAGE in response.content.decode()
    assert InterviewGroup.objects.get(pk=group.pk).location == ""
    data["location"] = f"KS-{LRI}salen{PDI}"
    team.post(url, data, follow=True)
    assert InterviewGroup.objects.get(pk=group.pk).location == "KS-salen"


@pytest.fixture
def scoring(work):
    evaluation, lead, team, _ = work
    evaluation.status = Status.SCORING
    evaluation.save()
    return evaluation, lead, team, Area.objects.get(version=evaluation.version, number=1)


@pytest.mark.parametrize("char", HOSTILE)
def test_scoring_rationale(scoring, char):
    evaluation, _, team, area = scoring
    q = Question.objects.filter(area=area).first()
    url = reverse("assessment:scoring_area", args=[evaluation.key, 1])
    data = {"action": "save", f"points-{q.pk}": "1", f"revision-{q.pk}": "0", f"rationale-{q.pk}": f"Se{char}"}
    response = team.post(url, data)
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert EvaluatorScore.objects.count() == 0
    data[f"rationale-{q.pk}"] = f"Se {RLO}ovan{PDF_MARK}"
    assert team.post(url, data).status_code == 302
    assert EvaluatorScore.objects.get().rationale == "Se ovan"


@pytest.mark.parametrize("char", HOSTILE)
def test_writing_texts_and_findings(scoring, char):
    evaluation, _, team, area = scoring
    general_url = reverse("assessment:save_general", args=[evaluation.key, 1])
    finding_url = reverse("assessment:add_finding", args=[evaluation.key, 1])
    general = team.post(general_url, {"text": f"Allmänt{char}", "revision": "0"})
    finding = team.post(finding_url, {"kind": FindingKind.STRENGTH, "text": f"Bra{char}", "count": "0"})
    assert (general.status_code, finding.status_code) == (400, 400)
    assert MESSAGE in general.content.decode() and MESSAGE in finding.content.decode()
    assert (AreaText.objects.count(), Finding.objects.count()) == (0, 0)
    team.post(finding_url, {"kind": FindingKind.STRENGTH, "text": f"Bra {RLO}text", "count": "0"})
    assert Finding.objects.get().text == "Bra text"


@pytest.mark.parametrize("char", HOSTILE)
def test_kortfakta(work, char):
    evaluation, _, team, _ = work
    url = reverse("reports:key_facts", args=[evaluation.key])
    response = team.post(url, {"population": "156789", "political_majority": f"S{char}"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not KeyFacts.objects.exists()
    team.post(url, {"population": "156789", "political_majority": f"{RLO}S och M"})
    assert KeyFacts.objects.get().political_majority == "S och M"


@pytest.mark.parametrize("char", HOSTILE)
def test_action_plan(kk2020, char):
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED)
    area = Area.objects.get(version=evaluation.version, number=1)
    point = Finding.objects.create(evaluation=evaluation, area=area, kind=FindingKind.IMPROVEMENT, position=1, text="x")
    create_plan(evaluation)
    client = Client()
    client.force_login(make_user(role=Role.CONTACT, municipality=evaluation.municipality))
    url = f"/handlingsplaner/{evaluation.key}/punkt/{point.pk}/atgard/"
    data = {f"n{point.pk}-description": f"Anta en plan{char}", f"n{point.pk}-status": "not_started"}
    response = client.post(url, data)
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert Action.objects.count() == 0
    data[f"n{point.pk}-description"] = f"Anta en {RLO}plan"
    client.post(url, data)
    assert Action.objects.get().description == "Anta en plan"


@pytest.mark.parametrize("char", HOSTILE)
def test_invitation(admin_client, char):
    data = {"email": "kim@vasteras.se", "first_name": f"Kim{char}", "last_name": "Kontakt", "role": Role.CONTACT}
    response = admin_client.post("/konto/inbjudan/", {**data, "municipality": "1980"})
    assert MESSAGE in response.content.decode()
    assert not User.objects.filter(email="kim@vasteras.se").exists()


@pytest.mark.parametrize("char", HOSTILE)
def test_login(db, char):
    make_user(username="eva", password="rätt-lösenord-1")
    response = Client().post("/konto/logga-in/", {"username": f"eva{char}", "password": "rätt-lösenord-1"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()


@pytest.mark.parametrize("char", HOSTILE)
def test_search_query(published_results, char):
    response = Client().get(reverse("search:search"), {"q": f"dialog{char}"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()


@pytest.mark.parametrize("char", HOSTILE)
def test_public_result_filter(published_results, char):
    response = Client().get(reverse("portal:evaluations"), {"municipality": f"Västerås{char}"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()


@pytest.mark.parametrize("char", HOSTILE)
def test_api_search_query(published_results, char):
    response = Client().get("/api/search", {"q": f"dialog{char}"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "q"]
    assert MESSAGE in response.json()["errors"][0]["msg"]


@pytest.mark.parametrize("char", HOSTILE)
def test_admin_forms(admin_client, kk2020, char):
    before = Municipality.objects.get(code="1980").name
    url = reverse("admin:municipalities_municipality_change", args=["1980"])
    page = admin_client.post(url, {"code": "1980", "name": f"Västerås stad{char}", "short_name": "Västerås"})
    assert page.status_code == 200 and MESSAGE in page.content.decode()
    assert Municipality.objects.get(code="1980").name == before


@pytest.mark.parametrize("char", [ESCAPE, C1])  # Django's admin already ignores a search with a NUL byte
def test_admin_search_finds_nothing_for_control_characters(admin_client, kk2020, char):
    listing = admin_client.get(reverse("admin:municipalities_municipality_changelist"), {"q": f"Väst{char}"})
    assert listing.status_code == 200
    assert list(listing.context["cl"].result_list) == []


def test_the_admin_user_form_removes_bidi_overrides(admin_client):
    user = make_user(first_name="Kim")
    url = reverse("admin:accounts_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "first_name": f"Kim {RLO}nimda",
        "last_name": "",
        "email": "",
        "role": Role.EVALUATOR,
        "organisation": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "is_active": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).first_name == "Kim nimda"


def test_hand_read_filters_and_choices_do_not_fail_on_a_nul_byte(scoring):
    evaluation, _, team, _ = scoring
    history = team.get(reverse("assessment:history", args=[evaluation.key]), {"fraga": f"1.1{NUL}"})
    assert history.status_code == 200
    url = reverse("assessment:add_reference", args=[evaluation.key, 1])
    response = team.post(url, {"municipality": f"01{NUL}", "theme": "Dialog"})
    assert response.status_code == 400 and MESSAGE in response.content.decode()


def test_the_admin_group_form_refuses_control_characters(admin_client):
    from django.contrib.auth.models import Group

    response = admin_client.post(reverse("admin:auth_group_add"), {"name": f"Granskare{ESCAPE}"})
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not Group.objects.exists()
