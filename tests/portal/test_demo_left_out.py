"""The demo municipality (9999) is left out of every public list, API list and open-data file unless asked
for explicitly: a walk over all of them with a published demo evaluation in the database."""

from decimal import Decimal

import pytest

from kompass.evaluations.enums import Status
from kompass.evaluations.services import set_published_scores
from kompass.municipalities.services import ensure_demo_municipality
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/utvarderingar/",
    "/utvarderingar/?version=kk2010&sort=-total",
    "/genomsnitt/",
    "/oppna-data/kommunkompassen-resultat.csv",
    "/oppna-data/kommunkompassen-resultat-excel.csv",
    "/oppna-data/kommunkompassen-resultat.json",
    "/oppna-data/kommunkompassen-resultat-kk2010.csv",
    "/oppna-data/kommunkompassen-resultat-kk2010-excel.csv",
    "/oppna-data/kommunkompassen-resultat-kk2010.json",
    "/api/municipalities?page_size=100",
    "/api/municipalities?page_size=100&page=2",
    "/api/municipalities?page_size=100&page=3",
    "/api/municipalities?evaluated=true",
    "/api/evaluations?page_size=100",
    "/api/evaluations?version=kk2010&sort=total",
    "/api/averages/kk2010?by=county",
    "/api/averages/kk2010?by=kommungrupp",
]


@pytest.fixture
def published_demo(published_results):
    demo = make_evaluation(ensure_demo_municipality().code, version="kk2010", year=2014, status=Status.PUBLISHED)
    set_published_scores(demo, area_points={1: Decimal(100)}, printed_total=Decimal(800))
    return demo


@pytest.mark.parametrize("path", PUBLIC)
def test_no_public_list_shows_the_demo(client, published_demo, path):
    response = client.get(path)
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert "9999" not in text and "Exempelkommun" not in text


def test_the_demo_comes_when_asked_for(client, published_demo):
    assert client.get("/api/evaluations?include_demo=true").json()["count"] == 29
    assert client.get("/api/evaluations").json()["count"] == 28
    body = client.get("/api/municipalities?include_demo=true&page_size=100").json()
    assert body["count"] == 291 and "9999" in [m["code"] for m in body["results"]]
    assert client.get("/api/municipalities").json()["count"] == 290
    assert "Exempelkommun 2014" in client.get("/utvarderingar/?demo=on").content.decode()
    assert client.get("/api/evaluations?municipality=9999").json()["count"] == 1
    assert client.get("/kommuner/9999/").status_code == 200


def test_unknown_totals_come_last_in_both_directions(client, published_results):
    for sort in ("total", "-total"):
        body = client.get(f"/api/evaluations?sort={sort}&page_size=100").json()
        totals = [r["total"] for r in body["results"]]
        known = [t for t in totals if t is not None]
        assert totals == known + [None] * (len(totals) - len(known))
        assert known == sorted(known, reverse=sort == "total")
    html = client.get("/utvarderingar/?sort=-total").content.decode()
    assert html.index("Motala 2006") < html.index("Hultsfred 2021")  # 426,5 before the unknown total
