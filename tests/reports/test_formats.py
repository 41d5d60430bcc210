"""Each format read back: PDF with pypdf, Word with python-docx, Excel with openpyxl, HTML as text."""

import io
import re
from dataclasses import replace

import docx
import openpyxl
import pypdf
import pytest

from kompass.evaluations.models import Evaluation
from kompass.reports.content import MISSING, fmt_points
from kompass.reports.renderers import xlsx
from kompass.reports.services import build_report, render_report
from tests.reports.conftest import HOSTILE, LONG_WORD

CHAPTERS = [
    "1 Vad är Kommunkompassen?",
    "2 Exempelkommun i förhållande till Kommunkompassen",
    "3 Detaljerad genomgång",
    "4 Översikt av poängfördelning",
    "5 Kortfakta om Exempelkommun",
]


def _pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u200b", "")


def _positions(text: str, needles: list[str], *, start: int = 0) -> list[int]:
    return [text.find(n, start) for n in needles]


def test_pdf_text_has_the_chapters_in_order_with_the_total_and_area_scores(demo):
    filename, content_type, content = render_report(demo, fmt="pdf")
    text = _pdf_text(content)
    report = build_report(demo)

    assert (filename, content_type) == ("kommunkompassen-9999-2025.pdf", "application/pdf")
    body = text.index("Kommunkompassen är ett utvärderingsverktyg")  # after the table of contents
    positions = _positions(text, CHAPTERS, start=body - 40)
    assert -1 not in positions and positions == sorted(positions)
    assert f"Exempelkommun får totalt {fmt_points(report.total)} av 800 poäng." in " ".join(text.split())
    area = report.areas[2]
    assert re.search(rf"Områdets poäng\s+{re.escape(fmt_points(area.points))}", text)
    assert "Innehåll" in text and "Sida 2 av" in text


def test_pdf_declares_pdf_a_embeds_its_fonts_and_is_tagged(demo):
    content = render_report(demo, fmt="pdf")[2]
    reader = pypdf.PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]

    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "/StructTreeRoot" in root and bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "sv-SE" or str(root["/Lang"]).startswith("sv")
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            descendant = font.get_object().get("/DescendantFonts", [font])[0].get_object()
            fonts.append(descendant["/FontDescriptor"].get_object())
    assert fonts and all(any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")) for d in fonts)


def test_word_file_has_real_headings_lists_tables_and_charts_with_alt_text(demo):
    filename, _type, content = render_report(demo, fmt="docx")
    document = docx.Document(io.BytesIO(content))
    report = build_report(demo)

    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"{c.number} {c.title}" for c in report.chapters]
    areas = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and p.text.startswith("Område")]
    assert areas == [a.title for a in report.areas]
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert report.areas[0].strengths[0] in bullets and report.areas[7].improvements[-1] in bullets
    rubriker = document.tables[0]
    assert [c.text for c in rubriker.rows[0].cells] == ["Rubriker", "Poäng"]
    assert [c.text for c in rubriker.rows[-1].cells] == ["Områdets poäng", fmt_points(report.areas[0].points)]
    overview = document.tables[8]
    assert [c.text for c in overview.rows[-1].cells] == [
        "Totalt",
        fmt_points(report.total),
        "800",
        MISSING
        if report.average_total is None
        else f"{fmt_points(report.average_total)} (N = {report.average_total_n})",
    ]
    descriptions = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    assert (
        len(descriptions) == 2 and descriptions[0].startswith("Stapeldiagram") and "Spindeldiagram" in descriptions[1]
    )


def test_excel_has_questions_sub_areas_areas_total_maximum_and_average(demo):
    content = render_report(demo, fmt="xlsx")[2]
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [r for r in sheet.iter_rows(values_only=True)]
    report = build_report(demo)

    header = rows.index(("Nivå", "Nummer", "Namn", "Poäng", "Max", "Genomsnitt", "N (genomsnitt)", "SKR:s referens"))
    data = rows[header + 1 :]
    areas = [r for r in data if r[0] == "Område"]
    assert [r[3] for r in areas] == [float(a.points) for a in report.areas]
    assert [r[4] for r in areas] == [100.0] * 8
    first = report.areas[0]
    assert (
        areas[0][5] == (MISSING if first.average is None else float(first.average)) and areas[0][6] == first.average_n
    )
    questions = [r for r in data if r[0] == "Fråga"]
    assert len(questions) == sum(len(s.questions) for a in report.areas for s in a.subareas)
    assert questions[0][1] == "1.1.1" and questions[0][4] == float(first.subareas[0].questions[0].max_points)
    total = data[-1]
    assert total[:5] == ("Totalt", None, "Totalpoäng", float(report.total), 800.0)
    assert total[6] == report.average_total_n


def test_html_file_is_standalone_with_inline_charts_and_no_scripts(demo):
    filename, content_type, content = render_report(demo, fmt="html")
    page = content.decode()

    assert content_type == "text/html; charset=utf-8" and filename.endswith(".html")
    assert page.count("<svg") == 2 and "<script" not in page and "<style>" in page
    positions = [page.find(f'id="kap-{n}"') for n in range(1, 6)]
    assert -1 not in positions and positions == sorted(positions)


def test_vasteras_2012_says_area_8_is_unknown_in_every_format(published_results):
    evaluation = Evaluation.objects.get(key="1980-2012")

    pdf = " ".join(_pdf_text(render_report(evaluation, fmt="pdf")[2]).split())
    assert "Område 8 Kommunen som samhällsbyggare" in pdf
    assert "Område 8 Kommunen som samhällsbyggare uppgift saknas 100 " in pdf
    assert "Område 7 Verksamhetsutveckling 74 100" in pdf
    sheet = openpyxl.load_workbook(io.BytesIO(render_report(evaluation, fmt="xlsx")[2])).active
    areas = [r for r in sheet.iter_rows(values_only=True) if r[0] == "Område"]
    assert [r[3] for r in areas] == [58.0, 69.0, 82.0, 65.0, 68.0, 64.0, 74.0, MISSING]
    document = docx.Document(io.BytesIO(render_report(evaluation, fmt="docx")[2]))
    assert [c.text for c in document.tables[7].rows[-1].cells] == ["Områdets poäng", MISSING]
    assert "Totalpoäng: uppgift saknas (poäng saknas för område 8)" in pdf


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "html"])
def test_hostile_text_renders_as_text(hostile_demo, fmt):
    content = render_report(hostile_demo, fmt=fmt)[2]

    if fmt == "pdf":
        text = _pdf_text(content)
        assert '#set text(red) [x] $x^2$ \\ <script>alert("x")</script>' in text
        assert "[U+1F600] =SUM(A1) åäö" in text
        assert LONG_WORD in text.replace("\n", "").replace("-", "")
    elif fmt == "docx":
        texts = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
        assert texts.count(HOSTILE) == 3  # Allmänt, a sub-area text, a strength
    elif fmt == "xlsx":
        # Narratives are not in the score table; names are, so the renderer gets a hostile area name.
        report = build_report(hostile_demo)
        report = replace(report, areas=(replace(report.areas[0], name=HOSTILE), *report.areas[1:]))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.render(report)[2])).active
        names = [r[2] for r in sheet.iter_rows(values_only=True)]
        assert HOSTILE in names
    else:
        page = content.decode()
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and '<script>alert("x")' not in page
        assert "😀" in page
