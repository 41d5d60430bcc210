"""Title pages as the layouts print them: municipality, date with precision, evaluators and organisations."""

import pytest

from kompass.importer.metadata import extract_identity, parse_people
from kompass.importer.report import ExtractedReport

HEADS = [
    (
        "KOMMUNKOMPASSEN ANALYS AV SIMRISHAMNS KOMMUN 2018 2018-09-26/27 UTVÄRDERARE: LARS STRID (F.D. SKL) OCH "
        "JOSEPHINE HÄRDIN Innehåll 1 Vad är kommunkompassen?",
        ("1291", 2018, "2018-09-26", "day"),
        [("Lars Strid", "f.d. SKL", ""), ("Josephine Härdin", "", "")],
    ),
    (
        "Kommun Kompassen ANALYS AV KALIX KOMMUN 2012 Kalix kommun Märit Melbi, SKL Ingmar Kärrsten, Halmstad "
        "2013-01-03 Sveriges Kommuner och Landsting 2013-01-03 2 (27) Innehåll",
        ("2514", 2012, "2013-01-03", "day"),
        [("Märit Melbi", "SKL", ""), ("Ingmar Kärrsten", "Halmstad", "")],
    ),
    (
        "KommunKompassen ANALYS AV TRANÅS KOMMUN 2017 Utvärderare: Lars Strid, senior konsult SKL och Anders "
        "Bergenek, Halmstad Sveriges Kommuner och Landsting 2017-05-10 2 (25)",
        ("0687", 2017, "2017-05-10", "day"),
        [("Lars Strid", "SKL", "senior konsult"), ("Anders Bergenek", "Halmstad", "")],
    ),
    (
        "KommunKompassen ANALYS AV VETLANDA KOMMUN 2012 Ingmar Kärrsten Britt-Marie Hedlund, SKL Lars Strid, SKL "
        "2012-03-07",
        ("0685", 2012, "2012-03-07", "day"),
        [("Ingmar Kärrsten", "", ""), ("Britt-Marie Hedlund", "SKL", ""), ("Lars Strid", "SKL", "")],
    ),
    (
        "KommunKompassen ANALYS AV RONNEBY KOMMUN SEPTEMBER 2017 Christine Feuk, SKL Karolina Dahlbom, Landstinget "
        "i Kalmar län",
        ("1081", 2017, "2017-09-01", "month"),
        [("Christine Feuk", "SKL", ""), ("Karolina Dahlbom", "Landstinget i Kalmar län", "")],
    ),
]


@pytest.mark.parametrize(("head", "identity", "people"), HEADS)
def test_title_pages_give_municipality_date_precision_and_evaluators(db, head, identity, people):
    report = ExtractedReport(source_name="x")
    extract_identity(report, head)
    assert (report.municipality_code, report.year, report.report_date, report.report_date_precision) == identity
    assert [(p.name, p.organisation, p.role) for p in report.evaluators] == people


@pytest.mark.parametrize(
    ("printed", "code", "name"),
    [("ÖRBRO KOMMUN", "1880", "Örebro kommun"), ("VÄNERBORG KOMMUN", "1487", "Vänersborgs kommun")],
)
def test_a_misspelt_municipality_is_matched_and_the_guess_is_said(db, printed, code, name):
    report = ExtractedReport(source_name="x")
    extract_identity(report, f"KommunKompassen ANALYS AV {printed} 2015 Lars Strid, SKL")
    assert report.municipality_code == code
    assert report.warnings == [f"Kommunnamnet ”{printed}” finns inte i registret; tolkat som {name}."]


def test_people_without_separators_and_an_organisation_before_the_next_name():
    people = parse_people("Lars Strid, SKL Anders Dryselius, Hylte kommun Ewa Luvö, Borås kommun")
    assert [(p.name, p.organisation) for p in people] == [
        ("Lars Strid", "SKL"),
        ("Anders Dryselius", "Hylte kommun"),
        ("Ewa Luvö", "Borås kommun"),
    ]


def test_an_organisation_written_once_after_all_names_belongs_to_all():
    people = parse_people("Leif Eldås, Bengt-Olof Knuttson och Anders Norrlid, SKL")
    assert [(p.name, p.organisation) for p in people] == [
        ("Leif Eldås", "SKL"),
        ("Bengt-Olof Knuttson", "SKL"),
        ("Anders Norrlid", "SKL"),
    ]
