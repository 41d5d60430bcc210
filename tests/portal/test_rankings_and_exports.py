"""Rankings per version (total and area, unknown last, never mixing versions), the comparison as Excel
(read back), municipalities typed by name, and similar municipalities by kommungrupp."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kompass.comparison.rankings import ranking
from kompass.criteria.models import CriteriaVersion
from kompass.municipalities.groups import KommungruppRow, store_kommungrupper

pytestmark = pytest.mark.django_db


def test_kk2010_ranking_by_total_latest_per_municipality_unknown_last(published_results):
    result = ranking(CriteriaVersion.objects.get(code="kk2010"))
    assert [(r.rank, r.evaluation.key, r.value) for r in result.rows] == [
        (1, "1880-2015", 650),
        (2, "0182-2011", 644),
        (3, "0980-2014", 551),
        (4, "0138-2015", 536),
        (5, "1444-2014", 506),
        (6, "1883-2014", 450),
        (7, "2282-2013", 448),
        (8, "0486-2014", 437),
        (9, "1292-2013", 426),
        (None, "1980-2012", None),
    ]
    # The average is the version's over all 12 known totals (Kramfors and Örebro twice), as everywhere.
    assert (result.average.mean, result.average.n) == (Decimal("506.2"), 12)


def test_area_ranking_with_shared_ranks_and_unknown_last(published_results):
    result = ranking(CriteriaVersion.objects.get(code="kk2010"), area=1)
    assert [(r.rank, r.evaluation.municipality.short_name, r.value) for r in result.rows][:6] == [
        (1, "Gotland", 61),
        (1, "Grästorp", 61),
        (3, "Kramfors", 58),
        (3, "Västerås", 58),
        (5, "Strängnäs", 54),
        (None, "Karlskoga", None),
    ]


def test_ranking_page_shows_chart_table_average_and_dash_for_unknown(client, published_results):
    html = client.get("/rangordning/?version=kk2010").content.decode()
    assert "<h2>kk2010: totalpoäng per kommun, högst först</h2>" in html
    assert '<td class="num">–</td>' in html and '<span class="missing">uppgift saknas</span>' in html
    assert html.index("Örebro 2015") < html.index("Ängelholm 2013") < html.rindex("Västerås 2012")
    assert "Genomsnitt 506,2 (N = 12)" in html  # the dashed line's label in the bar chart
    assert "Strängnäs 2016" not in html  # kk2016: versions never mixed
    area = client.get("/rangordning/?version=kk2010&omrade=8").content.decode()
    assert "<h2>kk2010: område 8 Kommunen som samhällsbyggare per kommun, högst först</h2>" in area
    assert "för få utvärderingar (N = 4)" in area


def test_ranking_filtered_by_kommungrupp(client, published_results):
    store_kommungrupper([KommungruppRow("1880", "B3", "test"), KommungruppRow("1980", "B3", "test")])
    html = client.get("/rangordning/?version=kk2010&kommungrupp=B3").content.decode()
    assert "Örebro 2015" in html and "Västerås 2012" in html and "Gotland 2014" not in html
    assert "B3 Större stad" in html


def test_comparison_by_typed_names_codes_and_beginnings(client, published_results):
    html = client.get(
        "/jamfor/?version=kk2010&kommun=kramfors&kommun=1880&kommun=Västerås+stad&kommun=Grästo"
    ).content.decode()
    assert "Poäng per område på kk2010" in html
    for name in ("Kramfors", "Örebro", "Västerås", "Grästorp"):
        assert f'<th scope="col" class="num">{name} <a' in html
    assert '<option value="Ängelholm"></option>' in html  # the datalist offers the names


def test_an_unknown_typed_name_is_refused_in_swedish_and_kept(client, published_results):
    html = client.get("/jamfor/?version=kk2010&kommun=Kramfors&kommun=Atlantis").content.decode()
    assert "Ingen kommun med publicerad utvärdering heter eller har koden ”Atlantis”." in html
    assert 'value="Atlantis"' in html and "Poäng per område" not in html


def test_comparison_as_excel_reads_back_with_the_pages_figures(client, published_results):
    response = client.get("/jamfor/excel/?version=kk2010&kommun=Kramfors&kommun=Örebro&kommun=Västerås")
    assert response["Content-Disposition"] == 'attachment; filename="jamforelse-kk2010-2282-1880-1980.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Område", "Kramfors 2013", "Örebro 2015", "Västerås 2012", "Genomsnitt kk2010", "N"]
    assert rows[1] == ["1. Offentlighet och demokrati", 58, "uppgift saknas", 58, 58.7, 7]
    assert rows[8][0].startswith("8. ") and rows[8][1:] == [
        60,
        "uppgift saknas",
        "uppgift saknas",
        "för få utvärderingar (N = 4)",
        4,
    ]
    assert rows[9] == ["Totalpoäng", 448, 650, "uppgift saknas", 506.2, 12]
    assert rows[12][0].startswith("Källa: Kommunkompassen")
    bad = client.get("/jamfor/excel/?version=kk2010&kommun=Atlantis")
    assert bad.status_code == 400 and "Atlantis" in bad.content.decode()


def test_similar_municipalities_by_kommungrupp_first(client, published_results):
    store_kommungrupper([KommungruppRow(c, "B3", "test") for c in ("1880", "1980", "1883")])
    html = client.get("/jamfor/?version=kk2010&kommun=1880").content.decode()
    assert "Karlskoga</a> – samma kommungrupp (B3 Större stad), samma län" in html
    assert "Västerås</a> – samma kommungrupp (B3 Större stad)" in html


def test_municipality_page_says_in_words_why_there_is_no_development_chart(client, published_results):
    html = client.get("/kommuner/1980/").content.decode()
    assert (
        '<p class="development-note">En utvärdering (2012) – utvecklingen visas när det finns två. Totalpoängen för '
        "2012 är inte publicerad; områdespoängen står i tabellen.</p>"
    ) in html
    assert 'id="history-title"' not in html
    kramfors = client.get("/kommuner/2282/").content.decode()
    assert 'id="history-title"' in kramfors and "development-note" not in kramfors
