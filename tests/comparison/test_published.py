from decimal import Decimal
from pathlib import Path

import pytest

from kompass.comparison.averages import version_average
from kompass.comparison.models import ReferenceAverage
from kompass.comparison.services import DataFileError, load_published_results, parse_evaluators
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Origin, Status
from kompass.evaluations.models import Evaluation
from kompass.evaluations.scoretable import build_score_table
from kompass.evaluations.services import set_published_scores
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db
HEADER = "municipality_code,municipality,year,framework,a1,a2,a3,a4,a5,a6,a7,a8,total,evaluators,source_url,notes\n"


def test_kramfors_2011_keeps_both_the_printed_total_and_the_sum_of_areas(published_results):
    kramfors = Evaluation.objects.get(key="2282-2011")
    assert (kramfors.printed_total, kramfors.computed_total, kramfors.total) == (359, 363, 359)
    assert kramfors.status == Status.PUBLISHED and kramfors.origin == Origin.PUBLISHED_RECORD


def test_vasteras_2012_has_seven_areas_and_area_8_missing(published_results):
    table = build_score_table(Evaluation.objects.get(key="1980-2012"))
    assert [a.points for a in table.areas] == [58, 69, 82, 65, 68, 64, 74, None]
    assert table.missing_areas == [8] and table.total is None


def test_vasteras_2012_has_three_evaluators_and_is_the_third_evaluation(published_results):
    vasteras = Evaluation.objects.get(key="1980-2012")
    assert [p["name"] for p in vasteras.evaluator_names] == ["Christine Feuk", "Britt-Marie Hedlund", "Åsa Franzén"]
    assert vasteras.ordinal == 3


def test_motala_2006_keeps_its_half_point_total(published_results):
    assert Evaluation.objects.get(key="0583-2006").total == Decimal("426.5")


def test_loading_twice_creates_no_duplicates(published_results):
    before = Evaluation.objects.count()
    created, updated = load_published_results()
    assert created == 0 and updated == 28
    assert Evaluation.objects.count() == before


def test_reference_averages_are_loaded_apart(published_results):
    reference = ReferenceAverage.objects.get(version__code="kk2020", statistic="mean")
    assert reference.area_values == {str(n): v for n, v in enumerate([63, 65, 73, 64, 61, 59, 68, 64], start=1)}
    assert ReferenceAverage.objects.get(version__code="kk2002").total == 409


def test_an_unknown_municipality_code_names_the_line_and_writes_nothing(tmp_path: Path):
    path = tmp_path / "results.csv"
    path.write_text(
        HEADER + "1980,Västerås,2012,kk2010,58,,,,,,,,,,,\n8888,Okänd,2013,kk2010,,,,,,,,,400,,,\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match="results.csv, rad 3: okänd kommunkod ”8888”"):
        load_published_results(path)
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize(("cell", "message"), [("abc", "”abc” är inte ett tal"), ("101", "Område 1")])
def test_a_malformed_score_names_the_line_and_writes_nothing(tmp_path: Path, cell: str, message: str):
    path = tmp_path / "results.csv"
    path.write_text(
        HEADER + f"1980,Västerås,2012,kk2010,58,,,,,,,,,,,\n1880,Örebro,2012,kk2010,{cell},,,,,,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=f"rad 3: .*{message}"):
        load_published_results(path)
    assert not Evaluation.objects.exists()


def test_parse_evaluators_separates_people_and_organisations():
    assert parse_evaluators("Lars Strid (SKL); Anders Dryselius (Hylte kommun); Märit Melbi") == [
        {"name": "Lars Strid", "organisation": "SKL"},
        {"name": "Anders Dryselius", "organisation": "Hylte kommun"},
        {"name": "Märit Melbi", "organisation": ""},
    ]


def _published(code: str, year: int, areas: dict[int, int | None], total: int | None):
    evaluation = make_evaluation(code, version="kk2016", year=year, status=Status.PUBLISHED)
    set_published_scores(
        evaluation,
        area_points={n: None if p is None else Decimal(p) for n, p in areas.items()},
        printed_total=None if total is None else Decimal(total),
    )
    return evaluation


def test_version_average_excludes_missing_values_and_counts_each_figure():
    _published("0114", 2016, {1: 50, 2: 60}, 400)
    _published("0115", 2017, {1: 61, 2: None}, None)
    _published("0117", 2018, {1: 70}, 500)
    make_evaluation("0120", version="kk2016", year=2018, status=Status.SCORING)  # unpublished: never counted
    average = version_average(CriteriaVersion.objects.get(code="kk2016"))
    assert (average.area(1).mean, average.area(1).n) == (Decimal("60.3"), 3)
    assert (average.area(2).mean, average.area(2).n) == (Decimal("60.0"), 1)
    assert (average.area(3).mean, average.area(3).n) == (None, 0)
    assert (average.total_mean, average.total_n, average.evaluations_n) == (Decimal("450.0"), 2, 3)


def test_version_average_never_pools_versions():
    _published("0114", 2016, {1: 50}, None)
    other = make_evaluation("0115", version="kk2010", year=2012, status=Status.PUBLISHED)
    set_published_scores(other, area_points={1: Decimal(90)}, printed_total=None)
    assert version_average(CriteriaVersion.objects.get(code="kk2016")).area(1).mean == Decimal("50.0")
    assert version_average(CriteriaVersion.objects.get(code="kk2010")).area(1).mean == Decimal("90.0")
