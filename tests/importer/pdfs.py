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


def scanned(
    pdf: bytes, *, rotate: float = 0.6, noise: int = 1500, seed: int = 7, blur_pages: tuple[int, ...] = ()
) -> bytes:
    """The PDF as a scan: each page rasterised (no text layer), turned slightly, with specks of noise.
    Pages in `blur_pages` (0-based) are made unreadable."""
    import random

    import pypdfium2
    from PIL import Image, ImageDraw, ImageFilter

    document = pypdfium2.PdfDocument(pdf)
    rng = random.Random(seed)
    images = []
    for index in range(len(document)):
        image = document[index].render(scale=200 / 72).to_pil().convert("L")
        image = image.rotate(rotate, expand=False, fillcolor=255, resample=Image.Resampling.BICUBIC)
        draw = ImageDraw.Draw(image)
        for _ in range(noise):
            x, y = rng.randrange(image.width), rng.randrange(image.height)
            draw.point((x, y), fill=rng.choice((120, 170, 210)))
        if index in blur_pages:
            image = image.filter(ImageFilter.GaussianBlur(9))
        images.append(image)
    document.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return out.getvalue()
