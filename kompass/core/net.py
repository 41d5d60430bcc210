"""The client's address, as far as it can be trusted.

`REMOTE_ADDR` is the address that opened the connection. Behind a reverse proxy that is the proxy, and the
client's own address is in `X-Forwarded-For`; but anyone can send that header, so it is read only when the
connection comes from a configured trusted proxy (setting `KOMPASS_TRUSTED_PROXIES`: addresses or networks),
and then from the right: each trusted proxy appends the address it saw, so the rightmost address that is not
one of our proxies is the client. Addresses a client wrote further left are never used."""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parse(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def is_trusted_proxy(address: str) -> bool:
    """Whether `address` is one of the configured reverse proxies (KOMPASS_TRUSTED_PROXIES)."""
    parsed = _parse(address)
    networks = _networks(tuple(getattr(settings, "KOMPASS_TRUSTED_PROXIES", ())))
    return parsed is not None and any(parsed in network for network in networks)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or — when REMOTE_ADDR is a trusted proxy — the rightmost address in
    X-Forwarded-For that is not a trusted proxy. A malformed entry stops the walk at the last trusted hop, so
    a garbled header never lets a client choose its own address."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not is_trusted_proxy(remote):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = remote
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        parsed = _parse(hop)
        if parsed is None:
            break
        client = str(parsed)
        if not is_trusted_proxy(client):
            break
    return client
