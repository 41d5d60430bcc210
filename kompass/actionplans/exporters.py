"""Renderers for the action plan: Excel, Word and PDF. Each lays out `services.export_content` and returns
(filename, content_type, bytes); heavy libraries are imported inside the renderer.

The PDF is set with the `typst` package (already a dependency for the report work). Text reaches Typst as
JSON through `sys.inputs`, never as markup, so hostile text cannot change the document."""

from __future__ import annotations

import io
import json

from kompass.actionplans.services import EXPORT_COLUMNS, PlanExport
from kompass.core.spreadsheet import safe_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"
COLUMN_WIDTHS = [28, 12, 50, 40, 12, 12, 30, 14, 10]


def _filename(content: PlanExport, extension: str) -> str:
    return f"handlingsplan-{content.evaluation_key}.{extension}"


def render_xlsx(content: PlanExport) -> tuple[str, str, bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Handlingsplan"
    sheet.append(["Område", "Prioritet", *EXPORT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in content.rows:
        cells = row.cells()
        sheet.append(
            [safe_cell(row.area), row.priority, *[safe_cell(c) for c in cells[:3]], row.start, row.due]
            + [safe_cell(c) for c in cells[5:]]
        )
    for index, width in enumerate(COLUMN_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for cell in row[5:7]:
            cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _filename(content, "xlsx"), XLSX, buffer.getvalue()


def render_docx(content: PlanExport) -> tuple[str, str, bytes]:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.styles["Normal"].font.size = Pt(9)
    document.add_heading(content.title, level=1)
    for area, rows in content.areas:
        document.add_heading(area, level=2)
        table = document.add_table(rows=1, cols=len(EXPORT_COLUMNS))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, EXPORT_COLUMNS, strict=True):
            cell.text = heading
            cell.paragraphs[0].runs[0].bold = True
        for row in rows:
            for cell, text in zip(table.add_row().cells, row.cells(), strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return _filename(content, "docx"), DOCX, buffer.getvalue()


TYPST_TEMPLATE = """
#let data = json(bytes(sys.inputs.data))
#set document(title: data.title)
#set page(paper: "a4", flipped: true, margin: 1.5cm)
#set text(lang: "sv", size: 8.5pt)
= #data.title
#for area in data.areas [
  == #area.name
  #table(
    columns: (2fr, 1.5fr, 2fr, auto, auto, 1.3fr, auto),
    table.header(..data.columns.map(c => strong(c))),
    ..area.rows.flatten()
  )
]
"""


def render_pdf(content: PlanExport) -> tuple[str, str, bytes]:
    import typst

    data = {
        "title": content.title,
        "columns": EXPORT_COLUMNS,
        "areas": [{"name": area, "rows": [row.cells() for row in rows]} for area, rows in content.areas],
    }
    pdf = typst.compile(
        TYPST_TEMPLATE.encode(),
        format="pdf",
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        ignore_system_fonts=True,  # the fonts built into typst: the same output on every machine
    )
    return _filename(content, "pdf"), PDF, pdf


RENDERERS = {"xlsx": render_xlsx, "docx": render_docx, "pdf": render_pdf}
