"""Reading a published report into plain text: a text file (UTF-8, or cp1252/latin-1 as older scrapes are)
or a PDF through its text layer. Pages are separated by a form feed (\\f) so that the extraction knows
where page breaks were."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from kompass.importer.ocr import OcrUnavailable, ocr_pdf_pages

PAGE_BREAK = "\f"
READABLE_SUFFIXES = {".txt", ".text", ".pdf"}


class ReadError(ValueError):
    """A file that cannot be read as a report; the message is Swedish and says why."""


@dataclass(frozen=True)
class ReadText:
    text: str
    pages: int  # PDF pages, or 0 for plain text
    kind: str  # "text" | "pdf" | "ocr" (a PDF with at least one page read by OCR)
    page_confidence: list[float] = field(default_factory=list)  # per PDF page: 1.0 for a text layer, else OCR's
    unreadable_pages: list[int] = field(default_factory=list)  # 1-based pages OCR could not read well


def read_report_bytes(data: bytes, *, name: str) -> ReadText:
    """Turn the bytes of an uploaded or stored file into text. Raises ReadError with a Swedish message."""
    if not data or not data.strip():
        raise ReadError(_("%(name)s: filen är tom.") % {"name": name})
    if data.lstrip()[:5] == b"%PDF-":
        return _read_pdf(data, name=name)
    return ReadText(_decode_text(data, name=name), 0, "text")


def read_report_file(path: Path) -> ReadText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(
            _("%(name)s: filen kunde inte läsas (%(value)s).") % {"name": path.name, "value": exc.strerror or exc}
        ) from None
    return read_report_bytes(data, name=path.name)


def collect_files(paths: list[Path]) -> list[Path]:
    """Files to import: each file as given, and for a folder every .txt and .pdf file in it (recursively),
    in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES))
        else:
            files.append(path)
    return files


def _decode_text(data: bytes, *, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if not _mostly_text(data):
            raise ReadError(_("%(name)s: filen är varken text eller PDF (binärt innehåll).") % {"name": name}) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if not _looks_like_text(text):
        raise ReadError(_("%(name)s: filen är varken text eller PDF (binärt innehåll).") % {"name": name})
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _mostly_text(data: bytes) -> bool:
    control = sum(1 for b in data[:4096] if b < 32 and b not in (9, 10, 12, 13))
    return control <= len(data[:4096]) * 0.01


def _looks_like_text(text: str) -> bool:
    sample = text[:4096]
    if not sample.strip():
        return False
    odd = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\f\r") or c == "\ufffd")
    letters = sum(1 for c in sample if c.isalpha())
    return odd <= len(sample) * 0.01 and letters >= len(sample.strip()) * 0.4


def _read_pdf(data: bytes, *, name: str) -> ReadText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(
                _("%(name)s: PDF-filen är krypterad (lösenordsskyddad) och kan inte läsas.") % {"name": name}
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise ReadError(
                _("%(name)s: PDF-filen är krypterad (lösenordsskyddad) och kan inte läsas.") % {"name": name}
            ) from None
        raise ReadError(
            _("%(name)s: PDF-filen är skadad och kan inte läsas (%(name__)s).")
            % {"name": name, "name__": type(exc).__name__}
        ) from None
    except Exception as exc:  # pypdf raises many kinds on malformed files; none may escape
        raise ReadError(
            _("%(name)s: PDF-filen är skadad och kan inte läsas (%(name__)s).")
            % {"name": name, "name__": type(exc).__name__}
        ) from None
    if not pages:
        raise ReadError(_("%(name)s: PDF-filen har inga sidor.") % {"name": name})
    scanned = [index for index, page in enumerate(pages) if len(page.strip()) < 20]
    if not scanned:
        return ReadText(PAGE_BREAK.join(pages), len(pages), "pdf", [1.0] * len(pages))
    try:
        read = ocr_pdf_pages(data, scanned)
    except OcrUnavailable as exc:
        raise ReadError(
            _(
                "%(name)s: PDF-filen saknar textlager på %(n)s sidor (t.ex. en skannad rapport) och behöver OCR, "
                "men det går inte här: %(reason)s"
            )
            % {"name": name, "n": len(scanned), "reason": exc}
        ) from None
    confidence = [1.0] * len(pages)
    for index, page in read.items():
        pages[index], confidence[index] = page.text, page.confidence
    unreadable = [index + 1 for index, page in sorted(read.items()) if not page.readable]
    if len(unreadable) == len(pages):
        raise ReadError(
            _("%(name)s: PDF-filen saknar textlager och ingen sida gick att läsa med OCR (bilderna är för otydliga).")
            % {"name": name}
        )
    return ReadText(PAGE_BREAK.join(pages), len(pages), "ocr", confidence, unreadable)
