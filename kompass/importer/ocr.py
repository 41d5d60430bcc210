"""Reading scanned pages (no text layer) with Tesseract OCR and its Swedish language data.

Pages are rasterised with pypdfium2 (PDFium, a wheel without system libraries) and read by the `tesseract`
program through pytesseract, which also gives a confidence per word; a page's confidence is the mean word
confidence (0–1). Tesseract comes from Debian (`tesseract-ocr`, `tesseract-ocr-swe`; bin/test and
bin/serve install them). Heavy imports stay inside the functions."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass

from django.utils.translation import gettext as _

OCR_DPI = 300
LANGUAGE = "swe"
# Below this mean word confidence, or with almost no words, a page is not read well enough to trust.
READABLE = 0.6


class OcrUnavailable(RuntimeError):
    """Tesseract or its Swedish data is missing; the message is Swedish."""


@dataclass(frozen=True)
class OcrPage:
    text: str
    confidence: float  # 0–1, the mean confidence of its words
    words: int

    @property
    def readable(self) -> bool:
        return self.words >= 20 and self.confidence >= READABLE


def available() -> bool:
    """Whether Tesseract with Swedish is installed."""
    if shutil.which("tesseract") is None:
        return False
    import pytesseract

    try:
        return LANGUAGE in pytesseract.get_languages(config="")
    except Exception:  # a broken installation counts as none
        return False


def ocr_pdf_pages(data: bytes, indexes: list[int]) -> dict[int, OcrPage]:
    """OCR the given (0-based) pages of a PDF. Raises OcrUnavailable when Tesseract cannot be used."""
    if not available():
        raise OcrUnavailable(
            _("Tesseract med svenska (tesseract-ocr, tesseract-ocr-swe) är inte installerat på servern.")
        )
    import pypdfium2

    # Tesseract's own threads only fight each other and the web server on a small machine: one per page.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    document = pypdfium2.PdfDocument(data)
    try:
        return {index: ocr_image(document[index].render(scale=OCR_DPI / 72).to_pil()) for index in indexes}
    finally:
        document.close()


def ocr_image(image) -> OcrPage:  # a PIL image
    """One page image to text, line by line as Tesseract found them, with the mean word confidence."""
    import pytesseract

    data = pytesseract.image_to_data(image.convert("L"), lang=LANGUAGE, output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for index, word in enumerate(data["text"]):
        confidence = float(data["conf"][index])
        if not word.strip() or confidence < 0:
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        lines.setdefault(key, []).append(word)
        confidences.append(confidence)
    text = "\n".join(_bullet(" ".join(words)) for _key, words in sorted(lines.items()))
    mean = sum(confidences) / len(confidences) / 100 if confidences else 0.0
    return OcrPage(text, round(mean, 2), len(confidences))


# OCR reads a list bullet as "«", "»", "+", "e", "*" or "|": at the start of a line, before a capital.
_OCR_BULLET = re.compile(r"^(?:[.,:;|»«+*•·©®eo]\s*){1,3}\s(?=[A-ZÅÄÖ])")


def _bullet(line: str) -> str:
    return _OCR_BULLET.sub("• ", line)
