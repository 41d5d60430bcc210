"""Formula-like text in every CSV and Excel file kompass writes comes out inert; numbers stay numbers."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from kompass.actionplans.exporters import render_xlsx
from kompass.actionplans.services import add_action, create_plan, export_content
from kompass.assessment.models import Finding
from kompass.core.spreadsheet import safe_cell
from kompass.criteria.models import Area
from kompass.evaluations.enums import FindingKind, Status
from kompass.importer.services import import_text
from tests.factories import make_evaluation
from tests.importer import samples

CALC = "=cmd|' -C calc'!A0 x.txt"


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", CALC])
def test_text_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Västerås", "", " =1", "1=1", None, 3, -3, 2.5, Decimal("-426.5"), date(2024, 1, 1)])
def test_other_values_are_written_as_they_are(value):
    assert safe_cell(value) == value


@pytest.mark.django_db
def test_open_data_csv_writes_an_uploaded_file_name_as_inert_text_and_numbers_as_numbers(client, kk2020):
    assert import_text(samples.KK2020_FALUN, source_name=CALC).applied is True
    response = client.get("/oppna-data/kommunkompassen-resultat-kk2020.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    falun = dict(zip(rows[0], next(r for r in rows if r[0] == "2080-2021"), strict=True))
    assert falun["source_url"] == "'" + CALC
    assert (falun["area_2"], falun["printed_total"]) == ("62.5", "426.5")


@pytest.mark.django_db
def test_action_plan_excel_writes_formula_like_text_as_inert_text_and_dates_as_dates(kk2020):
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED)
    area = Area.objects.get(version=evaluation.version, number=1)
    kind = FindingKind.IMPROVEMENT
    point = Finding.objects.create(evaluation=evaluation, area=area, kind=kind, position=1, text=CALC)
    plan = create_plan(evaluation)
    add_action(plan, finding_id=point.pk, description="@SUM(1+1)", owner_name="-2+3", due=date(2024, 9, 30))
    sheet = openpyxl.load_workbook(io.BytesIO(render_xlsx(export_content(evaluation, plan))[2])).active
    row = [c for c in next(sheet.iter_rows(min_row=2, values_only=True))]
    assert row[2:5] == ["'" + CALC, None, "'@SUM(1+1)"]
    assert row[6].date() == date(2024, 9, 30)
    assert row[7] == "'-2+3"
