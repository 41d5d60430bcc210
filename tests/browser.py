"""Browser-test support: Debian's Chromium driven by Playwright, and axe-core accessibility checks.

Use the `browser_page` fixture (re-exported in tests/conftest.py) together with pytest-django's
`live_server`. Tests are marked `browser` and skip loudly when /usr/bin/chromium is missing (in CI,
where CI=true, they fail instead: bin/test installs Chromium first)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _require(path: Path, what: str) -> None:
    if path.exists():
        return
    message = f"{what} saknas ({path}); kör bin/test som installerar det"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def _playwright_browser() -> Iterator[object]:
    _require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_playwright_browser):
    """A fresh browser context and page per test (own cookies), Swedish locale."""
    context = _playwright_browser.new_context(locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page and return its violations."""
    _require(AXE, "axe-core (npm)")
    # Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
    # (a script tag would be inline script, which the policy forbids).
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return result["violations"]


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    summary = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in violations]
    assert violations == [], f"axe-core på {page.url}:\n{json.dumps(summary, indent=2, ensure_ascii=False)}"


def login_as(page, live_server, user) -> None:
    """Log `user` in without the login form (for tests about something else): a session made by Django's
    test client, handed to the browser as its cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}])
