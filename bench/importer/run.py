"""Importer speed: reports per second for text input, seconds per page for PDF input (text layer) and for
scanned pages (OCR), and a folder of generated reports of mixed kinds imported end to end with peak memory.

    KOMPASS_DATA_DIR=/tmp/bench-importer .venv/bin/python bench/importer/run.py [--folder 240]

Needs a database with the registry and criteria (`kompass setup --no-demo` on that data dir). Extraction is
timed (reading + extracting, no database writes), plus one full import of the seed into a transaction that is
rolled back. The PDF is made from the seed's text with typst (one scraped page per PDF page); the scanned PDF
rasterises a generated report without its text layer. `--folder N` writes N reports (the test reports of
tests/importer/reports/ with other municipalities' names; text, PDF and some scanned PDFs) to a temporary
folder and runs `kompass import FOLDER` on them, in a transaction that is rolled back."""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
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


REPORTS = Path(__file__).resolve().parents[2] / "tests" / "importer" / "reports"
TEMPLATES = {  # test report → the municipality name it prints
    "kk2002-gavle-2008.txt": "Gävle kommun",
    "kk2010-sundbyberg-2010.txt": "Sundbybergs stad",
    "kk2016-sigtuna-2017-docplayer.txt": "Sigtuna kommun",
    "kk2020-lulea-2022-pdfslide.txt": "Luleå kommun",
    "page-kramfors-2013.txt": "Kramfors kommun",
}


def _as_pdf(text: str) -> bytes:
    from tests.importer import pdfs

    lines = [line for line in text.split("\n") if line.strip()]
    return pdfs.pdf_from_lines([lines[i : i + 30] for i in range(0, len(lines), 30)])


def ocr_bench() -> None:
    from tests.importer import pdfs

    scanned = pdfs.scanned(_as_pdf((REPORTS / "kk2002-gavle-2008.txt").read_text(encoding="utf-8")))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        read = read_report_bytes(scanned, name="skannad.pdf")
        extract_report(read.text, source_name="skannad.pdf", page_confidence=read.page_confidence)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(
        f"scanned pdf ({read.pages} pages, OCR at 300 dpi): "
        f"median {median:.2f} s = {median / read.pages:.2f} s per page"
    )


def folder_bench(count: int) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from kompass.municipalities.models import Municipality
    from tests.importer import pdfs

    municipalities = list(Municipality.objects.filter(is_demo=False).order_by("code")[:count])
    templates = list(TEMPLATES.items())
    kinds = {"text": 0, "pdf": 0, "scanned": 0}
    with tempfile.TemporaryDirectory() as folder:
        for index, municipality in enumerate(municipalities):
            name, printed = templates[index % len(templates)]
            text = (REPORTS / name).read_text(encoding="utf-8")
            text = text.replace(printed, municipality.name).replace(printed.upper(), municipality.name.upper())
            stem = f"{index:03d}-{municipality.code}"
            if index % 40 == 7:
                Path(folder, f"{stem}.pdf").write_bytes(pdfs.scanned(_as_pdf(text)))
                kinds["scanned"] += 1
            elif index % 4 == 1 and not name.startswith("kk2016"):
                Path(folder, f"{stem}.pdf").write_bytes(_as_pdf(text))
                kinds["pdf"] += 1
            else:
                Path(folder, f"{stem}.txt").write_text(text, encoding="utf-8")
                kinds["text"] += 1
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        failed = ""
        with transaction.atomic():
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    call_command("import", folder, stdout=out, stderr=err)
                except CommandError as exc:
                    failed = str(exc)
            transaction.set_rollback(True)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    summary = [line for line in out.getvalue().splitlines() if "filer gick bra" in line]
    print(
        f"folder of {len(municipalities)} reports "
        f"({kinds['text']} text, {kinds['pdf']} pdf, {kinds['scanned']} scanned): "
        f"{elapsed:.1f} s end to end = {len(municipalities) / elapsed:.1f} reports/s; "
        f"peak RSS {peak / 1024:.0f} MB (before: {before / 1024:.0f} MB); {summary[-1] if summary else ''}"
    )
    if failed:
        print(f"  failed: {failed[:600]}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=int, default=0, help="also import a folder of N generated reports")
    parser.add_argument("--skip-ocr", action="store_true")
    arguments = parser.parse_args()
    main()
    if not arguments.skip_ocr:
        ocr_bench()
    if arguments.folder:
        folder_bench(arguments.folder)
