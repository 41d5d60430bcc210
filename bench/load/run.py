"""Load bench: public pages and the API under 1, 8, 32 and 64 concurrent clients, against `kompass serve`
(gunicorn) and the development server side by side. Each client is a thread with its own keep-alive
connection, requesting the URL mix in turn for a fixed time; only loopback addresses are allowed.

    .venv/bin/python bench/load/run.py --target gunicorn=http://127.0.0.1:8040 \
        --target runserver=http://127.0.0.1:8041 --clients 1,8,32,64 --seconds 20

Both servers must allow the load through the API's anonymous rate limit (KOMPASS_API_ANON_RATE, e.g.
1000000/min): every client comes from 127.0.0.1. bench/load/run.sh starts and stops both servers."""

from __future__ import annotations

import argparse
import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

URLS = [
    "/",
    "/utvarderingar/",
    "/utvarderingar/1980-2012/",
    "/kommuner/1980/",
    "/genomsnitt/",
    "/jamfor/?version=kk2010&kommun=1980&kommun=2282",
    "/goda-exempel/?q=medborgardialog",
    "/inbaddning/1980.svg",
    "/api/versions",
    "/api/evaluations",
    "/api/evaluations/1980-2012",
    "/api/averages/kk2010",
    "/api/municipalities/1980",
]


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)


def client(base: str, stop_at: float, offset: int, result: Result, lock: threading.Lock) -> None:
    parts = urlsplit(base)
    assert parts.hostname in {"127.0.0.1", "localhost", "::1"}, "only loopback targets"
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    n = offset
    while time.monotonic() < stop_at:
        url = URLS[n % len(URLS)]
        n += 1
        started = time.perf_counter()
        try:
            conn.request("GET", url)
            response = conn.getresponse()
            response.read()
            if response.status >= 400:
                errors[str(response.status)] = errors.get(str(response.status), 0) + 1
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
        except (OSError, http.client.HTTPException) as exc:
            errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    conn.close()
    with lock:
        result.latencies.extend(latencies)
        for key, count in errors.items():
            result.errors[key] = result.errors.get(key, 0) + count


def run(base: str, clients: int, seconds: float) -> tuple[float, Result]:
    result, lock = Result(), threading.Lock()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(base, stop_at, i, result, lock)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.monotonic() - started, result


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", action="append", required=True, help="name=http://127.0.0.1:port")
    parser.add_argument("--clients", default="1,8,32,64")
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    targets = [t.split("=", 1) for t in args.target]
    for _, base in targets:  # warm up: caches, connections, imports
        run(base, 8, 5)
    print("| server | clients | requests | req/s | p50 ms | p95 ms | max ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for level in [int(c) for c in args.clients.split(",")]:
        for name, base in targets:
            elapsed, result = run(base, level, args.seconds)
            lat = result.latencies
            errors = ", ".join(f"{k}: {v}" for k, v in sorted(result.errors.items())) or "0"
            print(
                f"| {name} | {level} | {len(lat)} | {len(lat) / elapsed:.0f} | {percentile(lat, 50) * 1000:.0f} "
                f"| {percentile(lat, 95) * 1000:.0f} | {max(lat, default=0) * 1000:.0f} | {errors} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
