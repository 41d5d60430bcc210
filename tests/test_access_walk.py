"""The walking test: every URL pattern of kompass.urls × every role × evaluation state, answered as the
rules declare (docs/permissions.md).

PAGES says, per route, which permission lets a person see the page (GET) and, for write endpoints,
which permission lets them reach it (404 otherwise) and which lets them write (403 otherwise). The
expected answer is then asked of the rules for that person and evaluation, and compared with what the
page answers. A route missing from PAGES fails the test, so a new page must declare its rule. The
Django admin's own routes are covered by tests/evaluations/test_permissions.py (it opens to
administrators only). Refusals inside a service (a lifecycle move, a published text) answer with a
message and are covered by the apps' own access matrices."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kompass.accounts.permissions import has_perm
from kompass.actionplans.models import Action, ActionPlan
from kompass.assessment.models import Finding, ReferenceMunicipality
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Origin, Status
from kompass.evaluations.models import Evaluation
from kompass.importer.models import ReportUpload
from kompass.jobs.enums import JobStatus
from kompass.jobs.models import Job
from kompass.jobs.services import jobs_dir
from tests.evaluations.world import build_world
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db

# The roles the rules tell apart, as tests/evaluations/world.py names them.
ROLES = {
    "anonymous": "anonymous",
    "contact of the municipality": "contact",
    "contact of another municipality": "other_contact",
    "team lead": "lead",
    "team member": "colleague",
    "evaluator outside the team": "other_evaluator",
    "administrator": "admin",
}
STATES = [Status.PLANNED, Status.SCORING, Status.PUBLISHED]

PUBLIC = "public"  # anyone, no permission asked
LOGGED_IN = "logged in"  # any logged-in person
NOT_ALLOWED = "405"  # the method is not accepted here


@dataclass(frozen=True)
class Page:
    """`get`: the permission a GET needs (or PUBLIC / LOGGED_IN / NOT_ALLOWED); `post`: (permission to
    reach the page — 404 without it —, permission to write — 403 without it — or None) for write
    endpoints; `login`: anonymous visitors are sent to the login page first; `ok`: the answers that
    mean "let through"."""

    get: str
    post: tuple[str, str | None] | None = None
    login: bool = False
    ok: frozenset[int] = field(default_factory=lambda: frozenset({200, 302}))
    data: Callable[[Any], dict] = lambda w: {}
    query: str = ""
    obj: Callable[[Any], Any] | None = None  # what the permission is asked about; default the evaluation


def work(perm: str, post: tuple[str, str | None] | None = None, **kw: Any) -> Page:
    return Page(get=perm, post=post, login=True, **kw)


def write(reach: str, perm: str | None = None, **kw: Any) -> Page:
    return Page(get=NOT_ALLOWED, post=(reach, perm), **kw)


V, W, I = "evaluations.view_evaluation", "evaluations.view_work", "evaluations.view_internal"  # noqa: E741
WRITE_OK = frozenset({200, 302, 400, 409})

PAGES: dict[str, Page] = {
    # accounts
    "konto/logga-in/": Page(PUBLIC),
    "konto/logga-ut/": Page(NOT_ALLOWED, post=(PUBLIC, None)),
    "konto/glomt-losenord/": Page(PUBLIC),
    "konto/glomt-losenord/skickat/": Page(PUBLIC),
    "konto/nytt-losenord/<uidb64>/<token>/": Page(PUBLIC),
    "konto/nytt-losenord/klart/": Page(PUBLIC),
    "konto/inbjudan/": Page("accounts.invite_user", login=True),
    "konto/inbjudan/<uidb64>/<token>/": Page(PUBLIC, ok=frozenset({400})),  # an invalid link, for everyone
    "konto/tvafaktor/": Page(LOGGED_IN, login=True),
    "konto/tvafaktor/reservkoder/": Page("accounts.renew_recovery_codes", login=True),
    # jobs: the person who started one (the team member here) and administrators follow it
    "jobb/<int:job_id>/": Page("jobs.follow_job", login=True, obj=lambda w: w.job),
    "jobb/<int:job_id>/status/": Page("jobs.follow_job", login=True, obj=lambda w: w.job),
    "jobb/<int:job_id>/fil/": Page("jobs.follow_job", login=True, obj=lambda w: w.job),
    "jobb/rapporter/": Page("jobs.render_all_reports", login=True),
    # the work pages
    "arbete/": Page(LOGGED_IN, login=True),
    "arbete/ny/": Page("evaluations.create_evaluation", login=True),
    "arbete/<slug:key>/": work(W),
    "arbete/<slug:key>/status/": write(W, login=True, data=lambda w: {"to": Status.REVIEW}),
    "arbete/<slug:key>/fragor/": work(W),
    "arbete/<slug:key>/fragor/omrade/<int:number>/": work(W, (W, None)),
    "arbete/<slug:key>/fragor/dokument/": write(W, login=True),
    "arbete/<slug:key>/fragor/dokument/<int:pk>/": work(W),
    "arbete/<slug:key>/fragor/dokument/<int:pk>/ta-bort/": write(W, login=True),
    "arbete/<slug:key>/fragor/forslag/": write(W, login=True),
    "arbete/<slug:key>/fragor/forslag/<int:pk>/ta-bort/": write(W, login=True),
    "arbete/<slug:key>/fragor/skicka-in/": write(W, login=True),
    "arbete/<slug:key>/fragor/oppna-igen/": write(W, login=True),
    "arbete/<slug:key>/besok/": work(I, (I, "evaluations.plan_visit"), data=lambda w: {"name": "Bolagen"}),
    "arbete/<slug:key>/besok/pm/": work(W),
    "arbete/<slug:key>/besok/grupp/<int:pk>/": work(I, (I, "evaluations.plan_visit")),
    "arbete/<slug:key>/besok/grupp/<int:pk>/ta-bort/": write("evaluations.plan_visit", login=True),
    "arbete/<slug:key>/besok/grupp/<int:pk>/deltagare/": write("evaluations.plan_visit", login=True),
    "arbete/<slug:key>/besok/deltagare/<int:pk>/ta-bort/": write("evaluations.plan_visit", login=True),
    "arbete/<slug:key>/besok/forslag/<int:pk>/lagg-till/": write("evaluations.plan_visit", login=True),
    "arbete/<slug:key>/underlag/": work(I),
    "arbete/<slug:key>/underlag/tackning/": work(I),
    "arbete/<slug:key>/personuppgifter/": work(I),
    "arbete/<slug:key>/personuppgifter/ta-bort/": write(I, login=True),
    "arbete/<slug:key>/underlag/<slug:source>/": write("evaluations.record_evidence", login=True),
    "arbete/<slug:key>/underlag/<slug:source>/<int:pk>/": work(I, (I, "evaluations.record_evidence")),
    "arbete/<slug:key>/underlag/<slug:source>/<int:pk>/ta-bort/": write("evaluations.record_evidence", login=True),
    # scoring and writing
    "bedomning/<slug:key>/poang/": Page(I),
    "bedomning/<slug:key>/poang/summor/": Page(I),
    "bedomning/<slug:key>/poang/<int:number>/": Page(I, post=(I, "assessment.score"), ok=WRITE_OK),
    "bedomning/<slug:key>/poang/<int:number>/lamna-in/": write(I, "assessment.score", ok=WRITE_OK),
    "bedomning/<slug:key>/poang/<int:number>/gemensam/": write(
        I, "assessment.score", ok=WRITE_OK, data=lambda w: {"question": w.question.pk, "points": "1"}
    ),
    "bedomning/<slug:key>/text/": Page(I),
    "bedomning/<slug:key>/text/<int:number>/": Page(I),
    "bedomning/<slug:key>/text/<int:number>/allmant/": write(
        I, "assessment.write", ok=WRITE_OK, data=lambda w: {"text": "Allmänt.", "revision": 0}
    ),
    "bedomning/<slug:key>/text/<int:number>/delomrade/<int:subarea>/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/punkter/ny/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/punkter/<int:pk>/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/punkter/<int:pk>/ta-bort/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/punkter/<int:pk>/flytta/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/kommuner/ny/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/text/<int:number>/kommuner/<int:pk>/ta-bort/": write(I, "assessment.write", ok=WRITE_OK),
    "bedomning/<slug:key>/historik/": Page(I),
    # the report
    "rapporter/<slug:key>/": Page("reports.view_report"),
    "rapporter/<slug:key>/kortfakta/": Page("reports.edit_key_facts", post=("reports.edit_key_facts", None)),
    "rapporter/<slug:key>/ladda-ner/<str:fmt>/": Page("reports.download"),
    # importing reports
    "import/": Page("importer.import_reports"),
    "import/ko/<uuid:batch>/": Page("importer.import_reports"),
    "import/ko/<uuid:batch>/status/": Page("importer.import_reports"),
    "import/<uuid:pk>/": Page("importer.import_reports"),
    "import/<uuid:pk>/ratta/": write("importer.import_reports", ok=WRITE_OK),
    "import/<uuid:pk>/bekrafta/": write("importer.import_reports", ok=WRITE_OK),
    # good examples
    "goda-exempel/": Page(PUBLIC),
    "goda-exempel/forebilder/<slug:key>/": Page(V),
    # action plans
    "handlingsplaner/<slug:key>/": Page("actionplans.view_plan"),
    "handlingsplaner/<slug:key>/skapa/": write("actionplans.edit_plan"),
    "handlingsplaner/<slug:key>/publicera/": write("actionplans.edit_plan"),
    "handlingsplaner/<slug:key>/punkt/<int:finding_id>/atgard/": write("actionplans.edit_plan", ok=WRITE_OK),
    "handlingsplaner/<slug:key>/punkt/<int:finding_id>/prioritet/": write("actionplans.edit_plan", ok=WRITE_OK),
    "handlingsplaner/<slug:key>/atgard/<int:action_id>/": write("actionplans.edit_plan", ok=WRITE_OK),
    "handlingsplaner/<slug:key>/atgard/<int:action_id>/anteckning/": write("actionplans.edit_plan", ok=WRITE_OK),
    "handlingsplaner/<slug:key>/oversikt/": Page("actionplans.view_plan"),
    "handlingsplaner/<slug:key>/uppfoljning/": Page("actionplans.view_followup"),
    "handlingsplaner/<slug:key>/export.<str:fmt>": Page("actionplans.view_plan"),
    # the API (read-only)
    "api/docs/": Page(PUBLIC),
    "api/openapi.json": Page(PUBLIC),
    "api/municipalities": Page(PUBLIC),
    "api/municipalities/<code>": Page(PUBLIC),
    "api/versions": Page(PUBLIC),
    "api/versions/<code>": Page(PUBLIC),
    "api/evaluations": Page(PUBLIC),
    "api/evaluations/<key>": Page(V),
    "api/averages/<version>": Page(PUBLIC),
    "api/comparison": Page(PUBLIC, query="?version=kk2010&municipality=1980"),
    "api/search": Page(PUBLIC, query="?q=medborgardialog"),
    "api/": Page(PUBLIC, ok=frozenset({404})),  # no index page, for anyone
    # health check for the proxy (details only for administrators, tested in tests/core/test_health.py)
    "halsa/": Page(PUBLIC),
    # the public portal
    "": Page(PUBLIC),
    "utvarderingar/": Page(PUBLIC),
    "utvarderingar/<slug:key>/": Page(V),
    "kommuner/<slug:code>/": Page(PUBLIC),
    "jamfor/": Page(PUBLIC),
    "jamfor/excel/": Page(PUBLIC, query="?version=kk2010&kommun=1980&kommun=0180", ok=frozenset({200, 302, 400})),
    "rangordning/": Page(PUBLIC),
    "genomsnitt/": Page(PUBLIC),
    "oppna-data/": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat.csv": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat-excel.csv": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat-<slug:version>-excel.csv": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat.json": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat-<slug:version>.csv": Page(PUBLIC),
    "oppna-data/kommunkompassen-resultat-<slug:version>.json": Page(PUBLIC),
    "inbaddning/<slug:code>.svg": Page(PUBLIC),
    "inbaddning/<slug:code>.png": Page(PUBLIC),
}


def routes() -> list[str]:
    """Every route of kompass.urls except the Django admin's."""

    def walk(patterns: list, prefix: str) -> list[str]:
        found = []
        for p in patterns:
            if isinstance(p, URLResolver):
                if p.namespace != "admin":
                    found += walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                found.append(prefix + str(p.pattern))
        return found

    return walk(get_resolver().url_patterns, "")


def test_every_route_declares_the_rule_it_follows():
    assert sorted(set(routes()) - set(PAGES)) == []
    assert sorted(set(PAGES) - set(routes())) == []


def _world(status: str) -> SimpleNamespace:
    w = build_world(status=status)
    # What the routes' other parameters point at: an earlier published evaluation of the municipality
    # (its page, its chart), an improvement point with an action plan, a pending import.
    make_evaluation("1980", year=2012, status=Status.PUBLISHED, origin=Origin.IMPORTED)
    area = Area.objects.get(version=w.evaluation.version, number=1)
    w.finding = Finding.objects.create(evaluation=w.evaluation, area=area, kind=FindingKind.IMPROVEMENT, text="Mer")
    w.question = Question.objects.filter(area=area).order_by("number").first()
    w.reference = ReferenceMunicipality.objects.create(evaluation=w.evaluation, area=area, name="Sala", theme="Dialog")
    plan = ActionPlan.objects.create(evaluation=w.evaluation)
    w.action = Action.objects.create(plan=plan, finding=w.finding, description="Gör det")
    w.pending = ReportUpload.objects.create(
        uploaded_by=w.admin, source_name="rapport.txt", data=b"Ingen rapport", text="Ingen rapport"
    )
    w.job = Job.objects.create(
        kind="test", title="Ett jobb", status=JobStatus.DONE, started_by=w.colleague, result_file="walk.zip"
    )
    (jobs_dir() / "walk.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return w


def _url(route: str, w: SimpleNamespace) -> str:
    pks = {
        "dokument": w.document.pk,
        "forslag": w.proposal.pk,
        "grupp": w.group.pk,
        "deltagare": w.participant.pk,
        "punkter": w.finding.pk,
        "kommuner": w.reference.pk,
    }
    values = {
        "key": w.evaluation.key,
        "number": 1,
        "code": "1980",
        "version": "kk2020",
        "fmt": "xlsx" if route.startswith("handlingsplaner") else "html",
        "source": "interview",
        "uidb64": "MA",
        "token": "x-y",
        "finding_id": w.finding.pk,
        "action_id": w.action.pk,
        "job_id": w.job.pk,
        "subarea": 1,
        "batch": w.pending.batch,
    }

    def fill(match: re.Match) -> str:
        name = match.group(1)
        if name != "pk":
            return str(values[name])
        if route.startswith("import/"):
            return str(w.pending.pk)
        if "underlag" in route:
            return str(w.note.pk)
        before = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
        return str(pks[before])

    if route.startswith("api/versions/"):
        values["code"] = "kk2020"
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, route) + PAGES[route].query


def _holds(perm: str, user: Any, obj: Any) -> bool:
    if perm == PUBLIC:
        return True
    if perm == LOGGED_IN:
        return user.is_authenticated
    return has_perm(user, perm, obj)


def _expected(page: Page, method: str, user: Any, evaluation: Any) -> str:
    if page.login and not user.is_authenticated:
        return "login"
    if method == "GET":
        if page.get == NOT_ALLOWED:
            return "405"
        return "through" if _holds(page.get, user, evaluation) else "404"
    assert page.post is not None
    reach, perm = page.post
    if not _holds(reach, user, evaluation):
        return "404"
    if perm is not None and not _holds(perm, user, evaluation):
        return "403"
    return "through"


def _answer(page: Page, response: Any) -> str:
    location = response.get("Location", "")
    if response.status_code == 302 and "/logga-in/" in location and "/logga-in/" not in response.request["PATH_INFO"]:
        return "login"
    if response.status_code in page.ok:
        return "through"
    return str(response.status_code)


@pytest.mark.parametrize("status", STATES)
def test_every_page_answers_every_role_as_the_rules_declare(kk2020, status, settings, tmp_path):
    settings.DATA_DIR = tmp_path  # where the job's file lies
    w = _world(status)
    clients = {}
    for role, name in ROLES.items():
        clients[role] = Client()
        if getattr(w, name) is not None:
            clients[role].force_login(getattr(w, name))
    answers, expected = {}, {}
    for route, page in PAGES.items():
        url = _url(route, w)
        methods = ["GET"] + (["POST"] if page.post else [])
        for role, name in ROLES.items():
            user = getattr(w, name) or AnonymousUser()
            for method in methods:
                # Each request runs in a savepoint that is rolled back, so every role meets the same world.
                with transaction.atomic():
                    w.evaluation = Evaluation.objects.get(pk=w.evaluation.pk)
                    want = _expected(page, method, user, page.obj(w) if page.obj else w.evaluation)
                    client = clients[role]
                    if route == "konto/logga-ut/":  # logging out would end the session the others share
                        client = Client()
                        if user.is_authenticated:
                            client.force_login(user)
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, page.data(w))
                    transaction.set_rollback(True)
                answers[(route, method, role)] = _answer(page, response)
                expected[(route, method, role)] = want
    # Per route and method: role → (answer, declared), for the roles where they differ.
    wrong: dict[str, dict[str, tuple[str, str]]] = {}
    for (route, method, role), answer in answers.items():
        if answer != expected[(route, method, role)]:
            wrong.setdefault(f"{method} /{route}", {})[role] = (answer, expected[(route, method, role)])
    assert wrong == {}
