"""Measure the evaluation page, the averages page and the comparison API against a synthetic database.

    DATABASE_URL=sqlite:////tmp/por-bench/n10000.sqlite3 .venv/bin/python bench/portal/run.py [--rounds 30]

The database must have been made with `kompass synthetic N --database-url …`. Requests go through Django's
test client in one process (no network), after one warm-up request each; the "cold" column is that first
request (empty cache). Prints one JSON object."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

from kompass.evaluations.models import Evaluation  # noqa: E402
from kompass.municipalities.models import Municipality  # noqa: E402


def measure(client: Client, url: str, rounds: int) -> dict[str, float]:
    started = time.perf_counter()
    first = client.get(url)
    cold = time.perf_counter() - started
    assert first.status_code == 200, (url, first.status_code)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200
    return {
        "cold_ms": round(cold * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1] * 1000, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    settings.KOMPASS_API_ANON_RATE = "1000000/min"  # measure the work, not the limiter
    settings.DEBUG = False
    n = Evaluation.objects.count()
    synthetic = Municipality.objects.filter(is_synthetic=True).order_by("code")
    middle = Evaluation.objects.filter(version__code="kk2010").order_by("key")[n // 20 if n > 40 else 0]
    codes = list(synthetic.filter(evaluations__version__code="kk2010").distinct().values_list("code", flat=True)[:8])
    client = Client()
    urls = {
        "evaluation_page": f"/utvarderingar/{middle.key}/",
        "evaluation_api": f"/api/evaluations/{middle.key}",
        "averages_page": "/genomsnitt/",
        "averages_page_by_county": "/genomsnitt/?by=county",
        "comparison_api": "/api/comparison?version=kk2010&" + "&".join(f"municipality={c}" for c in codes),
        "evaluations_list_page": "/utvarderingar/",
    }
    result = {
        "evaluations": n,
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        **{name: measure(client, url, args.rounds) for name, url in urls.items()},
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
