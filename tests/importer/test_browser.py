import pytest

from kompass.accounts.enums import Role
from kompass.evaluations.models import Evaluation
from tests.browser import assert_accessible, login_as
from tests.factories import make_user
from tests.importer import samples
from tests.importer.layouts import REPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_uploads_three_reports_corrects_a_conflict_and_finds_the_evaluation(
    browser_page, live_server, reference_data, tmp_path, settings
):
    settings.KOMPASS_IMPORT_IN_BACKGROUND = True  # read in the background thread, as on the server
    page = browser_page
    login_as(page, live_server, make_user(role=Role.ADMINISTRATOR))
    sundbyberg = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8")
    files = {
        "falun.txt": samples.KK2020_FALUN,
        "sundbyberg.txt": sundbyberg.replace(
            "Politisk styrning och kontroll 70\n", "Politisk styrning och kontroll 76\n"
        ),
        "luleå.txt": (REPORTS / "kk2020-lulea-2022-pdfslide.txt").read_text(encoding="utf-8"),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    page.goto(f"{live_server.url}/import/")
    assert_accessible(page)
    page.get_by_label("Rapporter (text eller PDF)").set_input_files([str(tmp_path / n) for n in files])
    page.get_by_role("button", name="Läs rapporterna").click()
    page.get_by_role("heading", name="Uppladdade rapporter").wait_for()
    page.get_by_text("Alla rapporter är lästa").wait_for()  # the htmx poll replaced the table
    assert_accessible(page)
    assert page.get_by_text("1 avvikelse").count() == 1
    page.get_by_role("link", name="sundbyberg.txt").click()
    page.get_by_role("heading", name="Avvikelser att rätta eller bekräfta").wait_for()
    sources = page.get_by_role("list", name="Källtext för område 3")
    assert "poängöversikten, sida 3, rad 105: ”Politisk styrning och kontroll 76”" in sources.inner_text()
    assert_accessible(page)
    page.get_by_label("Rätt poäng för område 3").fill("76")
    page.get_by_role("button", name="Spara poäng för område 3").click()
    page.get_by_text("Rättelsen är sparad.").wait_for()
    assert page.get_by_role("heading", name="Avvikelser att rätta eller bekräfta").count() == 0
    page.get_by_role("button", name="Bekräfta importen").click()
    page.wait_for_url(f"{live_server.url}/utvarderingar/0183-2010/")
    evaluation = Evaluation.objects.get(key="0183-2010")
    assert {s.area.number: s.points for s in evaluation.area_scores.select_related("area")}[3] == 76
    assert sorted(Evaluation.objects.values_list("key", flat=True)) == ["0183-2010"]
