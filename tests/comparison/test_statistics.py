"""Averages computed exactly: hand-computed on the published record (with missing areas and Kramfors'
printed-versus-summed totals), per year and county, versions never pooled, demo never counted."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from kompass.comparison.averages import Grouping, cached_version_average, grouped_averages, version_average
from kompass.comparison.comparing import ComparisonError, compare_municipalities, similar_municipalities
from kompass.comparison.opendata import open_data_rows
from kompass.comparison.profiles import municipality_history
from kompass.comparison.queries import forget_data_stamp
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Status
from kompass.evaluations.services import set_published_scores
from kompass.municipalities.models import KeyFigure, Municipality
from kompass.municipalities.services import ensure_demo_municipality
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    forget_data_stamp()


def test_kk2010_average_by_hand_with_missing_areas_and_printed_totals(published_results):
    average = version_average(CriteriaVersion.objects.get(code="kk2010"))
    # Area 1: Västerås 58, Grästorp 61, Kramfors 51 and 58, Örebro 68, Strängnäs 54, Gotland 61 → 411 / 7.
    assert (average.area(1).mean, average.area(1).n) == (Decimal("58.7"), 7)
    # Area 8 is missing for Västerås (cut off): Grästorp 68, Kramfors 53 and 60, Örebro 87 → 268 / 4.
    assert (average.area(8).mean, average.area(8).n) == (Decimal("67.0"), 4)
    # Area 7: 74, 65, 39, 44, 71 and Gotland 68 → 361 / 6 = 60.17.
    assert (average.area(7).mean, average.area(7).n) == (Decimal("60.2"), 6)
    # Totals use the printed figures: Kramfors 359 (not 363) and 448 (not 447); Västerås has none.
    # 506 + 359 + 448 + 615 + 650 + 437 + 452 + 536 + 450 + 644 + 426 + 551 = 6074 → 6074 / 12 = 506.17.
    assert (average.total_mean, average.total_n, average.evaluations_n) == (Decimal("506.2"), 12, 13)


def test_averages_per_year_and_per_county_split_the_same_evaluations(published_results):
    kk2010 = CriteriaVersion.objects.get(code="kk2010")
    by_year = {g.key: g for g in grouped_averages(kk2010, by=Grouping.YEAR)}
    assert sorted(by_year) == ["2010", "2011", "2012", "2013", "2014", "2015"]
    # 2011: Kramfors (printed 359) and Nacka (644, no areas).
    assert (by_year["2011"].profile.total_mean, by_year["2011"].profile.total_n) == (Decimal("501.5"), 2)
    assert (by_year["2011"].profile.area(1).mean, by_year["2011"].profile.area(1).n) == (Decimal("51.0"), 1)
    by_county = {g.key: g for g in grouped_averages(kk2010, by=Grouping.COUNTY)}
    assert by_county["22"].label == "Västernorrlands län"
    # Västernorrland: Kramfors 2011 and 2013 → area 4: (34 + 53) / 2, total (359 + 448) / 2.
    assert (by_county["22"].profile.area(4).mean, by_county["22"].profile.total_mean) == (
        Decimal("43.5"),
        Decimal("403.5"),
    )
    assert sum(g.profile.evaluations_n for g in by_county.values()) == 13


def test_grouped_averages_never_pool_versions_or_count_the_demo(published_results):
    kk2016 = CriteriaVersion.objects.get(code="kk2016")
    demo = make_evaluation(ensure_demo_municipality().code, version="kk2016", year=2017, status=Status.PUBLISHED)
    set_published_scores(demo, area_points={1: Decimal(100)}, printed_total=Decimal(800))
    groups = {g.key: g for g in grouped_averages(kk2016, by=Grouping.YEAR)}
    # kk2016 in 2017: Helsingborg 668, Finspång 419, Vallentuna 555 (Strängnäs 2016 is another year).
    assert (groups["2017"].profile.total_mean, groups["2017"].profile.total_n) == (Decimal("547.3"), 3)
    assert groups["2016"].profile.area(1).mean == Decimal("56.0")  # Strängnäs 63, Mölndal 49; kk2010 not pooled


def test_cached_average_follows_a_newly_published_evaluation(published_results):
    kk2020 = CriteriaVersion.objects.get(code="kk2020")
    before = cached_version_average(kk2020)
    evaluation = make_evaluation("0114", version="kk2020", year=2025, status=Status.SCORING)
    set_published_scores(evaluation, area_points={1: Decimal(50)}, printed_total=None)
    assert cached_version_average(kk2020) == before  # unpublished: not counted
    evaluation.status = Status.PUBLISHED
    evaluation.save()
    after = cached_version_average(kk2020)
    assert (before.area(1).n, after.area(1).n) == (1, 2)
    assert after.area(1).mean == Decimal("61.5")  # Vallentuna 73 and 50


def test_history_marks_version_changes_with_the_mapping_note(published_results):
    history = municipality_history(Municipality.objects.get(code="0115"))
    assert [e.key for e in history.evaluations] == ["0115-2017", "0115-2019", "0115-2021"]
    [change] = history.changes
    assert (change.year, change.from_version, change.to_version) == (2021, "kk2016", "kk2020")
    assert change.note.startswith("Kriterierna gjordes om 2020") and len(change.comparability) == 8


def test_compare_refuses_more_than_eight(kk2010):
    with pytest.raises(ComparisonError, match="Jämför högst 8 kommuner"):
        compare_municipalities(
            [f"01{n:02d}" for n in range(14, 23)], version=CriteriaVersion.objects.get(code="kk2010")
        )


def test_similar_municipalities_use_county_and_size_class(published_results):
    kk2016 = CriteriaVersion.objects.get(code="kk2016")
    vallentuna = Municipality.objects.get(code="0115")
    assert [s.municipality.code for s in similar_municipalities(vallentuna, version=kk2016)] == []
    for code, population in [("0115", 35000), ("0562", 22000), ("1283", 150000)]:
        KeyFigure.objects.create(municipality_id=code, year=2024, name="folkmängd", value=population)
    similar = similar_municipalities(vallentuna, version=kk2016)
    assert [(s.municipality.code, s.reason) for s in similar] == [
        ("0562", "samma storleksklass (15 000–49 999 invånare)")
    ]


def test_open_data_rows_keep_missing_as_none_and_leave_out_demo_and_unpublished(published_results):
    make_evaluation("0114", version="kk2020", year=2025, status=Status.REVIEW)
    make_evaluation(ensure_demo_municipality().code, version="kk2020", year=2025, status=Status.PUBLISHED)
    rows = open_data_rows()
    assert len(rows) == 28
    vasteras = next(r for r in rows if r["evaluation_key"] == "1980-2012")
    assert (vasteras["area_1"], vasteras["area_8"], vasteras["total"]) == (Decimal(58), None, None)
    assert vasteras["source_url"] == "seed-report-vasteras-2012.txt" and vasteras["origin"] == "record"
    assert [r["evaluation_key"] for r in open_data_rows(version="kk2002")] == ["0583-2006"]
