import io
from datetime import date

import pytest

from kompass.actionplans.enums import ActionStatus, Priority
from kompass.actionplans.exporters import render_docx, render_pdf, render_xlsx
from kompass.actionplans.services import EXPORT_COLUMNS, add_action, create_plan, export_content, set_priority

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example") #set page(width: 1pt) <b>'


@pytest.fixture
def content(world):
    plan = create_plan(world.evaluation)
    add_action(
        plan,
        finding_id=world.points[0].pk,
        description="Anta en plan för medborgardialog",
        comment="Beslut i KF",
        owner_name="Åsa Öberg",
        owner_role="Kanslichef",
        start=date(2024, 1, 15),
        due=date(2024, 9, 30),
        status=ActionStatus.IN_PROGRESS,
    )
    add_action(plan, finding_id=world.points[0].pk, description=HOSTILE, status=ActionStatus.DONE)
    set_priority(plan, finding_id=world.points[0].pk, priority=Priority.HIGH, expected_revision=None)
    return export_content(world.evaluation, plan)


def test_the_export_columns_are_the_ones_municipalities_use():
    assert " · ".join(EXPORT_COLUMNS).lower() == (
        "förbättringsmöjlighet · kommentar · åtgärd/aktivitet · start · klart · ansvarig · status"
    )


def test_the_content_has_one_row_per_action_and_a_row_for_each_point_without_actions(content):
    assert [row.cells() for row in content.rows] == [
        [
            "Ta fram en plan för medborgardialog.",
            "Beslut i KF",
            "Anta en plan för medborgardialog",
            "2024-01-15",
            "2024-09-30",
            "Åsa Öberg, Kanslichef",
            "Pågår",
        ],
        ["Ta fram en plan för medborgardialog.", "", HOSTILE, "", "", "", "Klar"],
        ["Återkoppla resultatet av dialogerna.", "", "", "", "", "", ""],
        ["Följ upp de politiska målen samlat.", "", "", "", "", "", ""],
    ]
    assert [row.priority for row in content.rows] == ["Hög", "Hög", "", ""]


def test_excel_export_reads_back_with_the_municipalities_columns(content):
    from openpyxl import load_workbook

    filename, content_type, data = render_xlsx(content)
    assert filename == "handlingsplan-1980-2022.xlsx"
    assert content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Område",
        "Prioritet",
        "Förbättringsmöjlighet",
        "Kommentar",
        "Åtgärd/aktivitet",
        "Start",
        "Klart",
        "Ansvarig",
        "Status",
    )
    first = rows[1]
    assert first[:5] == (
        "1. Samspel mellan förtroendevalda och medborgare",
        "Hög",
        "Ta fram en plan för medborgardialog.",
        "Beslut i KF",
        "Anta en plan för medborgardialog",
    )
    assert (first[5].date(), first[6].date(), first[7], first[8]) == (
        date(2024, 1, 15),
        date(2024, 9, 30),
        "Åsa Öberg, Kanslichef",
        "Pågår",
    )
    # A formula-looking text stays text (leading apostrophe), so opening the file runs nothing.
    assert rows[2][4] == "'" + HOSTILE
    assert len(rows) == 5


def test_word_export_reads_back_with_a_table_per_area(content):
    from docx import Document

    filename, content_type, data = render_docx(content)
    assert (filename, content_type) == (
        "handlingsplan-1980-2022.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    document = Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        "Handlingsplan – Västerås 2022",
        "1. Samspel mellan förtroendevalda och medborgare",
        "3. Styrning och kontroll",
    ]
    first = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert first[0] == EXPORT_COLUMNS
    assert first[1][2:] == [
        "Anta en plan för medborgardialog",
        "2024-01-15",
        "2024-09-30",
        "Åsa Öberg, Kanslichef",
        "Pågår",
    ]
    assert first[2][2] == HOSTILE
    assert len(document.tables) == 2


def test_pdf_export_reads_back_as_text_and_hostile_text_is_only_text(content):
    from pypdf import PdfReader

    filename, content_type, data = render_pdf(content)
    assert (filename, content_type) == ("handlingsplan-1980-2022.pdf", "application/pdf")
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    squashed = " ".join(text.split())
    assert "Handlingsplan – Västerås 2022" in squashed
    assert "Anta en plan för medborgardialog" in squashed
    assert "Åsa Öberg, Kanslichef" in squashed
    assert "#set page(width: 1pt)" in squashed
    assert reader.metadata.title == "Handlingsplan – Västerås 2022"
    width = float(reader.pages[0].mediabox.width)
    assert round(width) == 842  # A4 landscape: the hostile "#set page" did not take effect
