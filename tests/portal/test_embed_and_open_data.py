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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
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
