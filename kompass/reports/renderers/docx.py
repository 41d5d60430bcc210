"""Word (.docx) for municipalities to edit and quote: real heading styles, lists and tables (never images of
text), charts as crisp PNG with alt text, a contents field, page numbers in the footer."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from kompass.reports import charts
from kompass.reports.content import MISSING, Report, fmt_points, report_filename
from kompass.reports.renderers import common
from kompass.reports.renderers.common import xml_safe as t

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _para(document: Any, text: str = "", style_id: str | None = None) -> Any:
    """A paragraph with a style given by id: python-docx's lookup by style name scans all styles on every
    call and made the report 10× slower."""
    paragraph = document.add_paragraph(t(text))
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _heading(document: Any, text: str, level: int) -> Any:
    return _para(document, text, "Title" if level == 0 else f"Heading{level}")


def _field(paragraph: Any, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC …) that Word fills in when the document is opened or updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def fld(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(fld("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    run._r.append(fld("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(fld("end"))


def _table(document: Any, header: list[str], rows: list[list[str]], *, numeric: set[int], bold_rows: set[int]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=len(header))
    table._tbl.tblStyle_val = "TableGrid"
    for index, text in enumerate(header):
        cell = table.rows[0].cells[index]
        cell.text = ""
        cell.paragraphs[0].add_run(t(text)).bold = True
    marker = OxmlElement("w:tblHeader")  # repeat the header row on each page; marks it as a header for readers
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for row_index, row in enumerate(rows):
        cells = table.add_row().cells
        for index, text in enumerate(row):
            paragraph = cells[index].paragraphs[0]
            run = paragraph.add_run(t(text))
            run.bold = row_index in bold_rows
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph()


def _picture(document: Any, svg: str, alt: str, caption: str, width_cm: float) -> None:
    from docx.shared import Cm

    paragraph = document.add_paragraph()
    shape = paragraph.add_run().add_picture(io.BytesIO(charts.svg_to_png(svg)), width=Cm(width_cm))
    shape._inline.docPr.set("descr", t(alt))
    shape._inline.docPr.set("title", t(caption))
    _para(document, caption, "Caption")


def _list(document: Any, items: list[str] | tuple[str, ...], *, style_id: str = "ListBullet") -> None:
    if not items:
        _para(document, MISSING).runs[0].italic = True
    for item in items:
        _para(document, item, style_id)


def _paragraphs(document: Any, text: str) -> None:
    for paragraph in common.paragraphs(text):
        document.add_paragraph(t(paragraph))


def render(report: Report) -> tuple[str, str, bytes]:
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    properties = document.core_properties
    properties.title, properties.subject = t(report.title), "Kommunkompassen"
    properties.author, properties.language = t(", ".join(report.facts.evaluators) or "kompass"), "sv-SE"
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "sv-SE")
    normal.element.get_or_add_rPr().append(language)

    # Title page
    document.add_paragraph("KOMMUNKOMPASSEN")
    _heading(
        document,
        t(_("Analys av %(municipality)s %(year)s") % {"municipality": report.municipality, "year": report.year}),
        level=0,
    )
    document.add_paragraph(t(report.subtitle))
    for line in common.cover_lines(report):
        document.add_paragraph(t(line))
    if note := common.demo_note(report):
        document.add_paragraph(note).runs[0].italic = True

    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.header.is_linked_to_previous = False
    section.header.paragraphs[0].text = t(f"Kommunkompassen · {report.municipality} {report.year}")
    footer = section.footer.paragraphs[0]
    section.footer.is_linked_to_previous = False
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Sida ")
    _field(footer, "PAGE", "1")
    document.sections[0].different_first_page_header_footer = True

    # A written contents list rather than a TOC field: a field stays empty until Word updates it, and
    # LibreOffice or a web preview would show nothing.
    _para(document, "Innehåll", "TOCHeading")
    for chapter in report.chapters:
        _para(document, f"{chapter.number} {chapter.title}")
        if chapter.number == 3:
            for area in report.areas:
                _para(document, area.title).paragraph_format.left_indent = Cm(1)
    document.add_page_break()

    chapters = [f"{c.number} {c.title}" for c in report.chapters]
    _heading(document, t(chapters[0]), level=1)
    for paragraph in report.about:
        document.add_paragraph(t(paragraph))
    document.add_paragraph("De åtta huvudområdena är:")
    _list(document, [a.name for a in report.areas], style_id="ListNumber")

    _heading(document, t(chapters[1]), level=1)
    _heading(document, "Utvärderingen", level=2)
    for paragraph in report.summary_paragraphs:
        document.add_paragraph(t(paragraph))
    _heading(document, "Sammanfattning av resultat", level=2)
    document.add_paragraph(t(report.total_sentence))
    _picture(document, charts.bar_chart(report), charts.bar_chart_description(report), common.bar_caption(report), 16)
    document.add_paragraph(t(report.average_sentence))
    if sentence := common.reference_sentence(report):
        document.add_paragraph(t(sentence))
    _picture(
        document, charts.radar_chart(report), charts.radar_chart_description(report), common.radar_caption(report), 14
    )
    _heading(document, "Jämförelser", level=2)
    document.add_paragraph(common.COMPARISONS)

    _heading(document, t(chapters[2]), level=1)
    for area in report.areas:
        _heading(document, t(area.title), level=2)
        rows = [[s.name, fmt_points(s.points)] for s in area.subareas if s.number]
        rows.append(["Områdets poäng", fmt_points(area.points)])
        _table(document, ["Rubriker", "Poäng"], rows, numeric={1}, bold_rows={len(rows) - 1})
        if area.general_text:
            _heading(document, "Allmänt", level=3)
            _paragraphs(document, area.general_text)
        for sub in area.subareas:
            if sub.text:
                _heading(document, t(sub.name), level=3)
                _paragraphs(document, sub.text)
        _heading(document, "Styrkor", level=3)
        _list(document, area.strengths)
        _heading(document, "Förbättringsmöjligheter", level=3)
        _list(document, area.improvements)
        if area.references:
            _heading(document, "Kommuner att titta närmare på", level=3)
            _list(document, [common.reference_item(r.name, r.theme) for r in area.references])

    _heading(document, t(chapters[3]), level=1)
    document.add_paragraph(common.overview_intro(report))
    overview = common.overview_rows(report)
    _table(
        document,
        ["Område och delområde", "Poäng", "Max", "Genomsnitt (N)"],
        [[("    " if r.level == 1 else "") + r.name, r.points, r.max, r.average] for r in overview],
        numeric={1, 2, 3},
        bold_rows={i for i, r in enumerate(overview) if r.level != 1},
    )

    _heading(document, t(chapters[4]), level=1)
    _table(
        document, ["Uppgift", "Värde"], [[f.label, f.value] for f in report.key_facts], numeric=set(), bold_rows=set()
    )
    if report.key_facts_source:
        document.add_paragraph(t(f"Källa: {report.key_facts_source}"))

    buffer = io.BytesIO()
    document.save(buffer)
    return report_filename(report.key, "docx"), CONTENT_TYPE, buffer.getvalue()
