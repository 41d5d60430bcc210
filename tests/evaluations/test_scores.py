from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kompass.criteria.models import Question
from kompass.evaluations.enums import ScoreSource
from kompass.evaluations.models import AreaScore, QuestionScore
from kompass.evaluations.scoretable import build_score_table, sum_known
from kompass.evaluations.services import (
    ScoreError,
    StaleWriteError,
    import_question_scores,
    score_question,
    set_published_scores,
)
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


def _questions(evaluation, area_number: int) -> list[Question]:
    return list(
        Question.objects.filter(area__version=evaluation.version, area__number=area_number)
        .select_related("area")
        .order_by("subarea__number", "number")
    )


def test_scoring_every_question_of_an_area_gives_its_sum_as_a_complete_area_score():
    evaluation = make_evaluation()
    questions = _questions(evaluation, 1)
    for q in questions:
        score_question(evaluation, q, points=q.max_points / 2)
    area = AreaScore.objects.get(evaluation=evaluation, area__number=1)
    assert area.points == Decimal(50) and area.is_complete and area.source == ScoreSource.COMPUTED


def test_a_partly_scored_area_is_marked_incomplete_and_the_total_stays_missing():
    evaluation = make_evaluation()
    first = _questions(evaluation, 2)[0]
    score_question(evaluation, first, points=first.max_points)
    table = build_score_table(evaluation)
    assert table.areas[1].points == first.max_points and table.areas[1].complete is False
    assert table.areas[0].points is None
    evaluation.refresh_from_db()
    assert evaluation.computed_total is None and evaluation.total is None


def test_all_questions_scored_gives_total_equal_to_sum_of_question_points():
    evaluation = make_evaluation()
    questions = list(Question.objects.filter(area__version=evaluation.version).select_related("area"))
    for index, q in enumerate(questions):
        score_question(evaluation, q, points=q.max_points if index % 3 else Decimal(0))
    evaluation.refresh_from_db()
    expected = sum((q.max_points for i, q in enumerate(questions) if i % 3), Decimal(0))
    assert evaluation.computed_total == expected == evaluation.total
    table = build_score_table(evaluation)
    assert sum(a.points for a in table.areas) == expected
    assert all(s.points == sum(q.points for q in s.questions) for a in table.areas for s in a.subareas)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (Decimal("-1"), "får inte vara negativ"),
        (Decimal("999"), "högre än maxpoängen"),
        (Decimal("1.25"), "hela eller halva poäng"),
    ],
)
def test_impossible_scores_are_refused_and_nothing_is_stored(points, message):
    evaluation = make_evaluation()
    question = _questions(evaluation, 1)[0]
    with pytest.raises(ScoreError, match=message):
        score_question(evaluation, question, points=points)
    assert not QuestionScore.objects.filter(evaluation=evaluation).exists()


def test_a_question_of_another_version_is_refused():
    evaluation = make_evaluation(version="kk2020")
    other = Question.objects.filter(area__version__code="kk2010").select_related("area").first()
    with pytest.raises(ScoreError, match="hör inte till kriterieversionen kk2020"):
        score_question(evaluation, other, points=Decimal(1))


def test_a_save_from_a_stale_revision_is_refused_and_shows_the_other_version():
    evaluation = make_evaluation()
    question = _questions(evaluation, 1)[0]
    first = score_question(evaluation, question, points=Decimal(1), rationale="Eva: ett dokument")
    score_question(
        evaluation, question, points=Decimal(2), rationale="Per: två dokument", expected_revision=first.revision
    )
    with pytest.raises(StaleWriteError) as info:
        score_question(evaluation, question, points=Decimal(3), expected_revision=first.revision)
    assert info.value.current.points == Decimal(2)
    assert "Per: två dokument" in str(info.value)
    assert QuestionScore.objects.get(evaluation=evaluation, question=question).points == Decimal(2)


def test_published_area_scores_keep_missing_areas_missing_and_the_printed_total():
    evaluation = make_evaluation("2282", version="kk2010", year=2011)
    areas = {1: 51, 2: 45, 3: 62, 4: 34, 5: 52, 6: 27, 7: 39, 8: 53}
    set_published_scores(evaluation, area_points={n: Decimal(p) for n, p in areas.items()}, printed_total=Decimal(359))
    evaluation.refresh_from_db()
    assert (evaluation.printed_total, evaluation.computed_total, evaluation.total) == (359, 363, 359)
    assert build_score_table(evaluation).total_difference == Decimal(-4)


def test_an_area_known_only_partly_gives_no_computed_total():
    evaluation = make_evaluation("0486", version="kk2010", year=2014)
    set_published_scores(evaluation, area_points={1: Decimal(54), 2: None}, printed_total=Decimal(437))
    table = build_score_table(evaluation)
    assert table.areas[0].points == 54
    assert table.missing_areas == [2, 3, 4, 5, 6, 7, 8]
    assert table.computed_total is None and table.total == 437


def test_a_published_area_score_above_100_is_refused():
    evaluation = make_evaluation(version="kk2010", year=2012)
    with pytest.raises(ScoreError, match="Område 3"):
        set_published_scores(evaluation, area_points={3: Decimal(101)}, printed_total=None)
    assert not AreaScore.objects.filter(evaluation=evaluation).exists()


@given(st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1)), max_size=10))
def test_sum_known_ignores_missing_values_and_is_none_only_when_nothing_is_known(values):
    result = sum_known(values)
    known = [v for v in values if v is not None]
    assert result == (sum(known) if known else None)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=20), min_size=3, max_size=3))
def test_area_score_is_the_sum_of_its_question_points(halves):
    evaluation = make_evaluation(year=2020 + len(halves))
    questions = _questions(evaluation, 3)[:3]
    for q, h in zip(questions, halves, strict=True):
        score_question(evaluation, q, points=min(Decimal(h) / 2, q.max_points))
    expected = sum(min(Decimal(h) / 2, q.max_points) for q, h in zip(questions, halves, strict=True))
    assert AreaScore.objects.get(evaluation=evaluation, area__number=3).points == expected
    evaluation.delete()


def test_csv_import_sets_scores_and_accepts_decimal_comma():
    evaluation = make_evaluation()
    q1, q2 = _questions(evaluation, 1)[:2]
    result = import_question_scores(
        evaluation, f"question;points;rationale\n{q1.code};1,5;Bra\n{q2.code};0;\n", source="poang.csv"
    )
    assert (result.rows, result.created) == (2, 2)
    assert QuestionScore.objects.get(evaluation=evaluation, question=q1).points == Decimal("1.5")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("fråga,poäng\n", "poang.csv, rad 1: rubrikraden ska börja med"),
        ("question,points\n{ok},1\n9.9.9,1\n", "poang.csv, rad 3: okänd fråga ”9.9.9”"),
        ("question,points\n{ok},1\n{q},x\n", "poang.csv, rad 3: ”x” är inte ett tal"),
        ("question,points\n{q},500\n", "poang.csv, rad 2: fråga {q}: poängen 500 är högre än maxpoängen"),
        ("question,points\n{q},-1\n", "poang.csv, rad 2: fråga {q}: poängen får inte vara negativ"),
        ("question,points\n{q},1,a,b\n", "poang.csv, rad 2: väntade 2 eller 3 kolumner, fick 4"),
        ("question,points\n{q},1\n{q},2\n", "poang.csv, rad 3: fråga {q} förekommer två gånger"),
        ("question,points\n", "poang.csv: filen innehåller inga poäng"),
    ],
)
def test_a_malformed_csv_names_the_line_and_writes_nothing(body, message):
    evaluation = make_evaluation()
    q, ok = (question.code for question in _questions(evaluation, 1)[:2])
    with pytest.raises(ScoreError) as info:
        import_question_scores(evaluation, body.format(q=q, ok=ok), source="poang.csv")
    assert message.format(q=q) in str(info.value)
    assert not QuestionScore.objects.filter(evaluation=evaluation).exists()
