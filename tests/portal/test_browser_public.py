import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_browses_filters_compares_and_finds_open_data_accessibly(
    live_server, browser_page, reference_data, published_results
):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kommunkompassen – så styrs och leds kommunerna"
    assert_accessible(page)

    page.get_by_role("link", name="Alla publicerade utvärderingar").click()
    page.get_by_label("Kriterieversion").select_option("kk2010")
    page.get_by_label("Län").select_option("22")
    page.get_by_role("button", name="Visa").click()
    assert page.get_by_role("table").locator("caption").inner_text() == "2 publicerade utvärderingar"
    assert_accessible(page)

    page.get_by_role("link", name="Kramfors 2011").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kramfors 2011"
    assert "Rapporten tryckte totalen 359, men områdena summerar till 363." in page.content()
    assert (
        page.locator("svg[role=img] title").first.text_content() == "Kramfors 2011: poäng per område mot genomsnittet"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Alla utvärderingar av Kramfors").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kramfors"
    assert_accessible(page)

    page.goto(live_server.url + "/kommuner/0115/")
    assert page.get_by_role("heading", name="kk2016 → kk2020 (2021)").is_visible()
    page.get_by_role("link", name="Jämför Vallentuna med andra kommuner").click()
    page.get_by_label("Kommun 2", exact=True).fill("Tomelilla")
    page.get_by_label("Kommun 3", exact=True).fill("Höganäs")
    page.get_by_role("button", name="Jämför").click()
    assert page.get_by_role("heading", name="Poäng per område på kk2020").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Genomsnitt").click()
    page.get_by_label("Dela upp per").select_option("county")
    page.get_by_role("button", name="Visa").click()
    assert page.get_by_text("Publicerat av SKR/SKL för kk2020").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Öppna data och API").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV, kk2010").click()
    assert download.value.suggested_filename == "kommunkompassen-resultat-kk2010.csv"
    assert_accessible(page)

    page.get_by_role("link", name="API-dokumentation").click()
    assert page.get_by_role("heading", level=1).inner_text() == "API-dokumentation"
    assert_accessible(page)
