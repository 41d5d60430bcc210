"""The rules themselves: the list querysets agree with the predicates, superusers get no team-only acts,
and the Django admin is for administrators."""

import pytest
from django.test import Client

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Origin, Status
from kompass.evaluations.models import Evaluation
from kompass.evaluations.permissions import has_perm, visible_evaluations, work_evaluations
from tests.evaluations.world import ROLES, build_world
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(kk2020):
    w = build_world(status=Status.SCORING)
    make_evaluation("1980", year=2020, status=Status.PUBLISHED, team=[w.colleague])
    make_evaluation("0180", year=2021, status=Status.PLANNED, team=[w.lead])
    make_evaluation("1980", year=2012, status=Status.PUBLISHED, origin=Origin.IMPORTED)
    make_evaluation("1980", year=2022, status=Status.REVIEW, origin=Origin.PUBLISHED_RECORD)
    return w


def _user(world, role):
    from django.contrib.auth.models import AnonymousUser

    return getattr(world, role) or AnonymousUser()


@pytest.mark.parametrize("role", ROLES)
def test_visible_evaluations_lists_exactly_what_the_view_rule_lets_the_person_see(world, role):
    user = _user(world, role)
    by_rule = {e.key for e in Evaluation.objects.all() if has_perm(user, "evaluations.view_evaluation", e)}
    assert sorted(visible_evaluations(user).values_list("key", flat=True)) == sorted(by_rule)
    assert by_rule >= {"1980-2020", "1980-2012"}  # the published ones, for everyone


@pytest.mark.parametrize("role", ROLES)
def test_work_evaluations_lists_exactly_the_kompass_evaluations_whose_work_the_rule_opens(world, role):
    user = _user(world, role)
    by_rule = {
        e.key for e in Evaluation.objects.filter(origin=Origin.KOMPASS) if has_perm(user, "evaluations.view_work", e)
    }
    assert sorted(work_evaluations(user).values_list("key", flat=True)) == sorted(by_rule)


def test_a_superuser_outside_the_team_sees_the_internal_material_but_does_not_score_or_answer(world):
    assert world.admin.is_superuser
    asked = ["evaluations.view_internal", "assessment.score", "assessment.write", "evaluations.answer_questionnaire"]
    assert [world.admin.has_perm(p, world.evaluation) for p in asked] == [True, False, False, False]
    assert [has_perm(world.admin, p, world.evaluation) for p in asked] == [True, False, False, False]


def test_an_administrator_by_role_holds_the_django_model_permissions_and_nobody_else_does(kk2020):
    by_role = make_user(role=Role.EVALUATOR)
    by_role.role = Role.ADMINISTRATOR
    by_role.save()
    evaluator = make_user(is_staff=True)
    assert not by_role.is_superuser
    assert [u.has_perm("evaluations.change_evaluation") for u in (by_role, evaluator)] == [True, False]
    assert [u.has_module_perms("evaluations") for u in (by_role, evaluator)] == [True, False]


def test_the_django_admin_opens_to_administrators_only(kk2020):
    by_role = make_user(role=Role.EVALUATOR)
    by_role.role = Role.ADMINISTRATOR
    by_role.save()
    codes = {}
    for name, user in {
        "superuser": make_user(role=Role.ADMINISTRATOR),
        "administrator": by_role,
        "staff evaluator": make_user(is_staff=True),
        "contact": make_user(role=Role.CONTACT),
    }.items():
        client = Client()
        client.force_login(user)
        response = client.get("/admin/evaluations/evaluation/")
        codes[name] = (response.status_code, response.get("Location", "").split("?")[0])
    assert codes == {
        "superuser": (200, ""),
        "administrator": (200, ""),
        "staff evaluator": (302, "/admin/login/"),
        "contact": (302, "/admin/login/"),
    }
