from datetime import date

import pytest

from kompass.accounts.enums import Role
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import queries
from kompass.evaluations.enums import Status, TeamRole
from kompass.evaluations.models import StatusChange, TeamMembership
from kompass.evaluations.services.lifecycle import (
    LifecycleError,
    allowed_moves,
    create_team_evaluation,
    move_evaluation,
)
from kompass.evaluations.services.visit import DEFAULT_GROUPS
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(kk2020):
    lead, member = make_user(), make_user()
    evaluation = make_evaluation(status=Status.PLANNED, team=[lead, member])
    return evaluation, lead, member


def test_the_team_lead_moves_forward_one_step_at_a_time(team):
    evaluation, lead, _ = team
    move_evaluation(evaluation, to=Status.QUESTIONNAIRE, by=lead)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.QUESTIONNAIRE
    with pytest.raises(LifecycleError, match="från Frågeunderlag till Poängsättning"):
        move_evaluation(evaluation, to=Status.SCORING, by=lead)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.QUESTIONNAIRE


def test_a_team_member_moves_forward_and_back_one_step_but_never_publishes(team):
    evaluation, _, member = team
    evaluation.status = Status.REVIEW
    evaluation.save()
    assert allowed_moves(evaluation, member) == [Status.WRITING]
    move_evaluation(evaluation, to=Status.WRITING, by=member)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.WRITING
    move_evaluation(evaluation, to=Status.REVIEW, by=member)
    with pytest.raises(LifecycleError):
        move_evaluation(evaluation, to=Status.PUBLISHED, by=member)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.published_at) == (Status.REVIEW, None)


def test_the_team_lead_publishes_from_review_and_the_evaluation_becomes_public(team):
    evaluation, lead, _ = team
    evaluation.status = Status.REVIEW
    evaluation.save()
    assert allowed_moves(evaluation, lead) == [Status.WRITING, Status.PUBLISHED]
    move_evaluation(evaluation, to=Status.PUBLISHED, by=lead)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PUBLISHED
    assert evaluation.published_at is not None
    assert list(queries.published().filter(pk=evaluation.pk)) == [evaluation]


def test_the_team_lead_cannot_publish_before_review(team):
    evaluation, lead, _ = team
    evaluation.status = Status.WRITING
    evaluation.save()
    with pytest.raises(LifecycleError, match="från Skrivande till Publicerad"):
        move_evaluation(evaluation, to=Status.PUBLISHED, by=lead)


def test_unpublishing_goes_back_to_review_and_only_the_lead_or_an_administrator_may(team):
    evaluation, lead, member = team
    evaluation.status = Status.REVIEW
    evaluation.save()
    move_evaluation(evaluation, to=Status.PUBLISHED, by=lead)
    assert allowed_moves(evaluation, member) == []
    with pytest.raises(LifecycleError):
        move_evaluation(evaluation, to=Status.REVIEW, by=member)
    assert allowed_moves(evaluation, lead) == [Status.REVIEW]
    move_evaluation(evaluation, to=Status.REVIEW, by=lead)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.published_at) == (Status.REVIEW, None)


def test_an_administrator_may_move_to_any_status(team):
    evaluation, _, _ = team
    admin = make_user(role=Role.ADMINISTRATOR)
    assert allowed_moves(evaluation, admin) == [s for s in Status if s != Status.PLANNED]
    move_evaluation(evaluation, to=Status.PUBLISHED, by=admin)
    move_evaluation(evaluation, to=Status.PLANNED, by=admin)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PLANNED


def test_imported_published_records_have_no_lifecycle_moves_even_for_administrators(kk2020):
    from kompass.evaluations.enums import Origin

    record = make_evaluation(status=Status.PUBLISHED, origin=Origin.PUBLISHED_RECORD)
    admin = make_user(role=Role.ADMINISTRATOR)
    assert allowed_moves(record, admin) == []
    with pytest.raises(LifecycleError):
        move_evaluation(record, to=Status.REVIEW, by=admin)
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED


def test_contacts_and_outsiders_may_not_move_an_evaluation(team):
    evaluation, _, _ = team
    contact = make_user(role=Role.CONTACT, municipality=evaluation.municipality)
    outsider = make_user()
    for person in (contact, outsider):
        assert allowed_moves(evaluation, person) == []
        with pytest.raises(LifecycleError):
            move_evaluation(evaluation, to=Status.QUESTIONNAIRE, by=person)
    evaluation.refresh_from_db()
    assert evaluation.status == Status.PLANNED
    assert StatusChange.objects.count() == 0


def test_every_move_is_recorded_with_who_made_it(team):
    evaluation, lead, _ = team
    move_evaluation(evaluation, to=Status.QUESTIONNAIRE, by=lead)
    move_evaluation(evaluation, to=Status.PLANNED, by=lead)
    assert list(StatusChange.objects.values_list("from_status", "to_status", "changed_by")) == [
        (Status.PLANNED, Status.QUESTIONNAIRE, lead.pk),
        (Status.QUESTIONNAIRE, Status.PLANNED, lead.pk),
    ]


def test_sending_the_questionnaire_creates_the_default_interview_groups_once(team):
    evaluation, lead, _ = team
    move_evaluation(evaluation, to=Status.QUESTIONNAIRE, by=lead)
    move_evaluation(evaluation, to=Status.VISIT, by=lead)
    assert list(evaluation.interview_groups.values_list("name", flat=True)) == DEFAULT_GROUPS


def _create(**overrides):
    admin = make_user(role=Role.ADMINISTRATOR)
    fields = {
        "version": CriteriaVersion.objects.get(code="kk2020"),
        "year": 2026,
        "lead": make_user(),
        "members": [make_user()],
        "peer": make_user(organisation="Grannby kommun"),
        "visit_start": date(2026, 3, 10),
        "visit_end": date(2026, 3, 11),
        "feedback_date": date(2026, 5, 5),
        "by": admin,
    }
    fields.update(overrides)
    return create_team_evaluation(Municipality.objects.get(code="1980"), **fields), fields


def test_an_administrator_creates_a_planned_evaluation_with_its_team(kk2020):
    evaluation, fields = _create()
    assert (evaluation.key, evaluation.status, evaluation.visit_end) == ("1980-2026", Status.PLANNED, date(2026, 3, 11))
    roles = dict(TeamMembership.objects.filter(evaluation=evaluation).values_list("user", "role"))
    assert roles == {
        fields["lead"].pk: TeamRole.LEAD,
        fields["members"][0].pk: TeamRole.MEMBER,
        fields["peer"].pk: TeamRole.PEER,
    }
    assert evaluation.interview_groups.count() == len(DEFAULT_GROUPS)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"by": "evaluator"}, "Bara administratörer"),
        ({"visit_end": date(2026, 3, 9)}, "Besöket kan inte sluta före det börjar."),
        ({"feedback_date": date(2026, 3, 1)}, "Återkopplingsmötet kan inte ligga före besöket."),
        ({"members": ["lead"]}, "Samma person kan bara ha en roll i teamet."),
        ({"peer": "contact"}, "är kommunkontakt"),
        ({"year": 1970}, "Året 1970 är inte rimligt"),
    ],
)
def test_creating_an_evaluation_refuses_bad_input_and_creates_nothing(kk2020, overrides, message):
    lead = make_user()
    people = {"evaluator": make_user(), "lead": lead, "contact": make_user(role=Role.CONTACT)}
    resolved = {
        k: ([people.get(x, x) for x in v] if isinstance(v, list) else people.get(v, v)) for k, v in overrides.items()
    }
    before = TeamMembership.objects.count()
    with pytest.raises(LifecycleError, match=message):
        _create(lead=lead, **resolved)
    assert Municipality.objects.get(code="1980").evaluations.filter(year__in=[2026, 1970]).count() == 0
    assert TeamMembership.objects.count() == before
