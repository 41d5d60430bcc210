"""The whole flow in headless Chromium: a municipality contact builds a plan from a published evaluation,
marks progress, downloads Excel and Word and reads them back; the next evaluation's team sees the follow-up.
axe-core finds no violations on the plan, overview and follow-up pages."""

import io
from decimal import Decimal

import pytest

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Status
from kompass.evaluations.services import set_published_scores
from kompass.municipalities.models import Municipality
from tests.actionplans.conftest import add_finding
from tests.browser import assert_accessible, login_as
from tests.factories import make_evaluation, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_contact_builds_follows_and_exports_a_plan_and_the_next_team_sees_the_follow_up(
    reference_data, live_server, browser_page
):
    page = browser_page
    contact = make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="1980"), first_name="Kim")
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED)
    set_published_scores(evaluation, area_points={n: Decimal(50 + n) for n in range(1, 9)}, printed_total=None)
    point = add_finding(evaluation, 1, "Ta fram en plan för medborgardialog.")
    add_finding(evaluation, 3, "Följ upp de politiska målen samlat.")
    next_team = make_user(first_name="Nils")
    following = make_evaluation("1980", year=2024, status=Status.SCORING, team=[next_team])
    set_published_scores(following, area_points={1: Decimal(60)}, printed_total=None)
    base = f"{live_server.url}/handlingsplaner/{evaluation.key}/"

    login_as(page, live_server, contact)
    page.goto(base)
    page.get_by_role("button", name="Skapa handlingsplan").click()
    page.get_by_text("Handlingsplanen är skapad.").wait_for()

    section = page.locator(f"#point-{point.pk}")
    section.get_by_text("Lägg till en åtgärd").click()
    page.fill(f"#id_n{point.pk}-description", "Anta en plan för medborgardialog i fullmäktige")
    page.fill(f"#id_n{point.pk}-comment", "Förankras i KSAU")
    page.fill(f"#id_n{point.pk}-owner_name", "Åsa Öberg")
    page.fill(f"#id_n{point.pk}-owner_role", "Kanslichef")
    page.fill(f"#id_n{point.pk}-start", "2023-01-15")
    page.fill(f"#id_n{point.pk}-due", "2023-09-30")
    section.get_by_role("button", name="Spara åtgärden").click()
    page.get_by_text("Åtgärden är sparad.").wait_for()

    action = page.locator("article.ap-action").first
    action.get_by_text("Ändra åtgärden").click()
    action.get_by_label("Status").select_option(label="Pågår")
    action.get_by_role("button", name="Spara ändringen").click()
    page.get_by_text("Ändringen är sparad.").wait_for()
    action = page.locator("article.ap-action").first
    action.get_by_text("Skriv en lägesanteckning").click()
    action.get_by_label("Lägesanteckning").fill("Förslaget är ute på remiss.")
    action.get_by_role("button", name="Spara anteckningen").click()
    page.get_by_text("Lägesanteckningen är sparad.").wait_for()
    assert "Förslaget är ute på remiss." in page.locator("article.ap-action").first.inner_text()
    page.locator("article.ap-action").first.get_by_text("Ändra åtgärden").click()  # check the open form too
    assert_accessible(page)

    with page.expect_download() as excel:
        page.get_by_role("link", name="Ladda ner som Excel").click()
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(open(excel.value.path(), "rb").read())).active.iter_rows(values_only=True))
    assert rows[1][2:5] == (
        "Ta fram en plan för medborgardialog.",
        "Förankras i KSAU",
        "Anta en plan för medborgardialog i fullmäktige",
    )
    assert rows[1][7:] == ("Åsa Öberg, Kanslichef", "Pågår")

    with page.expect_download() as word:
        page.get_by_role("link", name="Ladda ner som Word").click()
    from docx import Document

    document = Document(io.BytesIO(open(word.value.path(), "rb").read()))
    cells = [cell.text for cell in document.tables[0].rows[1].cells]
    assert cells == [
        "Ta fram en plan för medborgardialog.",
        "Förankras i KSAU",
        "Anta en plan för medborgardialog i fullmäktige",
        "2023-01-15",
        "2023-09-30",
        "Åsa Öberg, Kanslichef",
        "Pågår",
    ]

    page.get_by_role("link", name="Översikt för ledningen").click()
    overview = page.get_by_role("table").inner_text()
    assert "1. Samspel mellan förtroendevalda och medborgare\t1\t1\t1\t0\t1\t1\t0" in overview  # late: due 2023
    assert_accessible(page)

    page.context.clear_cookies()
    login_as(page, live_server, next_team)
    page.goto(f"{live_server.url}/handlingsplaner/{following.key}/uppfoljning/")
    text = page.locator("main").inner_text()
    assert "Uppföljning av utvärderingen 2022" in text
    assert "Anta en plan för medborgardialog i fullmäktige – Pågår" in text
    scores = page.get_by_role("table").first.inner_text()
    assert "1. Samspel mellan förtroendevalda och medborgare\t51\t60\t+9" in scores
    assert_accessible(page)
