from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from kompass.accounts.enums import Role
from kompass.criteria.models import Question
from kompass.evaluations.enums import DocumentKind, Status
from kompass.evaluations.models import Answer, IntervieweeProposal, QuestionnaireDocument
from kompass.evaluations.services.questionnaire import QuestionnaireError, save_answers
from tests.evaluations.files import docx_bytes, pdf_bytes, plain_zip_bytes, upload, xlsx_bytes
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(kk2020):
    lead = make_user()
    evaluation = make_evaluation(status=Status.QUESTIONNAIRE, team=[lead])
    contact = make_user(role=Role.CONTACT, municipality=evaluation.municipality)
    question = Question.objects.select_related("area").get(area__version=evaluation.version, code="1.1.1")
    contact_client, team_client = Client(), Client()
    contact_client.force_login(contact)
    team_client.force_login(lead)
    return evaluation, question, contact, contact_client, team_client


def _url(name: str, evaluation, *args) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.key, *args])


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _stored_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_contact_saves_a_draft_and_the_team_reads_it_beside_the_question(setup):
    evaluation, question, _, contact_client, team_client = setup
    response = contact_client.post(
        _url("questionnaire_area", evaluation, 1),
        {f"text-{question.pk}": "Ja, antagen 2023.", f"links-{question.pk}": "https://example.se/policy\n"},
        follow=True,
    )
    assert _messages(response) == ["Utkastet är sparat (1 svar ändrade)."]
    answer = Answer.objects.get(evaluation=evaluation, question=question)
    assert (answer.text, answer.links) == ("Ja, antagen 2023.", ["https://example.se/policy"])
    page = team_client.get(_url("questionnaire_area", evaluation, 1)).content.decode()
    assert '<div class="answer-text">Ja, antagen 2023.</div>' in page
    assert '<a href="https://example.se/policy" rel="noopener noreferrer">https://example.se/policy</a>' in page
    assert "<textarea" not in page  # the team reads, only the contact writes


def test_a_link_that_is_not_a_web_address_refuses_the_whole_save(setup):
    evaluation, question, _, contact_client, _ = setup
    other = Question.objects.get(area__version=evaluation.version, code="1.1.2")
    response = contact_client.post(
        _url("questionnaire_area", evaluation, 1),
        {f"text-{other.pk}": "Ett svar", f"text-{question.pk}": "x", f"links-{question.pk}": "javascript:alert(1)"},
    )
    assert _messages(response) == ["Fråga 1.1.1: ”javascript:alert(1)” är inte en webbadress (börja med https://)."]
    assert Answer.objects.count() == 0
    assert "Ett svar</textarea>" in response.content.decode()  # what was typed is kept on the page


def test_hostile_text_in_answers_and_file_names_is_shown_as_text(setup):
    evaluation, question, contact, contact_client, team_client = setup
    save_answers(evaluation, answers={question: ("<script>alert('x')</script>", "")}, by=contact)
    contact_client.post(
        _url("upload_document", evaluation), {"file": upload("<img src=x onerror=alert(1)>.pdf", pdf_bytes())}
    )
    area = team_client.get(_url("questionnaire_area", evaluation, 1)).content.decode()
    overview = team_client.get(_url("questionnaire", evaluation)).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in area
    assert "<script>alert" not in area
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in overview
    assert "<img src=x" not in overview


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("policy.pdf", pdf_bytes(), DocumentKind.PDF),
        ("plan.DOCX", docx_bytes(), DocumentKind.DOCX),
        ("mål.xlsx", xlsx_bytes(), DocumentKind.XLSX),
    ],
)
def test_pdf_word_and_excel_files_are_stored_and_served_only_through_the_checked_view(setup, name, content, kind):
    evaluation, _, _, contact_client, team_client = setup
    response = contact_client.post(_url("upload_document", evaluation), {"file": upload(name, content)}, follow=True)
    assert _messages(response) == [f"”{name}” är uppladdad."]
    document = QuestionnaireDocument.objects.get()
    assert (document.kind, document.original_name, document.size) == (kind, name, len(content))
    assert [p.read_bytes() for p in _stored_files()] == [content]
    download = team_client.get(_url("download_document", evaluation, document.pk))
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"].startswith("attachment;")
    assert Client().get("/" + django_settings.MEDIA_URL + document.file.name).status_code == 404


BAD_UPLOADS = [
    ("stor.pdf", "too-large", "”stor.pdf” är 2 kB; största tillåtna storlek är 1 kB."),
    (
        "falsk.pdf",
        "Det här är bara text, ingen PDF.".encode(),
        "”falsk.pdf” är inte en PDF-fil – innehållet är av en annan eller okänd typ.",
    ),
    ("trasig.docx", docx_bytes()[:1500], "”trasig.docx” är skadad eller inte ett Word- eller Excel-dokument."),
    ("arkiv.docx", plain_zip_bytes(), "”arkiv.docx” är ett zip-arkiv men inte ett Word- eller Excel-dokument."),
    ("dokument.pdf", docx_bytes(), "”dokument.pdf” heter som en PDF-fil men innehållet är ett Word-dokument."),
    ("halv.pdf", pdf_bytes()[:-60], "”halv.pdf” är en ofullständig PDF-fil (slutet saknas)."),
    ("program.exe", b"MZ\x90\x00", "”program.exe”: bara PDF, Word (.docx) och Excel (.xlsx) kan laddas upp."),
    ("tom.pdf", b"", "Den skickade filen är tom."),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_UPLOADS, ids=[b[0] for b in BAD_UPLOADS])
def test_a_bad_upload_gets_a_swedish_message_and_nothing_is_stored(setup, settings, name, content, message):
    evaluation, _, _, contact_client, _ = setup
    if content == "too-large":
        settings.KOMPASS_MAX_UPLOAD_BYTES = 1024
        content = pdf_bytes() + b"%" * 2048
    response = contact_client.post(_url("upload_document", evaluation), {"file": upload(name, content)}, follow=True)
    assert _messages(response) == [message]
    assert QuestionnaireDocument.objects.count() == 0
    assert _stored_files() == []


def test_after_submitting_the_questionnaire_is_read_only_for_the_contact_until_the_team_reopens_it(setup):
    evaluation, question, contact, contact_client, team_client = setup
    save_answers(evaluation, answers={question: ("Första svaret", "")}, by=contact)
    response = contact_client.post(_url("submit_questionnaire", evaluation), follow=True)
    assert _messages(response) == ["Frågeunderlaget är inskickat. Tack!"]
    assert "<textarea" not in contact_client.get(_url("questionnaire_area", evaluation, 1)).content.decode()
    response = contact_client.post(_url("questionnaire_area", evaluation, 1), {f"text-{question.pk}": "Ändrat"})
    assert _messages(response) == ["Frågeunderlaget är inskickat och kan inte ändras om inte teamet öppnar det igen."]
    assert Answer.objects.get().text == "Första svaret"
    response = team_client.post(_url("reopen_questionnaire", evaluation), follow=True)
    assert _messages(response) == ["Frågeunderlaget är öppnat igen för kommunen."]
    contact_client.post(
        _url("questionnaire_area", evaluation, 1), {f"text-{question.pk}": "Ändrat", f"revision-{question.pk}": 1}
    )
    assert Answer.objects.get().text == "Ändrat"


def test_an_empty_questionnaire_cannot_be_submitted(setup):
    evaluation, _, _, contact_client, _ = setup
    response = contact_client.post(_url("submit_questionnaire", evaluation), follow=True)
    assert _messages(response) == ["Besvara minst en fråga eller ladda upp ett dokument innan du skickar in."]
    assert not hasattr(evaluation, "questionnaire")


def test_the_contact_cannot_answer_before_the_questionnaire_is_sent_or_after_the_visit(setup):
    evaluation, question, contact, _, _ = setup
    for status in (Status.PLANNED, Status.SCORING):
        evaluation.status = status
        with pytest.raises(QuestionnaireError, match="Frågeunderlaget kan inte ändras just nu."):
            save_answers(evaluation, answers={question: ("Svar", "")}, by=contact)
    assert Answer.objects.count() == 0


def test_the_contact_proposes_interviewees_and_the_team_adds_one_as_participant(setup):
    evaluation, _, _, contact_client, team_client = setup
    from kompass.evaluations.services.visit import ensure_interview_groups

    ensure_interview_groups(evaluation)
    group = evaluation.interview_groups.get(name="Opposition")
    response = contact_client.post(
        _url("propose", evaluation), {"group": group.pk, "name": "Lena Dahl", "role": "Oppositionsråd"}, follow=True
    )
    assert _messages(response) == ["Förslaget är sparat."]
    assert "Lena Dahl" in contact_client.get(_url("questionnaire", evaluation)).content.decode()
    proposal = IntervieweeProposal.objects.get()
    response = team_client.post(_url("accept_proposal", evaluation, proposal.pk), follow=True)
    assert _messages(response) == ["Lena Dahl är tillagd som deltagare."]
    assert list(group.participants.values_list("name", "role")) == [("Lena Dahl", "Oppositionsråd")]
    response = team_client.post(_url("accept_proposal", evaluation, proposal.pk), follow=True)
    assert _messages(response) == ["Lena Dahl är redan tillagd som deltagare."]
    assert group.participants.count() == 1


def _post_area(client, evaluation, question, text: str, original: tuple[str, int]):
    shown, revision = original  # the text the page showed and its revision
    return client.post(
        _url("questionnaire_area", evaluation, question.area.number),
        {
            f"text-{question.pk}": text,
            f"links-{question.pk}": "",
            f"initial-text-{question.pk}": shown,
            f"initial-links-{question.pk}": "",
            f"revision-{question.pk}": revision,
        },
    )


def test_a_second_contact_saving_over_a_changed_answer_is_refused_and_shown_the_other_version(setup):
    evaluation, question, contact, contact_client, _ = setup
    colleague = make_user(role=Role.CONTACT, municipality=evaluation.municipality, first_name="Kerstin")
    page = contact_client.get(_url("questionnaire_area", evaluation, question.area.number))
    row = next(r for r in page.context["rows"] if r["question"] == question)
    original = (row["text"].value(), row["revision"].value())
    save_answers(evaluation, answers={question: ("Kerstins svar.", "")}, by=colleague)

    response = _post_area(contact_client, evaluation, question, "Mitt svar.", original)

    assert response.status_code == 200
    assert any("Kerstins svar." in m and "har ändrats av Kerstin" in m for m in _messages(response))
    assert Answer.objects.get(evaluation=evaluation, question=question).text == "Kerstins svar."


def test_an_answer_the_second_contact_did_not_touch_keeps_the_other_version(setup):
    evaluation, question, contact, contact_client, _ = setup
    colleague = make_user(role=Role.CONTACT, municipality=evaluation.municipality)
    page = contact_client.get(_url("questionnaire_area", evaluation, question.area.number))
    row = next(r for r in page.context["rows"] if r["question"] == question)
    original = (row["text"].value(), row["revision"].value())
    save_answers(evaluation, answers={question: ("Kollegans svar.", "")}, by=colleague)

    _post_area(contact_client, evaluation, question, "", original)  # the page still showed it empty

    assert Answer.objects.get(evaluation=evaluation, question=question).text == "Kollegans svar."
