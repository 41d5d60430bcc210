from datetime import date

import pytest

from kompass.actionplans.enums import ActionStatus, Priority
from kompass.actionplans.models import Action, ActionPlan, PlanPoint, ProgressNote
from kompass.actionplans.services import (
    ActionPlanError,
    StaleWriteError,
    add_action,
    add_progress_note,
    create_plan,
    plan_groups,
    plan_overview,
    set_priority,
    update_action,
)
from kompass.evaluations.enums import Status
from tests.actionplans.conftest import add_finding
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db

TODAY = date(2024, 6, 1)


def _action(plan, point, **values):
    defaults = {"description": "Skriv en dialogplan", "start": date(2024, 1, 1), "due": date(2024, 12, 31)}
    return add_action(plan, finding_id=point.pk, **{**defaults, **values})


def test_a_plan_can_only_be_made_for_a_published_evaluation(world):
    with pytest.raises(ActionPlanError, match="bara göras för en publicerad utvärdering"):
        create_plan(world.next_evaluation)
    assert ActionPlan.objects.count() == 0


def test_creating_a_plan_twice_gives_the_same_plan(world):
    assert create_plan(world.evaluation, by=world.contact) == create_plan(world.evaluation)
    assert ActionPlan.objects.count() == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"start": date(2024, 5, 1), "due": date(2024, 4, 30)}, "kan inte vara före startdatumet"),
        ({"description": "   "}, "Åtgärd/aktivitet måste fyllas i"),
        ({"description": "x" * 5001}, "för lång"),
        ({"owner_email": "inte en adress"}, "är ingen e-postadress"),
        ({"status": "kanske"}, "Okänd status"),
        ({"due": "2024-13-01"}, "är inte ett datum"),
        ({"description": "nul\x00byte"}, "otillåtna tecken"),
    ],
)
def test_bad_action_input_is_refused_in_swedish_and_nothing_is_saved(world, values, message):
    plan = create_plan(world.evaluation)
    with pytest.raises(ActionPlanError, match=message):
        _action(plan, world.points[0], **values)
    assert Action.objects.count() == 0


@pytest.mark.parametrize("which", ["unknown", "strength", "other_evaluation"])
def test_an_action_for_a_point_that_is_not_an_improvement_point_of_the_plan_is_refused(world, which):
    plan = create_plan(world.evaluation)
    other = make_evaluation("0180", year=2022, status=Status.PUBLISHED)
    finding_id = {
        "unknown": 999999,
        "strength": world.strength.pk,
        "other_evaluation": add_finding(other, 1, "Annan kommun").pk,
    }[which]
    with pytest.raises(ActionPlanError, match="Förbättringsmöjligheten finns inte i den här utvärderingen"):
        add_action(plan, finding_id=finding_id, description="Något")
    assert Action.objects.count() == 0


def test_hostile_text_is_stored_exactly_as_written(world):
    plan = create_plan(world.evaluation)
    hostile = '<script>alert("x")</script> =HYPERLINK("http://evil") #set page(width: 1pt)'
    action = _action(plan, world.points[0], description=hostile, comment=hostile)
    action.refresh_from_db()
    assert (action.description, action.comment) == (hostile, hostile)


def test_an_edit_from_an_older_revision_is_refused_with_the_other_version_and_changes_nothing(world):
    plan = create_plan(world.evaluation)
    action = _action(plan, world.points[0], owner_name="Ada")
    update_action(
        action, expected_revision=1, by=world.contact, description="Dialogplan antagen av KF", status="in_progress"
    )
    with pytest.raises(StaleWriteError) as caught:
        update_action(action, expected_revision=1, by=world.admin, description="Min version", status="done")
    message = str(caught.value)
    assert "har ändrats av Kim" in message
    assert "”Dialogplan antagen av KF” – status Pågår" in message
    action.refresh_from_db()
    assert (action.description, action.status, action.revision) == ("Dialogplan antagen av KF", "in_progress", 2)


def test_an_edit_with_due_before_start_changes_nothing(world):
    plan = create_plan(world.evaluation)
    action = _action(plan, world.points[0])
    with pytest.raises(ActionPlanError):
        update_action(action, expected_revision=1, description="Ny", start=date(2025, 1, 2), due=date(2025, 1, 1))
    action.refresh_from_db()
    assert (action.description, action.revision) == ("Skriv en dialogplan", 1)


def test_priority_is_set_and_a_stale_priority_change_is_refused(world):
    plan = create_plan(world.evaluation)
    point = world.points[2]
    set_priority(plan, finding_id=point.pk, priority=Priority.HIGH, expected_revision=None, by=world.contact)
    with pytest.raises(StaleWriteError, match="Den sparade prioriteten: Hög"):
        set_priority(plan, finding_id=point.pk, priority=Priority.LOW, expected_revision=0)
    assert PlanPoint.objects.get().priority == Priority.HIGH
    set_priority(plan, finding_id=point.pk, priority=Priority.LOW, expected_revision=1)
    assert list(PlanPoint.objects.values_list("priority", "revision")) == [(Priority.LOW, 2)]


def test_an_unknown_priority_is_refused(world):
    plan = create_plan(world.evaluation)
    with pytest.raises(ActionPlanError, match="Okänd prioritet"):
        set_priority(plan, finding_id=world.points[0].pk, priority="akut", expected_revision=None)
    assert PlanPoint.objects.count() == 0


def test_progress_notes_are_dated_and_need_text(world):
    action = _action(create_plan(world.evaluation), world.points[0])
    add_progress_note(action, text="Arbetsgrupp tillsatt", on=date(2024, 2, 1), by=world.contact)
    with pytest.raises(ActionPlanError, match="Lägesanteckning måste fyllas i"):
        add_progress_note(action, text=" ", on=date(2024, 2, 2))
    assert list(ProgressNote.objects.values_list("date", "text")) == [(date(2024, 2, 1), "Arbetsgrupp tillsatt")]


@pytest.mark.parametrize(
    ("due", "status", "late", "soon"),
    [
        (date(2024, 5, 31), ActionStatus.IN_PROGRESS, True, False),
        (date(2024, 5, 31), ActionStatus.NOT_STARTED, True, False),
        (date(2024, 5, 31), ActionStatus.DONE, False, False),
        (date(2024, 5, 31), ActionStatus.CANCELLED, False, False),
        (date(2024, 6, 1), ActionStatus.IN_PROGRESS, False, True),
        (date(2024, 7, 1), ActionStatus.IN_PROGRESS, False, True),
        (date(2024, 7, 2), ActionStatus.IN_PROGRESS, False, False),
        (None, ActionStatus.IN_PROGRESS, False, False),
    ],
)
def test_lateness_and_due_soon_depend_on_today_due_date_and_status(world, due, status, late, soon):
    action = _action(create_plan(world.evaluation), world.points[0], start=None, due=due, status=status)
    assert (action.is_late(TODAY), action.is_due_soon(TODAY)) == (late, soon)


def test_points_are_grouped_by_area_in_order_with_their_actions(world):
    plan = create_plan(world.evaluation)
    first = _action(plan, world.points[1], description="B")
    groups = plan_groups(world.evaluation, plan)
    assert [(g.number, [p.finding.text for p in g.points]) for g in groups] == [
        (1, ["Ta fram en plan för medborgardialog.", "Återkoppla resultatet av dialogerna."]),
        (3, ["Följ upp de politiska målen samlat."]),
    ]
    assert groups[0].points[1].actions == [first]


def test_the_overview_counts_points_with_actions_done_late_and_due_soon_per_area_and_in_total(world):
    plan = create_plan(world.evaluation)
    p1, p2, p3 = world.points
    _action(plan, p1, due=date(2024, 5, 1), status=ActionStatus.DONE)
    _action(plan, p1, due=date(2024, 5, 1), status=ActionStatus.IN_PROGRESS)  # late
    _action(plan, p1, due=date(2024, 6, 20), status=ActionStatus.NOT_STARTED)  # due soon
    _action(plan, p3, due=date(2024, 3, 1), status=ActionStatus.CANCELLED)
    _action(plan, p3, due=date(2025, 1, 1), status=ActionStatus.IN_PROGRESS)
    overview = plan_overview(world.evaluation, plan, today=TODAY)
    area1, area3 = overview.areas
    assert (area1.number, area1.counts.points, area1.counts.points_with_actions, area1.counts.actions) == (1, 2, 1, 3)
    assert (area1.counts.done, area1.counts.late, area1.counts.due_soon) == (1, 1, 1)
    assert (area3.counts.actions, area3.counts.cancelled, area3.counts.late, area3.counts.due_soon) == (2, 1, 0, 0)
    total = overview.total
    assert (total.points, total.points_with_actions, total.actions, total.done, total.late, total.due_soon) == (
        3,
        2,
        5,
        1,
        1,
        1,
    )
    assert (total.points_with_actions_pct, total.done_pct) == (67, 20)
