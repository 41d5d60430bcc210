"""search(): Swedish stemming, filters, only published text, hostile queries — on SQLite and PostgreSQL."""

import pytest
from django.db import connection

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.evaluations.enums import Status
from kompass.evaluations.models import Evaluation
from kompass.search.indexing import reindex_all
from kompass.search.models import SearchEntry
from kompass.search.services import SearchFilters, search
from tests.factories import make_evaluation
from tests.search.helpers import area_of, published, write

pytestmark = pytest.mark.django_db


def keys(results) -> list[str]:
    return [hit.evaluation_key for hit in results.hits]


@pytest.fixture
def three(kk2010, kk2020):
    """Västerås 2012 (kk2010), Kungsbacka 2014 (kk2010), Uppsala 2021 (kk2020)."""
    vasteras = published("1980", year=2012)
    write(vasteras, 1, general="Kommunen för en medborgardialogen med unga i alla stadsdelar.")
    write(vasteras, 2, subarea=("Deklarationer och klagomålshantering", "Klagomålshanteringen är samlad."))
    kungsbacka = published("1384", year=2014)
    write(kungsbacka, 1, strengths=("Medborgardialog i budgetarbetet.",))
    write(kungsbacka, 3, improvements=("Utveckla klagomålshantering för politiken.",))
    uppsala = published("0380", version="kk2020", year=2021)
    write(uppsala, 1, general="Medborgardialogerna följs upp av fullmäktige.")
    return vasteras, kungsbacka, uppsala


def test_medborgardialog_finds_a_text_with_medborgardialogen(three):
    results = search("medborgardialog")
    assert sorted(keys(results)) == ["0380-2021", "1384-2014", "1980-2012"]
    vasteras = next(h for h in results.hits if h.evaluation_key == "1980-2012")
    assert "<mark>medborgardialogen</mark>" in vasteras.excerpt
    assert vasteras.kind == "general"
    assert (vasteras.area_number, vasteras.municipality, vasteras.year) == (1, "Västerås", 2012)


def test_klagomalshantering_finds_klagomalshanteringen(three):
    results = search("klagomålshantering")
    assert sorted(keys(results)) == ["1384-2014", "1980-2012"]
    hit = next(h for h in results.hits if h.evaluation_key == "1980-2012")
    assert hit.heading == "Deklarationer och klagomålshantering"
    assert "<mark>Klagomålshanteringen</mark>" in hit.excerpt


def test_heading_match_ranks_above_a_text_match(three):
    assert keys(search("klagomålshantering"))[0] == "1980-2012"


def test_all_words_must_match(three):
    assert keys(search("medborgardialog budgetarbetet")) == ["1384-2014"]
    assert keys(search("medborgardialog budgetarbetet stadsdelar")) == []


def test_quoted_phrase_needs_the_words_in_order(three):
    assert keys(search('"klagomålshanteringen är samlad"')) == ["1980-2012"]
    assert keys(search('"samlad klagomålshanteringen"')) == []


def test_filters_narrow_by_version_year_county_municipality_and_kind(three):
    kk2010_id = three[0].version_id
    assert sorted(keys(search("medborgardialog", filters=SearchFilters(version=kk2010_id)))) == [
        "1384-2014",
        "1980-2012",
    ]
    assert keys(search("medborgardialog", filters=SearchFilters(year_from=2013, year_to=2020))) == ["1384-2014"]
    assert keys(search("medborgardialog", filters=SearchFilters(county="03"))) == ["0380-2021"]
    assert keys(search("medborgardialog", filters=SearchFilters(municipality="1980"))) == ["1980-2012"]
    assert keys(search("medborgardialog", filters=SearchFilters(kinds=("strength",)))) == ["1384-2014"]
    assert keys(search("klagomålshantering", filters=SearchFilters(kinds=("improvement", "general")))) == ["1384-2014"]


def test_size_filter_uses_the_population_key_figure(three):
    from kompass.municipalities.models import KeyFigure

    KeyFigure.objects.create(municipality_id="1384", year=2010, name="folkmängd", value=78_000)
    KeyFigure.objects.create(municipality_id="1980", year=2010, name="folkmängd", value=140_000)
    assert reindex_all() == (3, 5)
    assert keys(search("medborgardialog", filters=SearchFilters(size="large"))) == ["1384-2014"]
    assert keys(search("medborgardialog", filters=SearchFilters(size="xlarge"))) == ["1980-2012"]
    assert keys(search("medborgardialog", filters=SearchFilters(size="small"))) == []


def test_area_filter_includes_mapped_areas_of_other_versions(three):
    vasteras, _, uppsala = three
    kk2010_area1 = area_of(vasteras, 1).pk
    mapped = search("medborgardialog", filters=SearchFilters(area=kk2010_area1))
    assert sorted(keys(mapped)) == ["0380-2021", "1384-2014", "1980-2012"]
    only = search("medborgardialog", filters=SearchFilters(area=kk2010_area1, same_version_only=True))
    assert sorted(keys(only)) == ["1384-2014", "1980-2012"]
    kk2020_area1 = area_of(uppsala, 1).pk
    assert sorted(keys(search("medborgardialog", filters=SearchFilters(area=kk2020_area1)))) == [
        "0380-2021",
        "1384-2014",
        "1980-2012",
    ]
    area2 = area_of(vasteras, 2).pk
    assert keys(search("medborgardialog", filters=SearchFilters(area=area2))) == []


def test_unpublished_text_is_never_found_and_follows_publishing(kk2010):
    draft = make_evaluation("0180", version="kk2010", year=2013, status=Status.WRITING)
    write(draft, 4, general="Ledarutvecklingsprogrammet Ledarlyftet når alla chefer.")
    assert search("ledarlyftet").total == 0
    assert SearchEntry.objects.filter(evaluation=draft).count() == 0

    draft.status = Status.PUBLISHED
    draft.save()
    assert keys(search("ledarlyftet")) == ["0180-2013"]

    draft.status = Status.REVIEW
    draft.save()
    assert search("ledarlyftet").total == 0
    assert SearchEntry.objects.filter(evaluation=draft).count() == 0


def test_publish_service_makes_texts_searchable(kk2010):
    from kompass.evaluations.services import publish

    evaluation = make_evaluation("0180", version="kk2010", year=2013, status=Status.REVIEW)
    write(evaluation, 4, strengths=("Ledarlyftet",))
    publish(evaluation)
    assert keys(search("ledarlyftet")) == ["0180-2013"]


def test_edits_and_deletes_change_the_index_at_once(kk2010):
    evaluation = published("0180", year=2013)
    write(evaluation, 4, general="Gammal text om ledarlyftet.", subarea=("Ledarutveckling", "Mentorskap."))
    text = AreaText.objects.get(evaluation=evaluation)
    text.general_text = "Ny text om chefsakademin."
    text.save()
    assert search("ledarlyftet").total == 0
    assert keys(search("chefsakademin")) == ["0180-2013"]

    SubAreaText.objects.get(evaluation=evaluation).delete()
    assert search("mentorskap").total == 0
    finding = Finding.objects.create(evaluation=evaluation, area=text.area, kind="strength", text="Mentorskap")
    assert keys(search("mentorskap")) == ["0180-2013"]
    finding.delete()
    assert search("mentorskap").total == 0
    Evaluation.objects.get(pk=evaluation.pk).delete()
    assert SearchEntry.objects.count() == 0
    assert search("chefsakademin").total == 0


def test_moving_the_year_updates_the_filters(kk2010):
    evaluation = published("0180", year=2013)
    write(evaluation, 4, general="Chefsakademin.")
    evaluation.year = 2014
    evaluation.save()
    assert keys(search("chefsakademin", filters=SearchFilters(year_from=2014))) == ["0180-2014"]


HOSTILE = [
    "",
    "   ",
    '"',
    '"""',
    "'; DROP TABLE search_searchentry; --",
    "medborgardialog OR 1=1",
    "NEAR(medborgardialog stadsdelar, 2)",
    "medborgardialog*",
    "heading_stems:medborgardialog",
    "-medborgardialog",
    "(medborgardialog",
    "a & b | !c <-> d",
    "medborgar\x00dialog",
    "\x00",
    "<script>alert(1)</script>",
    "%_%",
    "😀 ☃ ∑ ﷽",
    "ö" * 10_000,
    "medborgardialog " * 1000,
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail_and_never_inject(three, query):
    results = search(query)
    assert results.total == len(results.hits) <= 3
    assert SearchEntry.objects.count() == 5
    for hit in results.hits:
        assert "<script" not in hit.excerpt


def test_operator_words_are_searched_as_words(three):
    assert keys(search("medborgardialog OR budgetarbetet")) == []
    assert sorted(keys(search("medborgardialog*"))) == ["0380-2021", "1384-2014", "1980-2012"]


def test_excerpts_escape_markup_in_the_texts(kk2010):
    evaluation = published("0180", year=2013)
    write(evaluation, 1, general='<img src=x onerror="alert(1)"> Dialogforum & <b>ungdomsråd</b>.')
    hit = search("ungdomsråd").hits[0]
    assert hit.excerpt == (
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; Dialogforum &amp; &lt;b&gt;<mark>ungdomsråd</mark>&lt;/b&gt;."
    )


def test_only_stop_words_explains_itself(three):
    results = search("och att")
    assert (results.total, results.messages) == (
        0,
        ["Sökningen innehöll bara vanliga småord. Skriv ett mer särskiljande ord."],
    )


def test_pagination_pages_through_ranked_hits(kk2010):
    evaluation = published("0180", year=2013)
    write(evaluation, 5, strengths=tuple(f"Benchmarking nummer {n}." for n in range(7)))
    first = search("benchmarking", page=1, page_size=3)
    second = search("benchmarking", page=3, page_size=3)
    assert (first.total, first.pages, len(first.hits), first.has_next, first.has_previous) == (7, 3, 3, True, False)
    assert (len(second.hits), second.has_next) == (1, False)
    beyond = search("benchmarking", page=99, page_size=3)
    assert (beyond.total, beyond.hits) == (7, [])


def test_reindex_rebuilds_only_published_texts(three, kk2010):
    draft = make_evaluation("0180", version="kk2010", year=2013)
    write(draft, 1, general="Medborgardialog i utkast.")
    SearchEntry.objects.all().delete()
    assert search("medborgardialog").total == 0
    assert reindex_all() == (3, 5)
    assert search("medborgardialog").total == 3


def test_search_uses_the_database_engine_of_the_connection(three):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_document_gin'")
            assert "gin (document)" in cursor.fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\"medborgardialog\"'")
            assert cursor.fetchone()[0] == 3


def test_above_the_cap_the_total_is_capped_and_the_newest_matches_are_ranked(three, monkeypatch):
    from kompass.search import backends

    monkeypatch.setattr(backends, "MAX_HITS", 2)
    results = search("medborgardialog")
    assert (results.total, results.total_is_capped, results.shown_total, results.pages) == (3, True, 2, 1)
    assert sorted(keys(results)) == ["0380-2021", "1384-2014"]
    assert search("medborgardialog", filters=SearchFilters(county="19")).total_is_capped is False


def test_the_capped_total_is_shown_as_more_than(client, three, monkeypatch):
    from kompass.search import backends

    monkeypatch.setattr(backends, "MAX_HITS", 2)
    html = client.get("/goda-exempel/", {"q": "medborgardialog"}).content.decode()
    assert "Fler än 2 träffar för medborgardialog" in html


def test_filter_values_are_not_matched_as_words(three):
    assert search("fa1").total == 0
    assert search("fkstrength").total == 0
    assert search("§fkstrength").total == 0  # the mark of PostgreSQL's facet lexemes
    # words are ANDed: were the facet matched as a word, the one strength would be found
    assert search("'§fkstrength' | medborgardialog").total == 0
    assert keys(search("medborgardialog", filters=SearchFilters(kinds=("strength",)))) == ["1384-2014"]
    assert keys(search("medborgardialog", filters=SearchFilters(year_from=2013, year_to=2015))) == ["1384-2014"]
    assert search("medborgardialog", filters=SearchFilters(year_from=2030)).total == 0


def test_reindex_refreshes_the_planner_statistics_on_postgresql(three):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        reindex_all()
    analyzed = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("ANALYZE")]
    if connection.vendor == "postgresql":
        assert analyzed == ["ANALYZE search_searchentry"]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stats WHERE tablename = 'search_searchentry' AND attname = 'document'"
            )
            assert cursor.fetchone()[0] == 1
    else:
        assert analyzed == []


def test_the_postgresql_window_widens_by_the_density_of_matches_within_bounds():
    from kompass.search.backends import _widening

    assert _widening(0) == 256  # nothing found: the widest step
    assert _widening(1) == 256
    assert _widening(76) == 20  # 1.5 × 1001 / 76 = 19.8
    assert _widening(346) == 5
    assert _widening(900) == 4  # almost enough: still at least ×4


def test_a_page_is_ranked_among_the_newest_matches_only(monkeypatch):
    from kompass.search import backends

    monkeypatch.setattr(backends, "MAX_HITS", 3)
    newest = [(9, 0.5), (8, 0.9), (7, 0.5), (6, 5.0)]  # (id, rank), newest first; id 6 is beyond the cap
    # ts_rank: higher is better, equal ranks by id
    assert backends.rank_page(newest, best_first=True, limit=2, offset=0) == [8, 7]
    assert backends.rank_page(newest, best_first=True, limit=2, offset=2) == [9]
    # bm25: lower is better
    assert backends.rank_page(newest, best_first=False, limit=3, offset=0) == [7, 9, 8]


@pytest.mark.parametrize("value", ["0180' | '§fa1", '1384" OR "fa1', "\\'", "1384\x00"])
def test_hostile_filter_values_match_nothing_and_never_fail(three, value):
    # The form refuses these; the service must still be safe when called directly.
    assert search("medborgardialog", filters=SearchFilters(municipality=value)).total == 0


def test_facet_lexemes_are_quoted_for_postgresql():
    from kompass.search.backends import postgres_facets

    assert postgres_facets([["fa1", "fa9"], ["fkstrength"]]) == "('§fa1' | '§fa9') & ('§fkstrength')"
    assert postgres_facets([["fmx'y\\"]]) == "('§fmx''y\\\\')"
