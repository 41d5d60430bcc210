"""The report's content as data, checked without rendering."""

from datetime import date
from decimal import Decimal

from kompass.comparison.averages import cached_version_average
from kompass.evaluations.enums import Status
from kompass.evaluations.models import DocumentReference, Evaluation, InterviewGroup, Participant
from kompass.evaluations.scoretable import build_score_table
from kompass.evaluations.services import set_published_scores
from kompass.municipalities.models import KeyFigure
from kompass.reports.content import MISSING, fmt_period, fmt_points
from kompass.reports.models import KeyFacts
from kompass.reports.services import build_report
from tests.factories import make_evaluation


def test_demo_report_has_the_five_chapters_of_the_seed_report_in_order(demo):
    report = build_report(demo)

    assert [c.title for c in report.chapters] == [
        "Vad är Kommunkompassen?",
        "Exempelkommun i förhållande till Kommunkompassen: En sammanfattande genomgång",
        "Detaljerad genomgång i förhållande till Kommunkompassens åtta områden",
        "Översikt av poängfördelning",
        "Kortfakta om Exempelkommun",
    ]
    assert [a.title for a in report.areas][0] == "Område 1 Samspel mellan förtroendevalda och medborgare"
    assert [a.number for a in report.areas] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_demo_report_numbers_are_the_score_tables_numbers(demo):
    report = build_report(demo)
    table = build_score_table(demo)

    assert [a.points for a in report.areas] == [a.points for a in table.areas]
    assert report.total == table.total == sum((a.points for a in table.areas), Decimal(0))
    assert report.max_total == Decimal(800)
    first = report.areas[0]
    assert [s.points for s in first.subareas] == [s.points for s in table.areas[0].subareas]
    assert sum(len(s.questions) for a in report.areas for s in a.subareas) == sum(
        len(s.questions) for a in table.areas for s in a.subareas
    )
    assert report.areas[0].strengths and report.areas[0].general_text
    assert report.facts.ordinal_label == "andra"
    assert report.total_sentence == f"Exempelkommun får totalt {fmt_points(report.total)} av 800 poäng."


def test_average_is_the_portals_average_of_published_evaluations_and_never_the_demo(demo, settings):
    settings.KOMPASS_MIN_AVERAGE_N = 2
    for code, points in (("0180", 60), ("1480", 70)):
        other = make_evaluation(code, version="kk2020", year=2023, status=Status.PUBLISHED)
        set_published_scores(other, area_points={n: Decimal(points) for n in range(1, 9)}, printed_total=None)
    make_evaluation("1280", version="kk2020", year=2023, status=Status.SCORING)  # unpublished: left out

    report = build_report(demo)
    expected = cached_version_average(demo.version)

    assert report.average_evaluations_n == expected.evaluations_n == 2
    assert (report.areas[0].average, report.areas[0].average_n) == (Decimal("65.0"), 2)
    assert report.average_sentence.startswith(
        "Genomsnittet är kompass genomsnitt för kk2020 över 2 publicerade utvärderingar (demokommunen räknas "
        "inte; N = 2), beräknat "
    )


def test_an_area_average_below_the_minimum_n_is_not_given_as_a_figure(demo):
    for code, points in (("0180", 60), ("1480", 70)):
        other = make_evaluation(code, version="kk2020", year=2023, status=Status.PUBLISHED)
        set_published_scores(other, area_points={n: Decimal(points) for n in range(1, 9)}, printed_total=None)

    report = build_report(demo)

    assert (report.areas[0].average, report.areas[0].average_n) == (None, 2)
    assert "Siffror som bygger på färre än 5 utvärderingar redovisas inte som genomsnitt." in report.average_sentence


def test_vasteras_2012_has_areas_1_to_7_and_area_8_unknown_never_zero(published_results):
    report = build_report(Evaluation.objects.get(key="1980-2012"))

    assert [a.points for a in report.areas] == [58, 69, 82, 65, 68, 64, 74, None]
    assert report.total is None
    assert report.missing_areas == (8,)
    assert report.total_sentence == (
        f"Totalpoäng: {MISSING} (poäng saknas för område 8). Summan av de kända områdena är 480 poäng."
    )
    assert report.facts.ordinal_label == "tredje"
    assert report.facts.interviewees is None and report.facts.documents is None


def test_tyreso_2010_known_only_by_its_total_has_no_area_scores(published_results):
    report = build_report(Evaluation.objects.get(key="0138-2010"))

    assert report.total == Decimal(452)
    assert all(a.points is None for a in report.areas)
    assert report.total_sentence == "Tyresö får totalt 452 av 800 poäng."


def test_interviewees_are_counted_per_group_and_documents_by_distinct_title(db, kk2020):
    evaluation = make_evaluation(visit_start=date(2024, 5, 30), visit_end=date(2024, 6, 2))
    politicians = InterviewGroup.objects.create(evaluation=evaluation, name="Ledande politiker", position=1)
    unions = InterviewGroup.objects.create(evaluation=evaluation, name="Fackliga företrädare", position=2)
    InterviewGroup.objects.create(evaluation=evaluation, name="Tom grupp", position=3)
    for name in ("A", "B", "C"):
        Participant.objects.create(group=politicians, name=name)
    Participant.objects.create(group=unions, name="D")
    for page in ("1", "7"):
        DocumentReference.objects.create(evaluation=evaluation, title="Årsredovisning 2023", page=page)
    DocumentReference.objects.create(evaluation=evaluation, title="Mål och budget")

    facts = build_report(evaluation).facts

    assert [(g.name, g.people) for g in facts.interview_groups] == [
        ("Ledande politiker", 3),
        ("Fackliga företrädare", 1),
    ]
    assert facts.interviewees == 4
    assert facts.documents == 2
    assert fmt_period(facts.visit_start, facts.visit_end) == "30 maj–2 juni 2024"


def test_kortfakta_entered_for_the_evaluation_win_and_key_figures_fill_the_gaps(db, kk2020):
    evaluation = make_evaluation("1980", year=2024)
    KeyFigure.objects.create(municipality_id="1980", year=2023, name="Folkmängd", value=Decimal(156789))
    KeyFigure.objects.create(municipality_id="1980", year=2023, name="Anställda", value=Decimal(11000))
    KeyFacts.objects.create(evaluation=evaluation, employees=12500, political_majority="M, L, KD och C")

    facts = {f.label: f.value for f in build_report(evaluation).key_facts}

    assert facts["Invånare"] == "156\u00a0789 (2023)"
    assert facts["Anställda"] == "12\u00a0500"
    assert facts["Politisk majoritet"] == "M, L, KD och C"
    assert facts["Yta (km²)"] == MISSING
