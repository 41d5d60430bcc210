"""The Content-Security-Policy in a real browser: pages with charts and htmx work and nothing is refused."""

import pytest

from kompass.core.demo import ensure_demo_evaluation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_charts_and_htmx_work_and_the_browser_refuses_nothing(browser_page, live_server, reference_data):
    from kompass.comparison.services import load_published_results

    load_published_results()
    ensure_demo_evaluation()
    refused: list[str] = []
    page = browser_page
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: refused.append(str(e)))

    for path in ("/", "/utvarderingar/9999-2025/", "/kommuner/1980/", "/genomsnitt/", "/rapporter/9999-2025/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200
        assert "script-src 'self'" in response.headers["content-security-policy"]
    page.goto(f"{live_server.url}/utvarderingar/9999-2025/")
    assert page.locator("svg").first.bounding_box()["width"] > 100  # the radar chart is drawn

    # htmx loads, requests and swaps (as on the consensus form) under the policy
    assert page.evaluate("typeof htmx") == "object"
    page.evaluate("htmx.ajax('GET', '/genomsnitt/', {target: '#main', select: '#main h1'})")
    page.wait_for_selector("#main h1 >> text=Genomsnitt")
    assert refused == []
