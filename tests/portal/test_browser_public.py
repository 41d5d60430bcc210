import pytest

from tests.browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_list_and_evaluation_page_are_accessible(live_server, browser_page, published_results):
    page = browser_page
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Publicerade utvärderingar"
    assert_accessible(page)
    page.get_by_role("link", name="Kramfors").first.click()
    assert "Kramfors 20" in page.get_by_role("heading", level=1).inner_text()
    assert_accessible(page)
