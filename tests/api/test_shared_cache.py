"""With several application servers the cache must be shared (KOMPASS_CACHE_URL=redis://…). bin/test runs
the PostgreSQL pass with Redis as the cache, so there every cached thing goes through a real Redis; this
test checks what only a shared cache gives: a second process sees the first one's API rate limit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

SHARED = settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
SECOND_SERVER = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")
django.setup()
from django.test import RequestFactory
from kompass.api.api import AnonymousRateLimit
print(AnonymousRateLimit().allow_request(RequestFactory().get("/api/versions")))
"""


@pytest.mark.skipif(not SHARED, reason="körs med Redis som cache (bin/test: PostgreSQL-passet, KOMPASS_CACHE_URL)")
@override_settings(KOMPASS_API_ANON_RATE="3/day")
def test_a_second_app_server_counts_against_the_same_rate_limit(client, db):
    assert [client.get("/api/versions").status_code for _ in range(3)] == [200, 200, 200]
    env = {**os.environ, "KOMPASS_API_ANON_RATE": "3/day"}
    root = Path(__file__).resolve().parents[2]
    second = subprocess.run(
        [sys.executable, "-c", SECOND_SERVER], env=env, cwd=root, capture_output=True, text=True, check=True
    )
    assert second.stdout.strip() == "False"  # its fourth request from the same address: refused
