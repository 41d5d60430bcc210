import io

import pytest
from openpyxl import load_workbook

from kompass.municipalities.groups import KommungruppRow, store_kommungrupper
from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_journalist_ranks_filters_compares_by_typing_and_downloads_excel(
    live_server, browser_page, reference_data, published_results
):
    store_kommungrupper([KommungruppRow(c, "B3", "test") for c in ("1880", "1980", "1883")])
    page = browser_page
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Rangordning").click()
    page.get_by_label("Kriterieversion").select_option("kk2010")
    page.get_by_role("button", name="Visa").click()
    table = page.get_by_role("table", name="kk2010: totalpoäng per kommun, högst först")
    rows = table.locator("tbody tr")
    assert rows.first.inner_text().split("\t")[:2] == ["1", "Örebro 2015"]
    assert rows.last.inner_text().split("\t") == ["–", "Västerås 2012", "B3 Större stad", "2012", "uppgift saknas"]
    assert_accessible(page)

    page.get_by_label("Kommungrupp (SKR)").select_option("B3")
    page.get_by_role("button", name="Visa").click()
    assert table.locator("tbody tr").count() == 3
    assert_accessible(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Jämför").click()
    page.get_by_label("Kriterieversion").select_option("kk2010")
    page.get_by_label("Kommun 1", exact=True).fill("Kramfors")
    page.get_by_label("Kommun 2", exact=True).fill("örebro")
    page.get_by_label("Kommun 3", exact=True).fill("Västerås stad")
    page.get_by_role("button", name="Jämför").click()
    assert page.get_by_role("heading", name="Poäng per område på kk2010").is_visible()
    assert page.get_by_label("Kommun 2", exact=True).input_value() == "örebro"
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ned jämförelsen som Excel").click()
    assert download.value.suggested_filename == "jamforelse-kk2010-2282-1880-1980.xlsx"
    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Område", "Kramfors 2013", "Örebro 2015", "Västerås 2012", "Genomsnitt kk2010", "N"]
    assert rows[9] == ["Totalpoäng", 448, 650, "uppgift saknas", 506.2, 12]
