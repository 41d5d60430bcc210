"""role_models(): best scorers in an area or sub-area, across mapped versions, with their strengths."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.template import Context, Template

from kompass.evaluations.models import SubAreaScore
from kompass.search.rolemodels import rank_strengths, role_models, role_models_for_areas, role_models_for_report
from tests.search.helpers import area_of, published, score_areas, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(kk2010, kk2020):
    """Area 2 (kk2010) ↔ area 5 (kk2020, "Brukarens fokus"): Västerås 71, Kungsbacka 80, Kungsbacka again 60,
    Uppsala 90 on kk2020, and Umeå, the municipality asking, 95."""
    vasteras = published("1980", year=2012)
    score_areas(vasteras, {2: 71})
    write(vasteras, 2, strengths=("Västerås kontaktcenter.", "Stor valfrihet."))
    kungsbacka = published("1384", year=2014)
    score_areas(kungsbacka, {2: 80})
    write(kungsbacka, 2, strengths=("BITT: bemötande, inflytande, tillgänglighet och trygghet.",))
    write(kungsbacka, 3, strengths=("Tydliga politiska mål.",))
    kungsbacka_later = published("1384", year=2016)
    score_areas(kungsbacka_later, {2: 60})
    uppsala = published("0380", version="kk2020", year=2021)
    score_areas(uppsala, {5: 90})
    umea = published("2480", year=2013)
    score_areas(umea, {2: 95})
    return vasteras, kungsbacka, uppsala, umea


def test_role_models_rank_best_first_once_per_municipality_across_mapped_versions(scored):
    vasteras, kungsbacka, uppsala, umea = scored
    models = role_models(area_of(vasteras, 2), exclude_evaluation=umea)
    assert [(m.evaluation_key, m.percent, m.mapped, m.version_code, m.area_number) for m in models] == [
        ("0380-2021", Decimal("90.0"), True, "kk2020", 5),
        ("1384-2014", Decimal("80.0"), False, "kk2010", 2),
        ("1980-2012", Decimal("71.0"), False, "kk2010", 2),
    ]
    assert models[0].comparability == "i stort sett jämförbart"
    assert models[1].strengths == ("BITT: bemötande, inflytande, tillgänglighet och trygghet.",)
    assert models[2].strengths == ("Västerås kontaktcenter.", "Stor valfrihet.")
    assert models[0].strengths == ()


def test_role_models_respect_the_limit_and_include_others_without_exclusion(scored):
    vasteras, *_ = scored
    models = role_models(area_of(vasteras, 2), limit=2)
    assert [m.evaluation_key for m in models] == ["2480-2013", "0380-2021"]


def test_role_models_from_the_newer_version_see_the_older_one(scored):
    _, _, uppsala, umea = scored
    models = role_models(area_of(uppsala, 5), exclude_evaluation=uppsala)
    assert [(m.evaluation_key, m.mapped) for m in models] == [
        ("2480-2013", True),
        ("1384-2014", True),
        ("1980-2012", True),
    ]


def test_demo_and_unpublished_evaluations_are_not_role_models(scored, kk2010):
    from tests.factories import make_evaluation

    vasteras, *_ = scored
    draft = make_evaluation("0180", version="kk2010", year=2015)
    score_areas(draft, {2: 100})
    assert "0180-2015" not in [m.evaluation_key for m in role_models(area_of(vasteras, 2))]


def test_subarea_role_models_rank_by_share_of_the_subarea(scored):
    vasteras, kungsbacka, _, _ = scored
    subarea = area_of(vasteras, 2).subareas.get(number=2)
    SubAreaScore.objects.create(evaluation=vasteras, subarea=subarea, points=9, max_points=10)
    SubAreaScore.objects.create(evaluation=kungsbacka, subarea=subarea, points=6, max_points=10)
    models = role_models(area_of(vasteras, 2), subarea=subarea)
    assert [(m.evaluation_key, m.percent, m.basis) for m in models] == [
        ("1980-2012", Decimal("90.0"), "subarea"),
        ("1384-2014", Decimal("60.0"), "subarea"),
    ]


def test_subarea_without_scores_falls_back_to_the_area(scored):
    vasteras, *_ = scored
    subarea = area_of(vasteras, 2).subareas.get(number=3)
    assert role_models(area_of(vasteras, 2), subarea=subarea, limit=1)[0].basis == "area"


def test_strengths_sharing_words_with_the_improvement_point_come_first():
    strengths = ["Stor valfrihet.", "Kontaktcenter med en dörr in.", "Servicedeklarationer i alla verksamheter."]
    assert rank_strengths(strengths, "Utveckla servicedeklarationerna.") == [
        "Servicedeklarationer i alla verksamheter.",
        "Stor valfrihet.",
        "Kontaktcenter med en dörr in.",
    ]


def test_report_role_models_follow_each_improvement_point(scored):
    vasteras, _, _, umea = scored
    write(umea, 2, improvements=("Utveckla ett kontaktcenter.", "Öka valfriheten."))
    (area,) = role_models_for_report(umea)
    assert (area.number, [p.text for p in area.improvements]) == (
        2,
        ["Utveckla ett kontaktcenter.", "Öka valfriheten."],
    )
    first = {m.evaluation_key: m.strengths for m in area.improvements[0].role_models}
    assert first["1980-2012"] == ("Västerås kontaktcenter.", "Stor valfrihet.")
    second = {m.evaluation_key: m.strengths for m in area.improvements[1].role_models}
    assert second["1980-2012"] == ("Stor valfrihet.", "Västerås kontaktcenter.")


def test_include_shows_role_models_for_the_writing_page(scored):
    vasteras, _, _, umea = scored
    html = Template('{% include "search/_rolemodels.html" %}').render(
        Context({"evaluation": umea, "area": area_of(umea, 2)})
    )
    assert "Förebilder: kommuner med höga poäng i området" in html
    assert '<a href="/utvarderingar/1980-2012/">Västerås 2012</a>' in html
    assert "kk2020, motsvarande område 5. Brukarens fokus (i stort sett jämförbart)" in html
    assert "Umeå" not in html
    assert "<li>Västerås kontaktcenter.</li>" in html


def test_role_models_for_all_areas_match_one_area_at_a_time(scored):
    _, _, _, umea = scored
    per_area = role_models_for_areas(umea)
    assert sorted(per_area) == sorted(umea.version.areas.values_list("pk", flat=True))
    for area in umea.version.areas.all():
        assert per_area[area.pk] == role_models(area, exclude_evaluation=umea)
    assert [m.evaluation_key for m in per_area[area_of(umea, 2).pk]] == ["0380-2021", "1384-2014", "1980-2012"]


def test_cached_ranking_follows_a_new_publication(scored):
    vasteras, _, _, umea = scored
    assert role_models(area_of(vasteras, 2), exclude_evaluation=umea)[0].evaluation_key == "0380-2021"
    better = published("0180", year=2015)
    score_areas(better, {2: 99})
    assert role_models(area_of(vasteras, 2), exclude_evaluation=umea)[0].evaluation_key == "0180-2015"


def test_the_page_tag_computes_all_areas_once_per_evaluation(scored, django_assert_max_num_queries):
    _, _, _, umea = scored
    template = Template(
        "{% load rolemodels %}{% for area in areas %}{% suggested_role_models area evaluation as s %}"
        "{{ s|length }},{% endfor %}"
    )
    areas = list(umea.version.areas.order_by("number"))
    cache.clear()
    with django_assert_max_num_queries(len(areas) + 6):
        html = template.render(Context({"evaluation": umea, "areas": areas}))
    assert html.split(",")[1] == "3"
