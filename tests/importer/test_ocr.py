"""Scanned reports: PDFs without a text layer are read with Tesseract OCR and go through the same reading."""

import pytest

from kompass.importer import ocr
from kompass.importer.extraction import extract_report
from kompass.importer.reading import read_report_bytes
from kompass.importer.services import import_text
from tests.importer import pdfs
from tests.importer.layouts import EXPECTED, REPORTS

pytestmark = pytest.mark.skipif(not ocr.available(), reason="Tesseract med svenska saknas (bin/test installerar det)")

NAME = "kk2002-gavle-2008.txt"


def _pdf() -> bytes:
    lines = [line for line in (REPORTS / NAME).read_text(encoding="utf-8").split("\n") if line.strip()]
    return pdfs.pdf_from_lines([lines[i : i + 30] for i in range(0, len(lines), 30)])


def test_a_scanned_report_imports_with_the_same_scores_and_lists_as_its_text(db):
    read = read_report_bytes(pdfs.scanned(_pdf()), name="gavle-skannad.pdf")
    assert (read.kind, read.pages, read.unreadable_pages) == ("ocr", 3, [])
    assert all(c >= 0.8 for c in read.page_confidence)
    report = extract_report(read.text, source_name="gavle-skannad.pdf", page_confidence=read.page_confidence)
    expected = EXPECTED[NAME]
    assert {a.number: (a.score, a.average, a.change, a.strengths, a.improvements) for a in report.areas} == (
        expected["areas"]
    )
    assert (report.total, report.computed_total) == expected["total"]
    assert [(p.name, p.organisation) for p in report.evaluators] == expected["identity"]["evaluators"]
    assert report.conflicts == []


def test_a_scan_with_an_unreadable_page_asks_for_review_instead_of_guessing(db):
    read = read_report_bytes(pdfs.scanned(_pdf(), blur_pages=(1,)), name="gavle-suddig.pdf")
    assert read.unreadable_pages == [2]
    outcome = import_text(read.text, source_name="gavle-suddig.pdf", read=read)
    assert (outcome.ok, outcome.applied) == (False, False)
    assert "behöver granskas innan import" in outcome.message
    assert "Sida 2 gick inte att läsa säkert med OCR" in outcome.message
