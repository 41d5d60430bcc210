"""Checking uploaded documents from their content: a PDF must start with the PDF signature, end with an
end-of-file marker and be readable; Word and Excel files must be valid zip archives whose
[Content_Types].xml declares the right main part. The file name's extension must agree with the content."""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.evaluations.enums import DocumentKind

EXTENSIONS = {".pdf": DocumentKind.PDF, ".docx": DocumentKind.DOCX, ".xlsx": DocumentKind.XLSX}
CONTENT_TYPES = {
    DocumentKind.PDF: "application/pdf",
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OOXML_MAIN_PARTS = {
    DocumentKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    DocumentKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
KIND_LABELS = {
    DocumentKind.PDF: "en PDF-fil",
    DocumentKind.DOCX: "ett Word-dokument",
    DocumentKind.XLSX: "en Excel-fil",
}
# An archive that unpacks to far more than it weighs is refused before any part is read (zip bombs).
MAX_UNPACK_FACTOR = 10


class UploadError(ValueError):
    """An upload that is refused; the message is Swedish and names the file."""


def human_size(size: int) -> str:
    return formatting.file_size(size)


def check_document(stream: IO[bytes], *, name: str, size: int) -> DocumentKind:
    """The kind of the uploaded document, decided from its content. Raises UploadError for a file that is
    too large, empty, of a type we do not take, not what its name says, or broken."""
    limit = settings.KOMPASS_MAX_UPLOAD_BYTES
    if size > limit:
        raise UploadError(
            _("”%(name)s” är %(value)s; största tillåtna storlek är %(value2)s.")
            % {"name": name, "value": human_size(size), "value2": human_size(limit)}
        )
    if size == 0:
        raise UploadError(f"”{name}” är tom.")
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    if expected is None:
        raise UploadError(_("”%(name)s”: bara PDF, Word (.docx) och Excel (.xlsx) kan laddas upp.") % {"name": name})
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        actual = DocumentKind.PDF
    elif head.startswith(b"PK\x03\x04"):
        actual = _ooxml_kind(stream, name=name, size=size)
    else:
        raise UploadError(
            _("”%(name)s” är inte %(value)s – innehållet är av en annan eller okänd typ.")
            % {"name": name, "value": KIND_LABELS[expected]}
        )
    if actual != expected:
        raise UploadError(
            _("”%(name)s” heter som %(value)s men innehållet är %(value2)s.")
            % {"name": name, "value": KIND_LABELS[expected], "value2": KIND_LABELS[actual]}
        )
    if actual == DocumentKind.PDF:
        _check_pdf(stream, name=name, size=size)
    stream.seek(0)
    return actual


def _ooxml_kind(stream: IO[bytes], *, name: str, size: int) -> DocumentKind:
    try:
        with zipfile.ZipFile(stream) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACK_FACTOR * max(size, settings.KOMPASS_MAX_UPLOAD_BYTES):
                raise UploadError(
                    _("”%(name)s” packas upp till orimligt mycket data och tas inte emot.") % {"name": name}
                )
            if archive.testzip() is not None:
                raise UploadError(_("”%(name)s” är skadad och kan inte läsas.") % {"name": name})
            names = set(archive.namelist())
            types = ""
            if "[Content_Types].xml" in names:
                types = archive.read("[Content_Types].xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, RuntimeError, ValueError) as exc:
        if isinstance(exc, UploadError):
            raise
        raise UploadError(
            _("”%(name)s” är skadad eller inte ett Word- eller Excel-dokument.") % {"name": name}
        ) from None
    for kind, main_part in OOXML_MAIN_PARTS.items():
        if main_part in types:
            return kind
    raise UploadError(_("”%(name)s” är ett zip-arkiv men inte ett Word- eller Excel-dokument.") % {"name": name})


def _check_pdf(stream: IO[bytes], *, name: str, size: int) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    stream.seek(max(0, size - 2048))
    if b"%%EOF" not in stream.read():
        raise UploadError(_("”%(name)s” är en ofullständig PDF-fil (slutet saknas).") % {"name": name})
    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if not reader.is_encrypted and len(reader.pages) == 0:
            raise UploadError(_("”%(name)s” är en PDF-fil utan sidor.") % {"name": name})
    except UploadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError):
        raise UploadError(_("”%(name)s” är en skadad PDF-fil och kan inte läsas.") % {"name": name}) from None
