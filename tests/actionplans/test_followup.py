from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory

from kompass.actionplans.enums import ActionStatus
from kompass.actionplans.followup import build_followup
from kompass.actionplans.services import add_action, create_plan
from kompass.criteria.models import SubArea
from kompass.evaluations.enums import Status
from kompass.evaluations.models import SubAreaScore
from kompass.evaluations.services import set_published_scores
from tests.actionplans.conftest import add_finding
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


def _scores(evaluation, values):
    set_published_scores(
        evaluation, area_points={n: Decimal(v) for n, v in enumerate(values, start=1)}, printed_total=None
    )


def test_there_is_no_follow_up_without_an_earlier_published_evaluation(kk2020):
    first = make_evaluation("1980", year=2022, status=Status.SCORING)
    make_evaluation("1980", year=2024, status=Status.SCORING)  # later ones do not count
    assert build_followup(first) is None


def test_within_one_version_the_change_per_area_is_the_difference(world):
    _scores(world.evaluation, [50, 60, 70, 40, 55, 65, 45, 35])
    _scores(world.next_evaluation, [58, 60, 65, 40, 55, 65, 45, 35])
    followup = build_followup(world.next_evaluation)
    assert followup.previous == world.evaluation and followup.version_change is False
    assert [(c.number, c.previous, c.current, c.difference) for c in followup.changes[:3]] == [
        (1, Decimal(50), Decimal(58), Decimal(8)),
        (2, Decimal(60), Decimal(60), Decimal(0)),
        (3, Decimal(70), Decimal(65), Decimal(-5)),
    ]
    assert followup.notes == []


def test_the_previous_improvement_points_come_with_the_status_of_their_actions(world):
    plan = create_plan(world.evaluation)
    add_action(plan, finding_id=world.points[0].pk, description="A", status=ActionStatus.DONE)
    add_action(plan, finding_id=world.points[0].pk, description="B", status=ActionStatus.IN_PROGRESS)
    followup = build_followup(world.next_evaluation)
    assert [
        (g.number, [(p.finding.text, [a.get_status_display() for a in p.actions]) for p in g.points])
        for g in followup.groups
    ] == [
        (
            1,
            [("Ta fram en plan för medborgardialog.", ["Klar", "Pågår"]), ("Återkoppla resultatet av dialogerna.", [])],
        ),
        (3, [("Följ upp de politiska målen samlat.", [])]),
    ]
    assert (followup.points, followup.points_with_actions) == (3, 1)
    assert [(s.label, s.count) for s in followup.status_counts] == [
        ("Ej påbörjad", 0),
        ("Pågår", 1),
        ("Klar", 1),
        ("Avbruten", 0),
    ]


def test_across_a_version_change_scores_stand_side_by_side_with_the_note_and_no_difference(kk2020):
    before = make_evaluation("1980", version="kk2016", year=2018, status=Status.PUBLISHED)
    now = make_evaluation("1980", version="kk2020", year=2022, status=Status.PUBLISHED)
    _scores(before, [61, 62, 63, 64, 65, 66, 67, 68])
    _scores(now, [71, 72, 73, 74, 75, 76, 77, 78])
    followup = build_followup(now)
    assert followup.version_change is True
    # kk2020 area 2 (Samhällsutveckling) corresponds to kk2016 area 8 (Kommunen som samhällsbyggare).
    assert [
        (c.number, c.previous_label.split(".")[0], c.previous, c.current, c.difference) for c in followup.changes
    ] == [
        (1, "1", Decimal(61), Decimal(71), None),
        (2, "8", Decimal(68), Decimal(72), None),
        (3, "3", Decimal(63), Decimal(73), None),
        (4, "5", Decimal(65), Decimal(74), None),
        (5, "2", Decimal(62), Decimal(75), None),
        (6, "7", Decimal(67), Decimal(76), None),
        (7, "6", Decimal(66), Decimal(77), None),
        (8, "4", Decimal(64), Decimal(78), None),
    ]
    assert [c.comparability for c in followup.changes] == ["i stort sett jämförbart"] * 6 + ["delvis jämförbart"] * 2
    assert len(followup.notes) == 1 and followup.notes[0].startswith("Kriterierna gjordes om 2020 tillsammans med KS")


def test_the_follow_up_page_shows_both_scores_and_the_note_but_no_difference_across_versions(kk2020):
    team = make_user()
    before = make_evaluation("1980", version="kk2016", year=2018, status=Status.PUBLISHED)
    now = make_evaluation("1980", version="kk2020", year=2022, status=Status.SCORING, team=[team])
    _scores(before, [61, 62, 63, 64, 65, 66, 67, 68])
    _scores(now, [71, 72, 73, 74, 75, 76, 77, 78])
    client = Client()
    client.force_login(team)
    text = client.get(f"/handlingsplaner/{now.key}/uppfoljning/").content.decode()
    assert "Kriterieversionen har bytts från kk2016 till kk2020" in text
    assert "Kriterierna gjordes om 2020 tillsammans med KS" in text
    paired_subareas = sum(len(c.subareas) for c in build_followup(now).changes)
    assert text.count("ej direkt jämförbart") == 8 + paired_subareas
    assert "+10" not in text and "+4" not in text


def test_sub_areas_are_paired_by_name_across_mapped_versions_and_shown_without_difference(kk2010):
    before = make_evaluation("1980", version="kk2010", year=2012, status=Status.PUBLISHED)
    now = make_evaluation("1980", version="kk2016", year=2017, status=Status.PUBLISHED)
    _scores(before, [50] * 8)
    _scores(now, [60] * 8)
    old_sub = SubArea.objects.get(area__version=before.version, area__number=2, name="Valfrihet")
    new_sub = SubArea.objects.get(area__version=now.version, area__number=2, name="Valfrihet")
    SubAreaScore.objects.create(evaluation=before, subarea=old_sub, points=Decimal(5), max_points=Decimal(15))
    SubAreaScore.objects.create(evaluation=now, subarea=new_sub, points=Decimal(9), max_points=Decimal(15))
    change = build_followup(now).changes[1]
    assert (change.comparability, change.previous, change.current, change.difference) == (
        "samma område",
        Decimal(50),
        Decimal(60),
        None,
    )
    valfrihet = next(s for s in change.subareas if s.name == "Valfrihet")
    assert (valfrihet.previous_name, valfrihet.previous, valfrihet.current, valfrihet.difference) == (
        "Valfrihet",
        Decimal(5),
        Decimal(9),
        None,
    )


def _render_include(evaluation, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "actionplans/_followup.html" %}')
    return template.render(Context({"evaluation": evaluation, "request": request, "user": user}))


def test_the_include_shows_the_follow_up_to_the_next_team_and_nothing_to_others(world):
    plan = create_plan(world.evaluation)
    add_action(plan, finding_id=world.points[0].pk, description="Dialogplan antagen", status=ActionStatus.DONE)
    shown = _render_include(world.next_evaluation, world.next_team)
    assert "Uppföljning av utvärderingen 2022" in shown
    assert "Dialogplan antagen – <strong>Klar</strong>" in shown
    assert f'href="/handlingsplaner/{world.next_evaluation.key}/uppfoljning/"' in shown
    assert "ap-subrow" not in shown  # the include shows areas only; the full page has the sub-areas
    team = Client()
    team.force_login(world.next_team)
    full = team.get(f"/handlingsplaner/{world.next_evaluation.key}/uppfoljning/").content.decode()
    assert (
        full.count('class="ap-subrow"')
        == sum(len(c.subareas) for c in build_followup(world.next_evaluation).changes)
        > 0
    )
    assert _render_include(world.next_evaluation, world.other_evaluator).strip() == ""
    assert _render_include(world.evaluation, world.team).strip() == ""  # nothing before 2022 to follow up


def test_on_a_published_evaluation_the_public_sees_scores_but_not_a_private_plans_actions(world):
    from django.contrib.auth.models import AnonymousUser

    plan = create_plan(world.evaluation)
    add_action(plan, finding_id=world.points[0].pk, description="Intern åtgärd")
    later = make_evaluation("1980", year=2026, status=Status.PUBLISHED)
    add_finding(later, 1, "Ny punkt")
    # 2026 follows up 2024? No: 2024 is not published, so 2026 follows up 2022.
    shown = _render_include(later, AnonymousUser())
    assert "Uppföljning av utvärderingen 2022" in shown
    assert "Intern åtgärd" not in shown
    assert "Kommunens handlingsplan är inte publicerad" in shown
