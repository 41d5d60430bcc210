import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kompass.accounts.enums import Role
from kompass.assessment.models import Finding
from kompass.evaluations.enums import FindingKind, Status
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


def test_start_page_explains_kommunkompassen_and_lists_the_latest_evaluations(client, published_results):
    html = client.get("/").content.decode()
    assert "Kommunkompassen – så styrs och leds kommunerna" in html
    assert "Mark 2024" in html and 'href="/jamfor/"' in html and 'href="/goda-exempel/"' in html


def test_evaluations_list_shows_published_evaluations_with_totals(client, published_results):
    response = client.get("/utvarderingar/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "28 publicerade utvärderingar" in html
    assert "Kramfors 2011" in html and "359" in html


def test_evaluations_list_filters_by_version_county_and_year(client, published_results):
    html = client.get("/utvarderingar/?version=kk2010&county=22").content.decode()
    assert "2 publicerade utvärderingar" in html and "Kramfors 2013" in html and "Västerås 2012" not in html
    html = client.get("/utvarderingar/?year=2012").content.decode()
    assert "2 publicerade utvärderingar" in html and "Örebro 2012" in html and "Västerås 2012" in html


def test_evaluations_list_sorts_by_total(client, published_results):
    html = client.get("/utvarderingar/?sort=total").content.decode()
    assert html.index("Helsingborg 2017") < html.index("Örebro 2015") < html.index("Kramfors 2011")


def test_evaluations_list_paginates(client, published_results):
    for code in ("0114", "0117", "0120", "0125", "0127", "0128", "0136", "0139", "0140", "0160"):
        for year in (2016, 2017, 2018):
            make_evaluation(code, version="kk2016", year=year, status=Status.PUBLISHED)
    first = client.get("/utvarderingar/").content.decode()
    second = client.get("/utvarderingar/?sida=2").content.decode()
    assert "Sida 1 av 2" in first and 'href="?sida=2"' in first
    assert "Sida 2 av 2" in second and second.count('<th scope="row"><a href="/utvarderingar/') == 8


def test_evaluation_page_shows_missing_area_as_missing(client, published_results):
    html = client.get("/utvarderingar/1980-2012/").content.decode()
    assert "Västerås" in html and "uppgift saknas" in html and "82" in html


def test_evaluation_page_shows_printed_and_summed_totals_when_they_differ(client, published_results):
    html = client.get("/utvarderingar/2282-2011/").content.decode()
    assert "Rapporten tryckte totalen 359, men områdena summerar till 363." in html


def test_evaluation_page_shows_the_version_average_with_n_in_table_and_radar(client, published_results):
    html = client.get("/utvarderingar/2282-2011/").content.decode()
    # kk2010 area 1: (58 + 61 + 51 + 58 + 68 + 54 + 61) / 7 = 58.71
    assert '<td class="num">58,7</td><td class="num">7</td>' in html
    # Area 8: Grästorp, Kramfors twice and Örebro = 4 evaluations, fewer than the minimum of 5.
    too_few = '<span class="missing">för få utvärderingar (N = 4)</span>'
    assert f'<td class="num">{too_few}</td><td class="num">4</td>' in html
    assert "Genomsnitt kk2010 i kompass (N = 4–7 per område)" in html
    assert "<svg" in html and '<title id="radar-title">' in html


def test_evaluation_page_lists_strengths_and_improvements(client, published_results):
    evaluation = make_evaluation("0114", version="kk2020", year=2025, status=Status.PUBLISHED)
    area = evaluation.version.areas.get(number=3)
    Finding.objects.create(evaluation=evaluation, area=area, kind=FindingKind.STRENGTH, text="Tydlig styrmodell")
    Finding.objects.create(evaluation=evaluation, area=area, kind=FindingKind.IMPROVEMENT, text="<b>Följ upp</b>")
    html = client.get(f"/utvarderingar/{evaluation.key}/").content.decode()
    assert "<li>Tydlig styrmodell</li>" in html
    assert "<li>&lt;b&gt;Följ upp&lt;/b&gt;</li>" in html


def test_hostile_municipality_names_are_escaped_in_pages_and_charts(client, published_results):
    Municipality.objects.filter(code="2282").update(short_name='<script>alert("x")</script>')
    for url in ("/utvarderingar/2282-2011/", "/kommuner/2282/", "/utvarderingar/", "/inbaddning/2282.svg"):
        assert "<script>alert" not in client.get(url).content.decode(), url


@pytest.mark.parametrize("role", ["team", "contact", "admin"])
def test_an_unpublished_evaluation_is_shown_to_those_who_may_see_it(client, published_results, role):
    member = make_user()
    hidden = make_evaluation("0114", year=2026, status=Status.WRITING, team=[member])
    user = {
        "team": member,
        "contact": make_user(role=Role.CONTACT, municipality=hidden.municipality),
        "admin": make_user(role=Role.ADMINISTRATOR),
    }[role]
    client.force_login(user)
    html = client.get(f"/utvarderingar/{hidden.key}/").content.decode()
    assert "Inte publicerad (Skrivande)" in html


@pytest.mark.parametrize("who", ["anonymous", "colleague", "other_contact"])
def test_an_unpublished_evaluation_is_hidden_from_everyone_else(client, published_results, who):
    hidden = make_evaluation("0114", year=2026, status=Status.WRITING, team=[make_user()])
    if who == "colleague":
        client.force_login(make_user())
    elif who == "other_contact":
        client.force_login(make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0115")))
    assert client.get(f"/utvarderingar/{hidden.key}/").status_code == 404


def test_no_public_page_or_download_leaks_an_unpublished_evaluation(client, published_results):
    hidden = make_evaluation("0114", year=2026, status=Status.WRITING)
    from kompass.evaluations.services import set_published_scores

    set_published_scores(hidden, area_points={1: 99}, printed_total=None)
    pages = [
        "/",
        "/utvarderingar/",
        "/utvarderingar/?municipality=0114",
        "/jamfor/?version=kk2020&kommun=1270",
        "/genomsnitt/",
        "/genomsnitt/?by=county",
        "/oppna-data/kommunkompassen-resultat.csv",
        "/oppna-data/kommunkompassen-resultat.json",
        "/oppna-data/kommunkompassen-resultat-kk2020.csv",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert "Upplands Väsby" not in html and "0114-2026" not in html, url
    assert client.get("/kommuner/0114/").status_code == 404
    assert client.get("/inbaddning/0114.svg").status_code == 404
    assert client.get("/inbaddning/0114.png").status_code == 404
    assert "Upplands Väsby" not in client.get("/jamfor/?version=kk2020&kommun=0114").content.decode()


def test_list_page_query_count_does_not_grow_with_rows(client, published_results):
    client.get("/utvarderingar/")
    with CaptureQueriesContext(connection) as few:
        client.get("/utvarderingar/")
    for code in ("0114", "0115", "0117", "0120", "0125"):
        make_evaluation(code, year=2025, status=Status.PUBLISHED)
    client.get("/utvarderingar/")
    with CaptureQueriesContext(connection) as many:
        client.get("/utvarderingar/")
    assert len(many) == len(few)


@pytest.mark.parametrize("url", ["/", "/kommuner/0115/", "/genomsnitt/", "/oppna-data/kommunkompassen-resultat.csv"])
def test_other_public_pages_query_count_does_not_grow_with_rows(client, published_results, url):
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for year in (2022, 2023, 2024, 2025):
        make_evaluation("0115", year=year, status=Status.PUBLISHED)
    for code in ("0114", "0117", "0120"):
        make_evaluation(code, year=2025, status=Status.PUBLISHED)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_evaluations_list_finds_a_municipality_by_name_or_says_it_does_not_exist(client, published_results):
    html = client.get("/utvarderingar/?municipality=kramfors").content.decode()
    assert "2 publicerade utvärderingar" in html and "Kramfors 2013" in html
    html = client.get("/utvarderingar/?municipality=Atlantis").content.decode()
    assert "Ingen kommun heter eller har koden ”Atlantis”." in html and "0 publicerade utvärderingar" in html
