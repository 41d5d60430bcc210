import pytest

from kompass.importer.extraction import extract_report
from kompass.importer.reading import ReadError, read_report_bytes
from tests.importer import pdfs

PDF_PAGES = [
    ["KommunKompassen", "ANALYS AV TRANÅS KOMMUN 2017", "Utvärderare: Lars Strid, SKL och Anna Berg, Eksjö kommun"],
    [
        "Område 2 Brukarfokus, tillgänglighet och bemötande 71 %",
        "Allmänt",
        "Kommunen har en strategi för brukarorientering som följs upp varje år.",
        "Styrkor",
        "• Strategin är antagen av fullmäktige",
        "• Brukarundersökningar i alla verksamheter",
        "Förbättringsmöjligheter",
        "• Inför servicedeklarationer",
    ],
]


def test_a_pdf_made_from_text_imports_its_areas_scores_and_lists(db):
    read = read_report_bytes(pdfs.pdf_from_lines(PDF_PAGES), name="tranas.pdf")
    assert (read.kind, read.pages) == ("pdf", 2)
    report = extract_report(read.text, source_name="tranas.pdf")
    assert (report.municipality_code, report.year, report.version) == ("0687", 2017, "kk2016")
    area = report.area(2)
    assert (area.score, area.strengths, area.improvements) == (
        71,
        ["Strategin är antagen av fullmäktige", "Brukarundersökningar i alla verksamheter"],
        ["Inför servicedeklarationer"],
    )
    assert [(p.name, p.organisation) for p in report.evaluators] == [
        ("Lars Strid", "SKL"),
        ("Anna Berg", "Eksjö kommun"),
    ]


def test_text_in_cp1252_is_read():
    read = read_report_bytes("Västerås stad – Förbättringsmöjligheter".encode("cp1252"), name="gammal.txt")
    assert read.text == "Västerås stad – Förbättringsmöjligheter"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "gammal.txt: filen är tom."),
        (b"   \n ", "gammal.txt: filen är tom."),
        (bytes(range(256)) * 20, "gammal.txt: filen är varken text eller PDF (binärt innehåll)."),
        (b"%PDF-1.7\n garbage that is no pdf", "gammal.txt: PDF-filen är skadad och kan inte läsas"),
    ],
)
def test_unreadable_files_get_a_clear_swedish_message(data, message):
    with pytest.raises(ReadError) as error:
        read_report_bytes(data, name="gammal.txt")
    assert str(error.value).startswith(message)


def test_an_encrypted_pdf_is_refused_with_a_message():
    with pytest.raises(ReadError, match="krypterad"):
        read_report_bytes(pdfs.encrypted(pdfs.pdf_from_lines(PDF_PAGES)), name="hemlig.pdf")


def test_a_pdf_without_a_text_layer_says_it_needs_ocr():
    with pytest.raises(ReadError, match="saknar textlager.*OCR"):
        read_report_bytes(pdfs.without_text_layer(), name="skannad.pdf")
