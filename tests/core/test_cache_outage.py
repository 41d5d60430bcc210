"""A cache outage slows kompass down; it never breaks it. The cache points at a closed port here."""

from __future__ import annotations

import logging
import re
import socket
from collections import Counter, deque
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.test import override_settings

from kompass.accounts.enums import Role
from kompass.core import health
from kompass.core.cache import _Outage
from kompass.core.demo import ensure_demo_evaluation
from kompass.evaluations.enums import Status
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_down():
    _Outage.down_since, _Outage.retry_at = None, 0.0
    location = f"redis://127.0.0.1:{closed_port()}/4"
    backend = {
        "BACKEND": "kompass.core.cache.ResilientRedisCache",
        "LOCATION": location,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
    }
    with override_settings(CACHES={"default": backend}):
        yield
    _Outage.down_since, _Outage.retry_at = None, 0.0


def test_reads_miss_writes_are_dropped_and_incr_reports_a_missing_key(redis_down):
    assert cache.get("k", "standard") == "standard"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_or_set("k", 7) == 7
    assert cache.get_many(["a", "b"]) == {}
    with pytest.raises(ValueError):
        cache.incr("k")


def test_the_outage_is_logged_once(redis_down, caplog):
    _Outage.retry_at = 0.0
    with caplog.at_level(logging.INFO, logger="kompass.cache"):
        for _ in range(3):
            cache.get("k")
            _Outage.retry_at = 0.0  # try Redis again every time: still only one line
    lines = [r.getMessage() for r in caplog.records if r.name == "kompass.cache"]
    assert len(lines) == 1
    assert lines[0].startswith("Cachen (Redis) går inte att nå; kompass svarar utan cache")


def test_health_says_the_cache_is_down_but_kompass_answers(redis_down, client):
    assert health.check().details() == {"status": "ok", "database": "ok", "cache": "fel", "worker": "okänd"}
    response = client.get("/halsa/")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


SKIP = ("/admin/", "/static/", "/konto/logga-ut/", "/media/")


def shape(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted({p.split("=")[0] for p in parts.query.split("&") if p})
    return re.sub(r"[0-9]+", "N", parts.path) + "?" + "&".join(keys)


def crawl(client, start: list[str], *, per_shape: int = 2, limit: int = 250) -> dict[str, int]:
    """Follows every link on the site (at most `per_shape` addresses that differ only in numbers)."""
    seen: dict[str, int] = {}
    shapes: Counter[str] = Counter()
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP) or shapes[shape(url)] >= per_shape:
            continue
        shapes[shape(url)] += 1
        response = client.get(url)
        seen[url] = response.status_code
        if response.get("Content-Type", "").startswith("text/html"):
            for href in re.findall(r'href="(/[^"#]*)"', response.content.decode()):
                queue.append(href.replace("&amp;", "&"))
    return seen


API = [
    "/api/versions",
    "/api/versions/kk2010",
    "/api/municipalities?page=2",
    "/api/municipalities/1980",
    "/api/evaluations",
    "/api/evaluations/1980-2012",
    "/api/averages/kk2010",
    "/api/comparison?version=kk2010&municipality=1980&municipality=2282",
    "/api/search?q=medborgardialog",
    "/api/openapi.json",
    "/api/docs/",
]


def test_every_public_page_the_api_and_embeds_answer_without_the_cache(redis_down, client, published_results):
    ensure_demo_evaluation()
    statuses = crawl(
        client, ["/", "/inbaddning/1980.svg", "/inbaddning/1980.png", "/goda-exempel/?q=medborgardialog", *API]
    )
    errors = {url: code for url, code in statuses.items() if code >= 500}
    assert errors == {}
    assert len(statuses) > 40  # the walk reached the whole site (44 addresses when written)
    assert {statuses[u] for u in API} == {200}
    assert statuses["/inbaddning/1980.png"] == 200
    assert any("/ladda-ner/pdf/" in url and code == 200 for url, code in statuses.items())


def test_work_pages_and_unpublished_reports_answer_without_the_cache(redis_down, client, published_results):
    admin = make_user(role=Role.ADMINISTRATOR)
    draft = make_evaluation("0180", year=2026, status=Status.SCORING, team=[admin])
    client.force_login(admin)
    start = ["/arbete/", f"/arbete/{draft.key}/", f"/rapporter/{draft.key}/", f"/rapporter/{draft.key}/ladda-ner/xlsx/"]
    statuses = crawl(client, start, per_shape=1, limit=80)
    errors = {url: code for url, code in statuses.items() if code >= 500}
    assert errors == {}
    assert statuses[f"/arbete/{draft.key}/"] == 200
    assert statuses[f"/rapporter/{draft.key}/ladda-ner/xlsx/"] == 200
