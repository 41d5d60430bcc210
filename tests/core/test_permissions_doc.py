"""docs/permissions.md is the table the rules give, and every permission the code asks is declared."""

import re
from io import StringIO
from pathlib import Path

import pytest
import rules
from django.core.management import call_command

from kompass.accounts.models import User
from kompass.accounts.permissions import has_perm
from kompass.evaluations.models import Evaluation

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
APPS = "accounts|evaluations|assessment|reports|actionplans|importer|jobs"


def test_docs_permissions_md_is_exactly_what_kompass_permissions_prints_from_the_rules(kk2020):
    out = StringIO()
    call_command("permissions", stdout=out)
    assert (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8") == out.getvalue()


def test_kompass_permissions_leaves_the_database_as_it_was(kk2020):
    before = (User.objects.count(), Evaluation.objects.count())
    call_command("permissions", stdout=StringIO())
    assert (User.objects.count(), Evaluation.objects.count()) == before


def test_every_permission_the_code_and_templates_ask_is_declared_by_a_rule():
    asked: set[str] = set()
    for path in (ROOT / "kompass").rglob("*.py"):
        asked |= set(re.findall(rf'"((?:{APPS})\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    for path in (ROOT / "kompass").rglob("*.html"):
        asked |= {".".join(m) for m in re.findall(rf"perms\.({APPS})\.([a-z_]+)", path.read_text(encoding="utf-8"))}
    job_kinds = set()  # names of background jobs look alike ("reports.published_zip") but are not permissions
    for path in (ROOT / "kompass").rglob("*.py"):
        job_kinds |= set(re.findall(r'(?:job_task\(|kind=)"([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    asked -= job_kinds
    declared = set(rules.permissions.permissions)
    assert sorted(asked - declared) == []
    assert sorted(declared - asked) == []  # a rule nobody asks is a rule nobody enforces


def test_asking_an_undeclared_permission_is_an_error_not_a_silent_no():
    with pytest.raises(KeyError, match="evaluations.view_evalution"):
        has_perm(None, "evaluations.view_evalution")
