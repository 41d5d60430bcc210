"""Measure the work pages of the demo evaluation and the upload check on large files.

    mkdir -p /tmp/bench-work && KOMPASS_DATA_DIR=/tmp/bench-work .venv/bin/kompass setup
    KOMPASS_DATA_DIR=/tmp/bench-work .venv/bin/python bench/workpages/run.py [--rounds 10]

Requests go through Django's test client in one process, as the demo's lead evaluator (eva) and contact (kim),
after one warm-up request each. Prints one JSON object: median milliseconds and queries per page, and the
time to check an uploaded PDF and an Excel file of the given sizes."""

from __future__ import annotations

import argparse
import io
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

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kompass.accounts.models import User  # noqa: E402
from kompass.evaluations.services.uploads import check_document  # noqa: E402

KEY = "9999-2025"
PAGES = {
    "eva": [
        "/arbete/",
        f"/arbete/{KEY}/",
        f"/arbete/{KEY}/fragor/",
        f"/arbete/{KEY}/fragor/omrade/1/",
        f"/arbete/{KEY}/besok/",
        f"/arbete/{KEY}/besok/pm/",
        f"/arbete/{KEY}/underlag/",
        f"/arbete/{KEY}/underlag/tackning/",
    ],
    "kim": [f"/arbete/{KEY}/fragor/omrade/1/", f"/arbete/{KEY}/besok/pm/"],
}


def measure(client: Client, url: str, rounds: int) -> dict:
    client.get(url)
    times = []
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {"ms": round(statistics.median(times), 1), "queries": len(queries.captured_queries)}


def big_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Padding": "x" * (18 * 1024 * 1024)})  # bulk, as scanned documents have
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def big_xlsx(rows: int) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for n in range(rows):
        sheet.append([n, f"Åtgärd {n}", "Kommunstyrelsen", n * 1.5])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def time_check(name: str, content: bytes) -> dict:
    start = time.perf_counter()
    check_document(io.BytesIO(content), name=name, size=len(content))
    return {"bytes": len(content), "ms": round((time.perf_counter() - start) * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    result: dict = {"rounds": args.rounds, "pages": {}}
    for username, urls in PAGES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            result["pages"][f"{username} {url}"] = measure(client, url, args.rounds)
    result["check_pdf"] = time_check("stor.pdf", big_pdf(500))
    result["check_xlsx"] = time_check("stor.xlsx", big_xlsx(100_000))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
