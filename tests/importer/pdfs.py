"""PDFs for the tests, generated from text with typst (already a dependency) and pypdf."""

import io

import typst
from pypdf import PdfWriter


def _escape(line: str) -> str:
    return "".join("\\" + c if c in "#$*_<>@[]`\\/~=+-" and c not in "-/" else c for c in line)


def pdf_from_lines(pages: list[list[str]]) -> bytes:
    """One paragraph per line, a page break between pages, a page header like SKR's reports."""
    body = "\n#pagebreak()\n".join("\n\n".join(_escape(line) for line in page) for page in pages)
    header = "#set page(header: [Sveriges Kommuner och Regioner #context counter(page).display() (9)])\n"
    return typst.compile((header + body).encode("utf-8"), format="pdf")


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password="hemligt", owner_password="hemligt")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def without_text_layer() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
