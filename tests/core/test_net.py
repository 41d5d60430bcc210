"""The client's address: X-Forwarded-For counts only when it comes from a configured proxy."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from kompass.core.net import client_ip


def request(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_a_trusted_proxy_reports_the_client_as_the_rightmost_address():
    assert client_ip(request("127.0.0.1", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


@override_settings(KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_a_connection_from_an_untrusted_address_keeps_its_own_address():
    assert client_ip(request("203.0.113.7", "127.0.0.1")) == "203.0.113.7"


@override_settings(KOMPASS_TRUSTED_PROXIES=["10.0.0.0/24", "127.0.0.1"])
def test_a_chain_of_trusted_proxies_is_skipped_from_the_right():
    assert client_ip(request("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.5")) == "203.0.113.9"


@override_settings(KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_a_garbled_forwarded_entry_stops_at_the_last_trusted_hop():
    assert client_ip(request("127.0.0.1", "203.0.113.9, not-an-address")) == "127.0.0.1"


@override_settings(KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_ipv6_clients_behind_a_proxy():
    assert client_ip(request("127.0.0.1", "2001:db8::1")) == "2001:db8::1"


@pytest.mark.django_db
@override_settings(KOMPASS_API_ANON_RATE="3/min", KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_a_new_forwarded_address_per_request_does_not_reset_the_api_rate_limit(client):
    cache.clear()
    codes = [
        client.get("/api/versions", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    cache.clear()


@pytest.mark.django_db
@override_settings(KOMPASS_API_ANON_RATE="2/min", KOMPASS_TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_each_client_has_its_own_api_limit(client):
    cache.clear()
    first = [client.get("/api/versions", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1") for _ in "abc"]
    other = client.get("/api/versions", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert [r.status_code for r in first] + [other.status_code] == [200, 200, 429, 200]
    cache.clear()
