"""Fixtures for action plans: a published kk2020 evaluation of Västerås (1980) with improvement points in
two areas, the people around it, and the municipality's next evaluation."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.assessment.models import Finding
from kompass.criteria.models import Area
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import Municipality
from tests.factories import make_evaluation, make_user


def add_finding(evaluation: Evaluation, area_number: int, text: str, *, kind: str = FindingKind.IMPROVEMENT) -> Finding:
    area = Area.objects.get(version=evaluation.version, number=area_number)
    position = Finding.objects.filter(evaluation=evaluation, area=area, kind=kind).count() + 1
    return Finding.objects.create(evaluation=evaluation, area=area, kind=kind, position=position, text=text)


@dataclass
class World:
    evaluation: Evaluation
    points: list[Finding]
    strength: Finding
    admin: User
    contact: User
    other_contact: User
    team: User
    next_team: User
    other_evaluator: User
    next_evaluation: Evaluation

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def world(kk2020) -> World:
    team = make_user(first_name="Tea", last_name="Team")
    next_team = make_user(first_name="Nils", last_name="Nästa")
    evaluation = make_evaluation("1980", year=2022, status=Status.PUBLISHED, team=[team])
    points = [
        add_finding(evaluation, 1, "Ta fram en plan för medborgardialog."),
        add_finding(evaluation, 1, "Återkoppla resultatet av dialogerna."),
        add_finding(evaluation, 3, "Följ upp de politiska målen samlat."),
    ]
    strength = add_finding(evaluation, 1, "Tydlig information på webben.", kind=FindingKind.STRENGTH)
    next_evaluation = make_evaluation("1980", year=2024, status=Status.SCORING, team=[next_team])
    return World(
        evaluation=evaluation,
        points=points,
        strength=strength,
        admin=make_user(role=Role.ADMINISTRATOR),
        contact=make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="1980"), first_name="Kim"),
        other_contact=make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0180")),
        team=team,
        next_team=next_team,
        other_evaluator=make_user(),
        next_evaluation=next_evaluation,
    )
