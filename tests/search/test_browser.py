"""Browser flow: a visitor searches good examples, narrows by area, follows a hit; the municipality reads
role models next to its improvement points. Both pages pass axe-core."""

import pytest

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Status
from kompass.municipalities.models import Municipality
from tests.browser import assert_accessible, login_as
from tests.factories import make_evaluation, make_user
from tests.search.helpers import published, score_areas, write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_and_municipality_sees_role_models(browser_page, live_server, reference_data):
    vasteras = published("1980", year=2012)
    score_areas(vasteras, {2: 71})
    write(vasteras, 2, general="Västerås stad har inrättat ett kontaktcenter.", strengths=("Västerås Kontaktcenter.",))
    umea = published("2480", version="kk2020", year=2021)
    write(umea, 1, general="Ett kontaktcenter för föreningslivet <b>&</b> medborgarna.")
    draft = make_evaluation("0180", version="kk2010", year=2024, status=Status.REVIEW)
    write(draft, 2, general="Ett kontaktcenter planeras.", improvements=("Inrätta ett kontaktcenter.",))

    page = browser_page
    page.goto(f"{live_server.url}/goda-exempel/")
    page.get_by_label("Sökord").fill("kontaktcenter")
    page.get_by_role("button", name="Sök").click()
    assert page.get_by_role("heading", level=2).first.inner_text() == "3 träffar för kontaktcenter"
    assert sorted(page.locator(".hit-excerpt mark").all_inner_texts()) == [
        "Kontaktcenter",
        "kontaktcenter",
        "kontaktcenter",
    ]
    umea_hit = page.locator(".hit", has_text="Umeå 2021").locator(".hit-excerpt")
    assert umea_hit.inner_text() == "Ett kontaktcenter för föreningslivet <b>&</b> medborgarna."
    assert_accessible(page)

    page.get_by_role("combobox", name="Område:", exact=True).select_option(
        label="2. Tillgänglighet och brukarorientering"
    )
    page.get_by_role("button", name="Sök").click()
    assert page.get_by_role("heading", level=2).first.inner_text() == "2 träffar för kontaktcenter"
    page.get_by_role("link", name="Västerås 2012").first.click()
    assert page.url == f"{live_server.url}/utvarderingar/1980-2012/"

    contact = make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0180"))
    login_as(page, live_server, contact)
    page.goto(f"{live_server.url}/goda-exempel/forebilder/0180-2024/")
    assert page.get_by_role("heading", level=1).inner_text() == "Förebilder för Stockholm 2024"
    assert page.locator("ul.improvements li").all_inner_texts() == ["Inrätta ett kontaktcenter."]
    assert page.locator(".rolemodel-strengths li").all_inner_texts() == ["Västerås Kontaktcenter."]
    assert_accessible(page)
