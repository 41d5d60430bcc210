"""Excel (.xlsx) with the score table: questions, sub-areas, areas, the total, the maximum and the version
average with N. Numbers are numbers (so municipalities can calculate); unknown values are the text
"uppgift saknas", never 0."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kompass.core.spreadsheet import safe_cell
from kompass.reports.content import MISSING, Report, report_filename
from kompass.reports.renderers.common import xml_safe

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["Nivå", "Nummer", "Namn", "Poäng", "Max", "Genomsnitt", "N (genomsnitt)", "SKR:s referens"]
NUMBER_FORMAT = "0.0;-0.0;0"


def _value(value: Decimal | None) -> Any:
    return MISSING if value is None else float(value)


def _text(value: str) -> str:
    # A leading "=" would make Excel read the cell as a formula: keep user text as text.
    return str(safe_cell(xml_safe(value)))


def rows(report: Report) -> list[list[Any]]:
    """The score table as rows (also what the tests read back)."""
    table: list[list[Any]] = []
    for area in report.areas:
        table.append(
            [
                "Område",
                str(area.number),
                _text(area.name),
                _value(area.points),
                float(area.max_points),
                _value(area.average),
                area.average_n,
                _value(area.reference_average) if report.reference else "",
            ]
        )
        for sub in area.subareas:
            if not sub.number:
                continue
            table.append(
                [
                    "Delområde",
                    f"{area.number}.{sub.number}",
                    _text(sub.name),
                    _value(sub.points),
                    _value(sub.max_points),
                ]
                + ["", "", ""]
            )
            for question in sub.questions:
                table.append(
                    ["Fråga", question.code, _text(question.text), _value(question.points), float(question.max_points)]
                    + ["", "", ""]
                )
    table.append(
        [
            "Totalt",
            "",
            "Totalpoäng",
            _value(report.total),
            float(report.max_total),
            _value(report.average_total),
            report.average_total_n,
            _value(report.reference.total) if report.reference else "",
        ]
    )
    return table


def render(report: Report) -> tuple[str, str, bytes]:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Poäng"
    sheet.append([_text(f"{report.title} – poängtabell ({report.version_name})")])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(
        [
            _text(
                _(
                    "Genomsnitt: %(average_evaluations_n)s andra publicerade utvärderingar på samma "
                    "kriterieversion; N anger antalet per värde. Saknade värden: ”%(MISSING)s”."
                )
                % {"average_evaluations_n": report.average_evaluations_n, "MISSING": MISSING}
            )
        ]
    )
    sheet.append([])
    sheet.append(HEADER)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in rows(report):
        sheet.append(row)
        if row[0] in ("Område", "Totalt"):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=4, max_col=8):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = NUMBER_FORMAT
    for index, width in enumerate([11, 9, 70, 10, 8, 12, 15, 14], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=header_row + 1, min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.auto_filter.ref = f"A{header_row}:H{sheet.max_row}"
    workbook.properties.title = xml_safe(report.title)
    workbook.properties.creator = "kompass"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return report_filename(report.key, "xlsx"), CONTENT_TYPE, buffer.getvalue()
