"""A whole evaluation in a real browser, with axe-core on every main page: an administrator creates an
evaluation with its team, the contact answers the questionnaire with an upload and submits, the team plans
the visit, opens the memo, records evidence and reads the coverage; then the two evaluators score an area
blind, agree a consensus, write the area, and the lead publishes — and the evaluation is on the public list."""

import re

import pytest
from playwright.sync_api import expect

from kompass.accounts.enums import Role
from kompass.criteria.models import Question
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import Municipality
from tests.browser import assert_accessible
from tests.evaluations.files import pdf_bytes
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "Kompass-test-2026"


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def log_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("link", name="Logga in")).to_be_visible()


def open_evaluation(page, live_server) -> None:
    page.goto(live_server.url + "/arbete/")
    page.get_by_role("link", name="Västerås 2026").click()


def score_area_blind(page, questions, points_for, rationale: str) -> None:
    for question in questions:
        page.fill(f"#points-{question.pk}", str(points_for(question)).replace(".", ","))
    page.fill(f"#rationale-{questions[0].pk}", rationale)
    page.get_by_role("button", name="Spara och lämna in området").click()


def test_a_whole_evaluation_from_creation_to_publication(live_server, browser_page, reference_data):
    page = browser_page
    make_user(username="ada", password=PASSWORD, role=Role.ADMINISTRATOR, first_name="Ada")
    make_user(username="eva", password=PASSWORD, first_name="Eva", last_name="Utvärderare", organisation="SKR")
    make_user(username="per", password=PASSWORD, first_name="Per", last_name="Kollega", organisation="Grannby kommun")
    make_user(username="kim", password=PASSWORD, role=Role.CONTACT, municipality=Municipality.objects.get(code="1980"))

    # The administrator creates the evaluation with its team.
    log_in(page, live_server, "ada")
    page.goto(live_server.url + "/arbete/")
    assert_accessible(page)
    page.get_by_role("link", name="Skapa utvärdering").click()
    page.get_by_label("Kommun").select_option(label="Västerås")
    page.get_by_label("Kriterieversion").select_option(label="kk2020 – Kommunkompassen 2020")
    page.get_by_label("År").fill("2026")
    page.get_by_label("Huvudutvärderare").select_option(label="Eva Utvärderare (SKR)")
    page.get_by_label("Kollegial utvärderare").select_option(label="Per Kollega (Grannby kommun)")
    page.get_by_label("Besöket börjar").fill("2026-03-10")
    page.get_by_label("Besöket slutar").fill("2026-03-11")
    page.get_by_label("Återkopplingsmöte").fill("2026-05-05")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa utvärderingen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kommunkompassen i Västerås 2026")
    expect(page.get_by_text("Per Kollega (Grannby kommun) – Kollegial utvärderare")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    evaluation = Evaluation.objects.get(key="1980-2026")
    q111 = str(Question.objects.get(area__version=evaluation.version, code="1.1.1").pk)

    # The lead sends out the questionnaire.
    log_in(page, live_server, "eva")
    open_evaluation(page, live_server)
    page.get_by_role("button", name="Flytta fram till Frågeunderlag").click()
    expect(page.get_by_text("Utvärderingen har status Frågeunderlag.")).to_be_visible()
    log_out(page)

    # The contact answers, uploads, proposes an interviewee and submits.
    log_in(page, live_server, "kim")
    open_evaluation(page, live_server)
    page.get_by_role("navigation", name="Utvärderingens delar").get_by_role("link", name="Frågeunderlag").click()
    page.get_by_role("link", name="1. Samspel mellan förtroendevalda och medborgare").click()
    page.get_by_label("Svar på fråga 1.1.1").fill("Ja, fullmäktige antog policyn i juni 2023.")
    page.get_by_label("Länkar, en per rad (1.1.1)").fill("https://vasteras.example.se/dialog")
    page.get_by_role("button", name="Spara utkast").click()
    expect(page.get_by_text("Utkastet är sparat (1 svar ändrade).")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sammanställning").click()
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "policy.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_label("Gäller fråga (valfritt)").select_option(q111)
    page.get_by_label("Beskrivning").fill("Policy för medborgardialog")
    page.get_by_role("button", name="Ladda upp").click()
    expect(page.get_by_text("”policy.pdf” är uppladdad.")).to_be_visible()
    page.get_by_label("Intervjugrupp").select_option(label="Ledande politiker")
    page.get_by_label("Namn").fill("Anna Holm")
    page.get_by_label("Befattning eller uppdrag").fill("Kommunstyrelsens ordförande")
    page.get_by_role("button", name="Lägg till förslaget").click()
    expect(page.get_by_text("Förslaget är sparat.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Skicka in frågeunderlaget").click()
    expect(page.get_by_text("Frågeunderlaget är inskickat. Tack!")).to_be_visible()
    log_out(page)

    # The team reads the answer, plans the visit and opens the memo.
    log_in(page, live_server, "eva")
    open_evaluation(page, live_server)
    page.get_by_role("button", name="Flytta fram till Besök").click()
    nav = page.get_by_role("navigation", name="Utvärderingens delar")
    nav.get_by_role("link", name="Frågeunderlag").click()
    page.get_by_role("link", name="1. Samspel mellan förtroendevalda och medborgare").click()
    expect(page.get_by_text("Ja, fullmäktige antog policyn i juni 2023.")).to_be_visible()
    expect(page.get_by_role("link", name="policy.pdf")).to_be_visible()
    nav.get_by_role("link", name="Besök").click()
    assert_accessible(page)
    page.get_by_role("link", name="Ledande politiker").click()
    page.get_by_label("Börjar").fill("2026-03-10T18:00")
    page.get_by_label("Slutar").fill("2026-03-10T19:00")
    page.get_by_label("Plats").fill("KS-salen")
    page.get_by_role("button", name="Spara gruppen").click()
    expect(page.get_by_text("Intervjugruppen är sparad.")).to_be_visible()
    page.get_by_role("button", name="Lägg till som deltagare Anna Holm").click()
    expect(page.get_by_text("Anna Holm är tillagd som deltagare.")).to_be_visible()
    page.get_by_label("Namn", exact=True).fill("Erik Sund")
    page.get_by_role("button", name="Lägg till deltagaren").click()
    expect(page.get_by_text("Deltagaren är tillagd.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Tillbaka till besöksplanen").click()
    page.get_by_role("link", name="Öppna besöks-PM").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("PM inför besöket – Kommunkompassen i Västerås 2026")
    row = page.get_by_role("row", name=re.compile("Ledande politiker"))
    expect(row).to_contain_text("18:00–19:00")
    expect(row).to_contain_text("Anna Holm (Kommunstyrelsens ordförande), Erik Sund")
    assert_accessible(page)

    # Evidence from the three sources, then the coverage.
    nav.get_by_role("link", name="Underlag", exact=True).click()
    page.locator("#id_interview-group").select_option(label="Ledande politiker")
    page.locator("#id_interview-text").fill("Policyn är känd och används före större beslut.")
    page.locator("#id_interview-questions").select_option([q111])
    page.get_by_role("button", name="Spara anteckningen").click()
    expect(page.get_by_text("Underlaget är sparat.")).to_be_visible()
    page.get_by_label("Dokumentets titel").fill("Policy för medborgardialog")
    page.get_by_label("Sida", exact=True).fill("3")
    page.locator("#id_document-questions").select_option([q111])
    page.get_by_role("button", name="Spara dokumentreferensen").click()
    expect(page.get_by_role("cell", name="Policy för medborgardialog", exact=True)).to_be_visible()
    page.get_by_label("Adress").fill("https://vasteras.example.se/dialog")
    page.get_by_label("Datum då sidan besöktes").fill("2026-03-01")
    page.get_by_label("Vad som hittades").fill("Policyn och en kalender över dialoger.")
    page.locator("#id_website-questions").select_option([q111])
    page.get_by_role("button", name="Spara iakttagelsen").click()
    expect(page.get_by_role("link", name="https://vasteras.example.se/dialog", exact=True)).to_be_visible()
    assert_accessible(page)
    # A typo in the observation is put right on its own page.
    page.get_by_role("link", name="Ändra https://vasteras.example.se/dialog").click()
    assert_accessible(page)
    page.get_by_label("Vad som hittades").fill("Policyn och en kalender över kommande dialoger.")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Underlaget är ändrat.")).to_be_visible()
    expect(page.get_by_text("Policyn och en kalender över kommande dialoger.")).to_be_visible()
    page.get_by_role("link", name="Visa täckning per fråga").click()
    expect(
        page.get_by_text("1 av 172 frågor har underlag från alla tre källorna; 171 saknar underlag.")
    ).to_be_visible()
    expect(page.get_by_role("row", name=re.compile(r"^1\.1\.1 Finns en av fullmäktige.* ✓ 1 ✓ 1 ✓ 1$"))).to_be_visible()
    assert_accessible(page)

    # Blind scoring of area 1: Eva first, then Per, who sees the difference only after submitting.
    open_evaluation(page, live_server)
    page.get_by_role("button", name="Flytta fram till Poängsättning").click()
    expect(page.get_by_text("Utvärderingen har status Poängsättning.")).to_be_visible()
    area_questions = sorted(
        Question.objects.filter(area__version=evaluation.version, area__number=1).select_related("subarea"),
        key=lambda q: (q.subarea.number, q.number),
    )
    first = area_questions[0]
    page.get_by_role("navigation", name="Utvärderingens delar").get_by_role("link", name="Poäng").click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/bedomning/{evaluation.key}/poang/1/")
    score_area_blind(page, area_questions, lambda q: q.max_points, "Evas bedömning: planen finns.")
    expect(page.get_by_text("Område 1 är inlämnat.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "per")
    page.goto(f"{live_server.url}/bedomning/{evaluation.key}/poang/1/")
    expect(page.get_by_text("Evas bedömning: planen finns.")).to_have_count(0)
    score_area_blind(page, area_questions, lambda q: q.max_points - (2 if q == first else 0), "Per: delvis.")
    expect(page.get_by_text("Alla har lämnat in. 1 fråga har olika poäng")).to_be_visible()
    expect(page.locator(f"#q-{first.pk} .difference")).to_have_text("≠ Skillnad: 2 poäng")
    assert_accessible(page)
    page.fill(f"#consensus-points-{first.pk}", str(first.max_points - 1))
    page.fill(f"#consensus-rationale-{first.pk}", "Enade efter samtal: antagen men inte uppföljd.")
    page.click(f"#q-{first.pk} button[type=submit]")
    expect(page.locator(f"#q-{first.pk}").get_by_text("Sparad gemensam poäng")).to_be_visible()

    # Writing area 1.
    page.goto(f"{live_server.url}/bedomning/{evaluation.key}/text/1/")
    page.fill("#general-text", "Västerås har en tydlig plan för medborgardialog.")
    page.get_by_role("button", name="Spara Allmänt").click()
    expect(page.get_by_text("Sparat.").first).to_be_visible()
    page.fill("#new-strength", "Policy för medborgardialog antagen av fullmäktige.")
    page.click("#strength button:has-text('Lägg till')")
    page.wait_for_selector("#strength ol textarea")
    page.fill("#new-improvement", "Följ upp dialogerna och återkoppla till invånarna.")
    page.click("#improvement button:has-text('Lägg till')")
    page.wait_for_selector("#improvement ol textarea")
    assert_accessible(page)
    log_out(page)

    # The lead moves the evaluation through writing and review and publishes it.
    log_in(page, live_server, "eva")
    open_evaluation(page, live_server)
    for step in ("Flytta fram till Skrivande", "Flytta fram till Granskning", "Publicera"):
        page.get_by_role("button", name=step).click()
    expect(page.get_by_text("Utvärderingen har status Publicerad.")).to_be_visible()

    # Published: the lead removes the personal data; the report stays.
    page.get_by_role("link", name="Personuppgifter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Personuppgifter")
    assert_accessible(page)
    page.get_by_label("Jag förstår att personuppgifterna inte går att få tillbaka.").check()
    page.get_by_role("button", name="Ta bort personuppgifterna").click()
    expect(page.get_by_text("Personuppgifterna är borttagna. Poäng, texter och rapporten finns kvar.")).to_be_visible()
    expect(page.get_by_text("Utvärderingen har inga personuppgifter kvar.")).to_be_visible()
    log_out(page)

    # Anyone now finds it on the public list, with its strength.
    page.goto(live_server.url + "/utvarderingar/")
    listed = page.locator('a[href="/utvarderingar/1980-2026/"]')
    expect(listed).to_contain_text("Västerås")
    listed.first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Västerås")
    expect(page.get_by_text("Policy för medborgardialog antagen av fullmäktige.")).to_be_visible()
    assert_accessible(page)
