"""Honest averages: every figure with its N, nothing shown as an average below KOMPASS_MIN_AVERAGE_N, SKR's
reference drawn instead (labelled as SKR's), and the same figures from portal, report, API and embed.
Hand-computed on the published record (kompass/comparison/data/published-results.csv)."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from kompass.comparison.averages import Grouping, cached_version_average, grouped_averages
from kompass.comparison.queries import forget_data_stamp
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.models import Evaluation
from kompass.municipalities.groups import KommungruppRow, store_kommungrupper
from kompass.reports.services import build_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    forget_data_stamp()
    yield
    cache.clear()


@pytest.fixture
def grouped(published_results):
    # Test groups: Västerås and Örebro B3, Grästorp and Kramfors C8; the rest have none.
    store_kommungrupper(
        [KommungruppRow(c, g, "test") for c, g in [("1980", "B3"), ("1880", "B3"), ("1444", "C8"), ("2282", "C8")]]
    )


def _figures(average, number):
    area = average.area(number)
    return area.mean, area.n, area.reliable, area.shown


def test_version_average_has_n_per_area_and_the_minimum_n_rule(published_results):
    average = cached_version_average(CriteriaVersion.objects.get(code="kk2010"))
    # Area 1: 58, 61, 51, 58, 68, 54, 61 → 411 / 7 = 58.71; area 8: 68, 53, 60, 87 → 268 / 4 = 67.0.
    assert _figures(average, 1) == (Decimal("58.7"), 7, True, Decimal("58.7"))
    assert _figures(average, 8) == (Decimal("67.0"), 4, False, None)
    assert average.area(8).label == "för få utvärderingar (N = 4)"
    assert average.area(1).label == "58,7 (N = 7)"
    assert average.n_label == "N = 4–7 per område"
    assert average.min_n == 5


def test_the_minimum_n_is_a_setting(published_results, settings):
    settings.KOMPASS_MIN_AVERAGE_N = 4
    average = cached_version_average(CriteriaVersion.objects.get(code="kk2010"))
    assert _figures(average, 8) == (Decimal("67.0"), 4, True, Decimal("67.0"))


def test_averages_per_year_county_and_kommungrupp_by_hand(grouped, settings):
    settings.KOMPASS_MIN_AVERAGE_N = 3
    kk2010 = CriteriaVersion.objects.get(code="kk2010")
    by_year = {g.key: g.profile for g in grouped_averages(kk2010, by=Grouping.YEAR)}
    # 2014: Grästorp 61, Strängnäs 54, Gotland 61 (Karlskoga has no areas) → 176 / 3; totals 506, 437, 450, 551.
    assert _figures(by_year["2014"], 1) == (Decimal("58.7"), 3, True, Decimal("58.7"))
    assert (by_year["2014"].total_mean, by_year["2014"].total_n) == (Decimal("486.0"), 4)
    # 2011: Kramfors 51 alone → below the minimum.
    assert _figures(by_year["2011"], 1) == (Decimal("51.0"), 1, False, None)
    by_county = {g.key: g.profile for g in grouped_averages(kk2010, by=Grouping.COUNTY)}
    # Västernorrland: Kramfors 2011 and 2013 → (51 + 58) / 2 over 2 evaluations: too few.
    assert _figures(by_county["22"], 1) == (Decimal("54.5"), 2, False, None)
    groups = {g.key: g for g in grouped_averages(kk2010, by=Grouping.KOMMUNGRUPP)}
    assert [g.label for g in groups.values()] == ["B3 Större stad", "C8 Landsbygdskommun", "utan kommungrupp"]
    # B3: Västerås 58, Örebro 68 → 63.0 (N = 2, too few); totals Örebro 615 and 650 → 632.5 over 2.
    assert _figures(groups["B3"].profile, 1) == (Decimal("63.0"), 2, False, None)
    assert (groups["B3"].profile.total_mean, groups["B3"].profile.total_n, groups["B3"].profile.evaluations_n) == (
        Decimal("632.5"),
        2,
        3,
    )
    # C8: Grästorp 61, Kramfors 51 and 58 → 170 / 3 = 56.67; totals 506 + 359 + 448 = 1313 / 3 = 437.67.
    assert _figures(groups["C8"].profile, 1) == (Decimal("56.7"), 3, True, Decimal("56.7"))
    assert (groups["C8"].profile.total_mean, groups["C8"].profile.total_n) == (Decimal("437.7"), 3)
    assert groups[""].profile.evaluations_n == 7


def test_kommungrupp_averages_are_the_same_on_the_portal_and_in_the_api(client, grouped, settings):
    settings.KOMPASS_MIN_AVERAGE_N = 3
    body = client.get("/api/averages/kk2010?by=kommungrupp").json()
    groups = {g["key"]: g for g in body["groups"]}
    assert groups["C8"]["label"] == "C8 Landsbygdskommun"
    assert groups["C8"]["average"]["areas"][0] | {"name": ""} == {
        "number": 1,
        "name": "",
        "mean": 56.7,
        "n": 3,
        "reliable": True,
    }
    assert (groups["B3"]["average"]["areas"][0]["mean"], groups["B3"]["average"]["areas"][0]["n"]) == (None, 2)
    html = client.get("/genomsnitt/?version=kk2010&by=kommungrupp").content.decode()
    row = html[html.index('<th scope="row">C8 Landsbygdskommun</th>') :].split("</tr>")[0]
    assert '<td class="num">56,7 <span class="n">(3)</span></td>' in row
    assert '<td class="num">437,7 <span class="n">(3)</span></td>' in row
    row = html[html.index('<th scope="row">B3 Större stad</th>') :].split("</tr>")[0]
    assert '<span class="missing">för få utvärderingar (N = 2)</span> <span class="n">(2)</span>' in row


def test_portal_report_api_and_embed_give_the_same_average(client, published_results):
    evaluation = Evaluation.objects.get(key="2282-2013")
    report = build_report(evaluation)
    assert [(a.average, a.average_n) for a in report.areas][0::7] == [(Decimal("58.7"), 7), (None, 4)]
    profile = client.get("/api/evaluations/2282-2013").json()["profile"]
    assert [(p["average"], p["average_n"]) for p in profile][0::7] == [(58.7, 7), (None, 4)]
    html = client.get("/utvarderingar/2282-2013/").content.decode()
    assert '<td class="num">58,7</td><td class="num">7</td>' in html
    assert (
        '<td class="num"><span class="missing">för få utvärderingar (N = 4)</span></td><td class="num">4</td>' in html
    )
    svg = client.get("/inbaddning/2282.svg").content.decode()
    assert "Område 1: 58 poäng, genomsnitt 58,7 (N = 7);" in svg
    assert "Område 8: 60 poäng, genomsnitt för få utvärderingar (N = 4)." in svg
    assert report.average_sentence.startswith(
        "Genomsnittet är kompass genomsnitt för kk2010 över 13 publicerade utvärderingar (demokommunen räknas "
        "inte; N = 4–7 per område), beräknat "
    )


def test_skr_reference_is_drawn_where_ours_has_too_few_and_labelled_as_skrs(client, published_results):
    # kk2020: only Vallentuna 2021 has area scores (N = 1 per area); SKR published a national mean for 2021.
    html = client.get("/utvarderingar/0115-2021/").content.decode()
    assert '<th scope="col" class="num">SKR:s publicerade medelvärde (Sweden, 2021)</th>' in html
    assert "SKR:s publicerade medelvärde (Sweden, 2021) för kk2020" in html  # the radar's legend
    assert "Område 1: 73 poäng, genomsnitt för få utvärderingar (N = 1), SKR:s medelvärde 63;" in html
    report = build_report(Evaluation.objects.get(key="0115-2021"))
    assert (report.areas[0].average, report.areas[0].reference_average) == (None, Decimal("63"))
    assert report.average_sentence.endswith(
        "Där visas i stället SKR:s publicerade medelvärde (Sweden, 2021), källa: "
        "https://www.vallentuna.se/kommun-och-politik/service-och-kvalitetsarbete/kommunkompassen/."
    )
    svg = client.get("/inbaddning/0115.svg").content.decode()
    assert ">SKR:s publicerade medelvärde (Sweden, 2021) för kk2020</text>" in svg
