"""Importer speed: reports per second for text input, seconds per page for PDF input.

    KOMPASS_DATA_DIR=/tmp/bench-importer .venv/bin/python bench/importer/run.py

Needs a database with the registry and criteria (`kompass setup --no-demo` on that data dir). Extraction is
timed (reading + extracting, no database writes), plus one full import of the seed into a transaction that is
rolled back. The PDF is made from the seed's text with typst (one scraped page per PDF page)."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from kompass.importer.extraction import extract_report  # noqa: E402
from kompass.importer.lists import similarity  # noqa: E402
from kompass.importer.models import ImportRecord  # noqa: E402
from kompass.importer.reading import read_report_bytes  # noqa: E402
from kompass.importer.services import SHIPPED_DIR, import_text  # noqa: E402

SEED = (SHIPPED_DIR / "vasteras-2012.txt").read_text(encoding="utf-8")
ROUNDS = 5


def _pdf_of_seed() -> bytes:
    import typst

    pages = [line for line in SEED.split("\n") if line.strip()][:23]
    escape = str.maketrans({c: "\\" + c for c in "#$*_<>@[]`\\~="})
    body = "\n#pagebreak()\n".join(p.translate(escape) for p in pages)
    return typst.compile(("#set page(height: auto)\n" + body).encode("utf-8"), format="pdf")


def main() -> None:
    text_times = []
    for _ in range(ROUNDS):
        similarity.cache_clear()  # no help from earlier rounds
        start = time.perf_counter()
        extract_report(SEED, source_name="seed")
        text_times.append(time.perf_counter() - start)
    median = statistics.median(text_times)
    print(f"text (seed, {len(SEED) // 1000} kB): median {median:.2f} s per report = {1 / median:.2f} reports/s")

    pdf = _pdf_of_seed()
    pdf_times = []
    for _ in range(ROUNDS):
        similarity.cache_clear()
        start = time.perf_counter()
        read = read_report_bytes(pdf, name="seed.pdf")
        extract_report(read.text, source_name="seed.pdf")
        pdf_times.append(time.perf_counter() - start)
    median = statistics.median(pdf_times)
    print(f"pdf ({read.pages} pages): median {median:.2f} s = {median / read.pages:.3f} s per page")

    similarity.cache_clear()
    start = time.perf_counter()
    with transaction.atomic():
        ImportRecord.objects.all().delete()  # so that the seed is written again (enriching 1980-2012)
        outcome = import_text(SEED, source_name="seed")
        transaction.set_rollback(True)
    elapsed = time.perf_counter() - start
    print(f"full import of the seed (extract + write, rolled back): {elapsed:.2f} s ({outcome.message})")


if __name__ == "__main__":
    main()
