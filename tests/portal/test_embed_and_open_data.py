import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def test_embed_svg_is_standalone_titled_cacheable_and_embeddable(client, published_results):
    response = client.get("/inbaddning/2282.svg")
    svg = response.content.decode()
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin" and response["Access-Control-Allow-Origin"] == "*"
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')
    # The latest published evaluation (2013), against kk2010's average with N per area (4 to 7): area 8's
    # rests on 4 evaluations, fewer than the minimum of 5, and is not given as a figure.
    assert '<title id="kompass-2282-title">Kramfors 2013: poäng per område mot genomsnittet</title>' in svg
    assert "Område 1: 58 poäng, genomsnitt 58,7 (N = 7);" in svg
    assert "Område 8: 60 poäng, genomsnitt för få utvärderingar (N = 4)." in svg
    assert ">Genomsnitt kk2010 i kompass (N = 4–7 per område)</text>" in svg


def test_embed_png_is_a_png_image(client, published_results):
    response = client.get("/inbaddning/2282.png")
    assert response["Content-Type"] == "image/png" and response.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert response["Cache-Control"] == "public, max-age=3600"


def test_embed_of_a_municipality_without_published_evaluation_is_404(client, published_results):
    assert client.get("/inbaddning/0114.svg").status_code == 404
    assert client.get("/inbaddning/0000.svg").status_code == 404


def test_open_data_csv_has_the_documented_columns_and_keeps_missing_empty(client, published_results):
    response = client.get("/oppna-data/kommunkompassen-resultat-kk2010.csv")
    assert response["Content-Disposition"] == 'attachment; filename="kommunkompassen-resultat-kk2010.csv"'
    assert response.content.startswith("\ufeffevaluation_key,".encode())  # BOM: Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:8] == [
        "evaluation_key",
        "municipality_code",
        "municipality_name",
        "county_code",
        "county_name",
        "year",
        "criteria_version",
        "area_1",
    ]
    assert len(rows) == 14
    kramfors = next(r for r in rows if r[0] == "2282-2011")
    assert kramfors[7:18] == ["51", "45", "62", "34", "52", "27", "39", "53", "359", "363", "359"]
    vasteras = next(r for r in rows if r[0] == "1980-2012")
    assert vasteras[14:18] == ["", "", "", ""] and vasteras[18] == "record"


def test_open_data_json_lists_every_published_result_with_nulls(client, published_results):
    body = client.get("/oppna-data/kommunkompassen-resultat.json").json()
    assert body["count"] == 28 and len(body["results"]) == 28
    motala = next(r for r in body["results"] if r["evaluation_key"] == "0583-2006")
    assert (motala["total"], motala["area_1"], motala["criteria_version"]) == (426.5, None, "kk2002")


def test_open_data_for_an_unknown_version_is_404(client, published_results):
    assert client.get("/oppna-data/kommunkompassen-resultat-kk1999.csv").status_code == 404


def test_excel_variant_has_semicolons_decimal_comma_and_a_bom(client, published_results):
    response = client.get("/oppna-data/kommunkompassen-resultat-excel.csv")
    assert response["Content-Disposition"] == 'attachment; filename="kommunkompassen-resultat-excel.csv"'
    assert response.content.startswith(b"\xef\xbb\xbfevaluation_key;municipality_code;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    motala = next(r for r in rows if r[0] == "0583-2006")
    assert (motala[4], motala[17]) == ("Östergötlands län", "426,5")
    assert len(rows) == 29
    kk2010 = client.get("/oppna-data/kommunkompassen-resultat-kk2010-excel.csv")
    assert len(kk2010.content.decode("utf-8-sig").splitlines()) == 14


@pytest.mark.parametrize(
    "path",
    [
        "/oppna-data/kommunkompassen-resultat.csv",
        "/oppna-data/kommunkompassen-resultat-excel.csv",
        "/oppna-data/kommunkompassen-resultat.json",
        "/oppna-data/kommunkompassen-resultat-kk2010.csv",
        "/oppna-data/kommunkompassen-resultat-kk2010-excel.csv",
        "/oppna-data/kommunkompassen-resultat-kk2010.json",
    ],
)
def test_every_open_data_file_answers_head_and_conditional_get(client, published_results, path):
    full = client.get(path)
    head = client.head(path)
    assert (full.status_code, head.status_code, head.content) == (200, 200, b"")
    assert head["ETag"] == full["ETag"] and head["Last-Modified"] == full["Last-Modified"]
    assert client.get(path, HTTP_IF_NONE_MATCH=full["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=full["Last-Modified"]).status_code == 304
    assert client.post(path).status_code == 405


def test_the_etag_changes_when_a_result_is_published(client, published_results):
    from decimal import Decimal

    from kompass.evaluations.enums import Status
    from kompass.evaluations.services import set_published_scores
    from tests.factories import make_evaluation

    before = client.get("/oppna-data/kommunkompassen-resultat.csv")["ETag"]
    evaluation = make_evaluation("0114", version="kk2020", year=2025, status=Status.PUBLISHED)
    set_published_scores(evaluation, area_points={1: Decimal(50)}, printed_total=None)
    after = client.get("/oppna-data/kommunkompassen-resultat.csv", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before


def test_licence_and_how_to_cite_on_the_page_and_in_the_json(client, published_results):
    body = client.get("/oppna-data/kommunkompassen-resultat.json").json()
    assert (body["license"], body["license_url"]) == (
        "CC BY 4.0",
        "https://creativecommons.org/licenses/by/4.0/deed.sv",
    )
    assert body["how_to_cite"].startswith(
        "Källa: Kommunkompassen, publicerade resultat sammanställda i kompass, CC BY 4.0"
    )
    html = client.get("/oppna-data/").content.decode()
    assert '<a href="https://creativecommons.org/licenses/by/4.0/deed.sv" rel="license">CC BY 4.0</a>' in html
    assert body["how_to_cite"] in html
    assert "/oppna-data/kommunkompassen-resultat-excel.csv" in html
