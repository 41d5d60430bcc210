"""A comparison as an Excel workbook: the same figures as the page, unknown as "uppgift saknas", averages
below the minimum N as "för få utvärderingar (N = …)", with source, licence and the average's statement."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kompass.comparison.averages import AreaAverage
from kompass.comparison.comparing import Comparison
from kompass.comparison.opendata import metadata

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value: Decimal | None) -> Any:
    return _("uppgift saknas") if value is None else float(value)  # numbers need no formula guard


def _average_cell(average: AreaAverage) -> Any:
    return float(average.mean) if average.reliable and average.mean is not None else average.label


def comparison_workbook(result: Comparison) -> tuple[str, str, bytes]:
    """(filename, content type, bytes) of `result` as .xlsx. No side effects."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Jämförelse")
    header = [
        _("Område"),
        *[
            f"{c.municipality.short_name} {c.evaluation.year}" if c.evaluation else c.municipality.short_name
            for c in result.columns
        ],
        _("Genomsnitt %(version)s") % {"version": result.version.code},
        "N",
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for area in result.average.areas:
        sheet.append(
            [
                f"{area.number}. {area.name}",
                *[_cell(c.points.get(area.number)) for c in result.columns],
                _average_cell(area),
                area.n,
            ]
        )
    total = result.average.total
    sheet.append(
        [
            _("Totalpoäng"),
            *[
                _cell(c.evaluation.total) if c.evaluation else _("ingen utvärdering på versionen")
                for c in result.columns
            ],
            _average_cell(total),
            total.n,
        ]
    )
    sheet.append([])
    about = metadata()
    sheet.append([result.average.statement()])
    sheet.append([about["how_to_cite"]])
    sheet.append([_("Licens: %(licence)s (%(url)s)") % {"licence": about["license"], "url": about["license_url"]}])
    sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    codes = "-".join(c.municipality.code for c in result.columns)
    return f"jamforelse-{result.version.code}-{codes}.xlsx", XLSX, buffer.getvalue()
