"""A team member reads the report in the browser (accessible), and downloads the PDF."""

import pytest

from kompass.core.demo import ensure_demo_evaluation
from kompass.evaluations.models import TeamMembership
from tests.browser import assert_accessible, login_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_team_member_reads_the_report_and_downloads_the_pdf(reference_data, live_server, browser_page):
    evaluation, _created = ensure_demo_evaluation()
    lead = TeamMembership.objects.select_related("user").filter(evaluation=evaluation).first().user
    login_as(browser_page, live_server, lead)

    browser_page.goto(f"{live_server.url}/rapporter/{evaluation.key}/")

    assert browser_page.locator("h1").inner_text() == "Analys av Exempelkommun 2025"
    assert browser_page.locator("#kap-5").inner_text() == "5 Kortfakta om Exempelkommun"
    assert browser_page.locator("figure.report-chart svg").count() == 2
    assert_accessible(browser_page)
    with browser_page.expect_download() as download:
        browser_page.get_by_role("link", name="Ladda ner som PDF (PDF/A)").click()
    assert download.value.suggested_filename == "kommunkompassen-9999-2025.pdf"
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
