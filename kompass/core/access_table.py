"""docs/permissions.md, generated from the rules: every permission × role × evaluation state.

`kompass permissions` prints it; tests/core/test_permissions_doc.py fails when the file and the rules
disagree. The answers are asked of the rules themselves (`rules.has_perm`) on a throwaway evaluation
with a person in every role, inside a transaction that is rolled back: nothing is written."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.actionplans.models import ActionPlan
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Origin, Status, TeamRole
from kompass.evaluations.models import Evaluation, Questionnaire, TeamMembership
from kompass.evaluations.services import create_evaluation
from kompass.municipalities.models import Municipality

# Column title → how to find that person in a Cast.
ROLES: dict[str, str] = {
    "anonymous": "anonymous",
    "contact of the municipality": "contact",
    "contact of another municipality": "other_contact",
    "team lead": "lead",
    "team member": "member",
    "evaluator outside the team": "outsider",
    "team of the next evaluation": "next_team",
    "administrator": "admin",
}
STATES = list(Status)

INTRO = """# Permissions

Generated from the rules by `kompass permissions > docs/permissions.md`; a test fails when this file and
the rules disagree. The rules live in each app's `permissions.py` (docs/architecture.md, "Access").

Each cell lists the evaluation states in which the role holds the permission: ✓ in every state, – in none.
The object is an evaluation carried out in kompass, questionnaire not submitted, action plan not public;
a further row shows a permission where a condition changes the answer. Pages answer 404 to whoever lacks
the permission that lets them see the evaluation; a page someone may see answers a refused write with 403
or a message. "Team of the next evaluation" is the team of the municipality's next evaluation (it follows
up the action plan). Administrators are superusers or people with the role Administratör.
Two permissions are not about an evaluation: `jobs.follow_job` is also held by the person who started the
job, and `accounts.renew_recovery_codes` by whoever signed in with the second factor in this session.
"""


@dataclass
class Cast:
    """A throwaway evaluation with a person in every role."""

    evaluation: Evaluation
    people: dict[str, Any]


@contextmanager
def _cast() -> Iterator[Cast]:
    with transaction.atomic():
        home, other = Municipality.objects.filter(is_demo=False).order_by("code")[:2]
        version = CriteriaVersion.objects.order_by("code").first()
        assert version is not None, "Kriterieversioner saknas: kör kompass setup först."
        tag = uuid.uuid4().hex[:8]

        def person(name: str, role: str = Role.EVALUATOR, municipality: Municipality | None = None) -> User:
            return User.objects.create(username=f"{name}-{tag}", role=role, municipality=municipality)

        people: dict[str, Any] = {
            "anonymous": AnonymousUser(),
            "contact": person("contact", Role.CONTACT, home),
            "other_contact": person("other-contact", Role.CONTACT, other),
            "lead": person("lead"),
            "member": person("member"),
            "outsider": person("outsider"),
            "next_team": person("next-team"),
            "admin": person("admin", Role.ADMINISTRATOR),
        }
        year = timezone.now().year + 4
        evaluation = create_evaluation(home, version=version, year=year)
        following = create_evaluation(home, version=version, year=year + 1)
        TeamMembership.objects.create(evaluation=evaluation, user=people["lead"], role=TeamRole.LEAD)
        TeamMembership.objects.create(evaluation=evaluation, user=people["member"], role=TeamRole.MEMBER)
        TeamMembership.objects.create(evaluation=following, user=people["next_team"], role=TeamRole.LEAD)
        try:
            yield Cast(evaluation=evaluation, people=people)
        finally:
            transaction.set_rollback(True)


def _submitted(cast: Cast) -> None:
    Questionnaire.objects.create(evaluation=cast.evaluation, submitted_at=timezone.now())


def _public_plan(cast: Cast) -> None:
    ActionPlan.objects.create(evaluation=cast.evaluation, is_public=True)


def _imported(cast: Cast) -> None:
    cast.evaluation.origin = Origin.IMPORTED


# Conditions besides role and state that some rules ask: (label, how to bring it about).
CONDITIONS: list[tuple[str, Callable[[Cast], None]]] = [
    ("questionnaire submitted", _submitted),
    ("action plan public", _public_plan),
    ("imported report", _imported),
]


def permission_names() -> list[str]:
    return sorted(rules.permissions.permissions)


def _grants(cast: Cast, names: list[str]) -> dict[str, dict[str, list[str]]]:
    """permission → role column → the statuses in which it holds."""
    result: dict[str, dict[str, list[str]]] = {name: {column: [] for column in ROLES} for name in names}
    for state in STATES:
        cast.evaluation.status = state
        for name in names:
            for column, who in ROLES.items():
                if rules.has_perm(name, cast.people[who], cast.evaluation):
                    result[name][column].append(state)
    return result


def permission_table() -> list[tuple[str, str, dict[str, list[str]]]]:
    """(permission, condition, role column → statuses) for every permission; a row per condition only
    where the condition changes the answer."""
    names = permission_names()
    with _cast() as cast:
        plain = _grants(cast, names)
    rows = [(name, "", plain[name]) for name in names]
    for label, bring_about in CONDITIONS:
        with _cast() as cast:
            bring_about(cast)
            changed = _grants(cast, names)
        rows += [(name, label, changed[name]) for name in names if changed[name] != plain[name]]
    order = {name: index for index, name in enumerate(names)}
    return sorted(rows, key=lambda row: (order[row[0]], row[1]))


def _cell(statuses: list[str]) -> str:
    if len(statuses) == len(STATES):
        return "✓"
    if not statuses:
        return "–"
    if len(statuses) == len(STATES) - 1:
        missing = next(s for s in STATES if s not in statuses)
        return f"except {Status(missing).label}"
    return ", ".join(str(Status(s).label) for s in statuses)


def permissions_markdown() -> str:
    lines = [INTRO, "| permission | condition | " + " | ".join(ROLES) + " |", "|---" * (len(ROLES) + 2) + "|"]
    for name, condition, grants in permission_table():
        cells = " | ".join(_cell(grants[column]) for column in ROLES)
        lines.append(f"| `{name}` | {condition} | {cells} |")
    return "\n".join(lines) + "\n"
