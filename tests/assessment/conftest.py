"""Fixtures for the assessment tests: an evaluation in scoring with a lead and a colleague."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from kompass.accounts.enums import Role
from kompass.assessment.services import ScoreEntry, save_evaluator_scores, submit_area
from kompass.criteria.models import Area, Question
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user


@dataclass
class Team:
    evaluation: Evaluation
    lead: object
    colleague: object
    area: Area

    def questions(self, area: Area | None = None) -> list[Question]:
        return list(Question.objects.filter(area=area or self.area).order_by("subarea__number", "number"))


@pytest.fixture
def team(kk2020) -> Team:
    lead = make_user(first_name="Eva", last_name="Lead")
    colleague = make_user(first_name="Per", last_name="Kollega")
    evaluation = make_evaluation("1980", year=2024, team=[lead, colleague])
    return Team(evaluation, lead, colleague, Area.objects.get(version=kk2020, number=1))


@pytest.fixture
def people(team, kk2020) -> dict[str, object]:
    """One user per role in the access matrix."""
    other = make_evaluation("0114", year=2024, team=[make_user()])
    return {
        "admin": make_user(role=Role.ADMINISTRATOR),
        "lead": team.lead,
        "colleague": team.colleague,
        "other_evaluator": other.team.get().user,
        "own_contact": make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="1980")),
        "other_contact": make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0114")),
    }


def score_all(team: Team, user, points_for, *, area: Area | None = None, submit: bool = True) -> None:
    """Score every question of an area for `user` with points_for(question) and (by default) submit it."""
    area = area or team.area
    entries = [ScoreEntry(question=q, points=str(points_for(q)), rationale="r") for q in team.questions(area)]
    save_evaluator_scores(team.evaluation, area, evaluator=user, entries=entries)
    if submit:
        submit_area(team.evaluation, area, evaluator=user)


def half(question: Question) -> Decimal:
    return (question.max_points / 2).quantize(Decimal("0.5"))
