"""Every report generation and variant of the layouts: each test report's every field, as text and as PDF."""

from decimal import Decimal

import pytest

from kompass.importer.extraction import extract_report
from kompass.importer.reading import read_report_bytes
from tests.importer import pdfs
from tests.importer.layouts import EXPECTED, REPORTS

IDENTITY = list(next(iter(EXPECTED.values()))["identity"])


def _identity(report):
    values = {key: getattr(report, key) for key in IDENTITY if key != "evaluators"}
    values["evaluators"] = [(p.name, p.organisation) for p in report.evaluators]
    return values


def _areas(report):
    return {a.number: (a.score, a.average, a.change, a.strengths, a.improvements) for a in report.areas}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_layout_gives_every_field_as_printed(db, name):
    report = extract_report((REPORTS / name).read_text(encoding="utf-8"), source_name=name)
    expected = EXPECTED[name]
    assert _identity(report) == expected["identity"]
    assert (report.total, report.computed_total) == expected["total"]
    assert _areas(report) == expected["areas"]
    assert [a.conflicts for a in report.areas] == [[]] * 8


def _as_pdf_pages(text: str, lines_per_page: int = 30) -> list[list[str]]:
    lines = [line for line in text.split("\n") if line.strip()]
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]


@pytest.mark.parametrize(
    "name", ["kk2002-gavle-2008.txt", "kk2010-sundbyberg-2010.txt", "kk2020-lulea-2022-pdfslide.txt"]
)
def test_the_same_report_as_a_pdf_with_page_headers_gives_the_same_fields(db, name):
    pdf = pdfs.pdf_from_lines(_as_pdf_pages((REPORTS / name).read_text(encoding="utf-8")))
    read = read_report_bytes(pdf, name=name.replace(".txt", ".pdf"))
    assert read.pages > 2
    report = extract_report(read.text, source_name=name)
    expected = EXPECTED[name]
    assert _identity(report) == expected["identity"]
    assert (report.total, report.computed_total) == expected["total"]
    assert _areas(report) == expected["areas"]


def test_sub_area_texts_and_rubriker_of_the_2010_layout(db):
    report = extract_report((REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8"), source_name="s")
    area = report.area(1)
    assert area.headings == [
        "Strategi för demokratiutveckling och information",
        "Information till medborgare",
        "Dialog och medborgarmedverkan",
    ]
    assert area.general_text == "Staden har en demokratiplan som fullmäktige antagit."
    assert [(s.heading, s.subarea_number, s.text) for s in area.sections] == [
        ("Information till medborgarna", 2, "Hemsidan är lätt att hitta på och uppdateras dagligen."),
        ("Dialog och medborgarmedverkan", 3, "Staden har prövat medborgarbudget i en stadsdel."),
    ]
    assert [(r.name, r.code) for r in area.references] == [("Nacka", "0182"), ("Sigtuna", "0191")]
    assert [(r.area_number, r.points) for r in report.overview] == [
        (1, 66), (2, 59), (3, 70), (4, 61), (5, 55), (6, 62), (7, 57), (8, 58)
    ]  # fmt: skip


def test_every_score_is_read_from_each_place_it_is_printed(db):
    report = extract_report(
        (REPORTS / "kk2016-sigtuna-2017-docplayer.txt").read_text(encoding="utf-8"), source_name="sigtuna.txt"
    )
    assert [(s.place, s.value, s.average) for s in report.area(3).sightings] == [
        ("områdesavsnittet", 73, None),
        ("sammanfattningstabellen", 73, 63),
    ]
    # docplayer lost area 5's number after "Poäng": the summary table is the only place left.
    assert [(s.place, s.value) for s in report.area(5).sightings] == [("sammanfattningstabellen", 64)]
    assert report.area(5).confidence < report.area(3).confidence
    assert [(s.place, s.value, s.snippet) for s in report.total_sightings] == [
        ("löptext", 548, "höjt sin poäng från 452 till 548"),
        ("löptext", 548, "Totalpoängen 2017 blev 548"),
    ]


def test_a_score_printed_differently_in_two_places_is_reported_with_both_places(db):
    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8")
    text = text.replace("Politisk styrning och kontroll 70\n", "Politisk styrning och kontroll 76\n")
    report = extract_report(text, source_name="sundbyberg.txt")
    area = report.area(3)
    assert area.score == Decimal(70)
    assert area.conflicts == [
        "Område 3: poängen skiljer sig mellan 70 i områdesavsnittet (sida 3, rad 54: ”Område 3 Politisk styrning "
        "och kontroll … 70”); 76 i poängöversikten (sida 3, rad 105: ”Politisk styrning och kontroll 76”)."
    ]
    assert area.confidence == 0.3


def test_a_printed_total_that_differs_from_the_sum_keeps_both_and_says_so(db):
    report = extract_report((REPORTS / "page-kramfors-2013.txt").read_text(encoding="utf-8"), source_name="k.txt")
    assert (report.total, report.computed_total) == (448, 447)
    assert report.warnings == [
        "Den tryckta totalpoängen 448 (löptext (sida 1, rad 3: ”Totalpoängen 2013 blev 448”)) skiljer sig "
        "från summan av områdena 447."
    ]


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("Kommunen fick totalt 512 poäng av 800 möjliga.", 512),
        ("Kommunen fick 506 av totalt 800 poäng.", 506),
        ("Resultatet blev 488 av 800 möjliga poäng.", 488),
        ("Totalpoängen 2013 blev 448 poäng.", 448),
        ("Kommunen har höjt sin poäng från 452 till 536.", 536),
        ("Vid förra utvärderingen fick kommunen totalt 452 poäng.", None),
        ("Det är en ökning med 138 poäng.", None),
        ("Resultaten ligger mellan 69 poäng som lägst och 92 som högst.", None),
        ("Snittet för 31 kommuner är totalt 497 poäng.", None),
        ("Högsta möjliga är 800 poäng.", None),
    ],
)
def test_the_total_is_read_from_its_prose_forms_and_not_from_other_numbers(sentence, total):
    from kompass.importer.scores import find_totals

    assert [s.value for s in find_totals(sentence)] == ([Decimal(total)] if total else [])


def test_a_table_with_one_column_per_year_gives_the_report_years_column(db):
    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8")
    table = "Område 2007 2010\nOffentlighet och demokrati 60 % 66 %\nPolitisk styrning och kontroll 64 % 70 %\n"
    text = text.replace("RAPPORT 3 (34)\n", table + "RAPPORT 3 (34)\n")
    report = extract_report(text, source_name="sundbyberg.txt")
    assert [(s.place, s.value, s.snippet) for s in report.area(1).sightings] == [
        ("områdesavsnittet", 66, "Område 1 Offentlighet och demokrati … 66"),
        ("tabell per år", 66, "Offentlighet och demokrati 60 % 66 %"),
        ("poängöversikten", 66, "Offentlighet och demokrati 66"),
    ]
    assert report.area(3).conflicts == []


def test_sub_area_texts_and_references_of_the_docplayer_scrape(db):
    report = extract_report(
        (REPORTS / "kk2016-sigtuna-2017-docplayer.txt").read_text(encoding="utf-8"), source_name="sigtuna.txt"
    )
    area = report.area(1)
    assert area.general_text == "Kommunen har en tydlig ambition att öka invånarnas delaktighet."
    assert [(s.heading, s.subarea_number, s.text) for s in area.sections] == [
        (
            "Strategi för demokratiutveckling och information",
            1,
            "Fullmäktige antog en demokratiplan 2015 som följs upp årligen.",
        ),
        (
            "Information till medborgarna",
            2,
            "Kommunens webbplats har ett särskilt avsnitt om politiken. Kommuner att titta närmare på kan vara Nacka "
            "och Knivsta som publicerar jämförelser på sin webbplats.",
        ),
        ("Dialog och medborgarmedverkan", 3, "Kommunen har genomfört medborgardialoger i alla kommundelar."),
    ]
    assert [(r.name, r.code, r.theme) for r in area.references] == [
        ("Nacka", "0182", "Information till medborgarna"),
        ("Knivsta", "0330", "Information till medborgarna"),
    ]
    assert [a.name for a in report.areas] == [
        "Offentlighet och demokrati",
        "Brukarfokus, tillgänglighet och bemötande",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegatin",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare",
        "Ständiga förbättringar",
        "Kommun som samhällsbyggare",
    ]
    assert report.warnings == ["6 rader efter rapporten (andra dokument) är inte med."]
