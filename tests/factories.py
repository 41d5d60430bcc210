"""Small factories for test data. Plain functions: the domain services do the real work."""

from __future__ import annotations

import itertools
from typing import Any

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Status, TeamRole
from kompass.evaluations.models import Evaluation, TeamMembership
from kompass.evaluations.services import create_evaluation
from kompass.municipalities.models import Municipality

_counter = itertools.count(1)


def make_user(*, role: str = Role.EVALUATOR, municipality: Municipality | None = None, **fields: Any) -> User:
    n = next(_counter)
    user = User.objects.create_user(
        username=fields.pop("username", f"user{n}"),
        password=fields.pop("password", "test-password-123"),
        role=role,
        municipality=municipality,
        **fields,
    )
    if role == Role.ADMINISTRATOR:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


def make_evaluation(
    municipality_code: str = "1980",
    *,
    version: str = "kk2020",
    year: int = 2024,
    status: str = Status.SCORING,
    team: list[User] | None = None,
    **fields: Any,
) -> Evaluation:
    evaluation = create_evaluation(
        Municipality.objects.get(code=municipality_code),
        version=CriteriaVersion.objects.get(code=version),
        year=year,
        status=status,
        **fields,
    )
    for index, user in enumerate(team or []):
        TeamMembership.objects.create(
            evaluation=evaluation, user=user, role=TeamRole.LEAD if index == 0 else TeamRole.MEMBER
        )
    return evaluation
