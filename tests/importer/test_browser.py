import pytest

from kompass.accounts.enums import Role
from kompass.evaluations.models import Evaluation
from tests.browser import assert_accessible, login_as
from tests.factories import make_user
from tests.importer import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_imports_a_report_through_the_upload_page(browser_page, live_server, reference_data, tmp_path):
    page = browser_page
    login_as(page, live_server, make_user(role=Role.ADMINISTRATOR))
    report = tmp_path / "falun.txt"
    report.write_text(samples.KK2020_FALUN, encoding="utf-8")
    page.goto(f"{live_server.url}/import/")
    assert_accessible(page)
    page.get_by_label("Rapport (text eller PDF)").set_input_files(str(report))
    page.get_by_role("button", name="Läs rapporten (torrkörning)").click()
    page.get_by_role("heading", name="Det här hittades").wait_for()
    assert_accessible(page)
    assert Evaluation.objects.count() == 0
    page.get_by_role("button", name="Importera").click()
    page.wait_for_url(f"{live_server.url}/utvarderingar/2080-2021/")
    assert Evaluation.objects.get().key == "2080-2021"
