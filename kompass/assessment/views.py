"""Pages for blind scoring, consensus, agreement, writing and history. Thin: access, form, service.

Access: `evaluations.view_internal` (the team and administrators), everyone else 404. Writes need
`assessment.score` or `assessment.write` (team members); an administrator outside the team may look but
gets 403 on a write (kompass/assessment/permissions.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kompass.assessment import queries, services
from kompass.assessment.enums import ChangeKind
from kompass.assessment.forms import (
    AddFindingForm,
    ConsensusForm,
    FindingForm,
    MoveFindingForm,
    ReferenceForm,
    ScoringForm,
    TextForm,
)
from kompass.assessment.models import EvaluatorScore, Finding, ReferenceMunicipality
from kompass.assessment.services import AssessmentError, ScoreEntriesError
from kompass.core.concurrency import StaleWriteError
from kompass.core.forms import KompassForm
from kompass.core.text import strip_control_characters
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation
from kompass.evaluations.permissions import get_evaluation_or_404, has_perm, require_perm
from kompass.evaluations.services import ScoreError
from kompass.municipalities.models import Municipality


def _internal(request: HttpRequest, key: str) -> Evaluation:
    return get_evaluation_or_404(request.user, key, "evaluations.view_internal")


def _area(evaluation: Evaluation, number: int) -> Area:
    return get_object_or_404(Area, version_id=evaluation.version_id, number=number)


def _require_member(request: HttpRequest, evaluation: Evaluation, perm: str) -> None:
    require_perm(request.user, perm, evaluation, _("Bara utvärderingens team kan poängsätta och skriva."))


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# --- scoring ----------------------------------------------------------------------------------------------


@require_GET
def scoring_overview(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = _internal(request, key)
    context = queries.scoring_overview(evaluation, viewer=request.user)
    context.update(evaluation=evaluation, is_member=has_perm(request.user, "assessment.score", evaluation))
    context.update(queries.running_sums(evaluation))
    return render(request, "assessment/scoring_overview.html", context)


@require_http_methods(["GET", "POST"])
def scoring_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """GET: the area's scoring page. POST: save the evaluator's own scores."""
    evaluation = _internal(request, key)
    area = _area(evaluation, number)
    if request.method == "GET":
        return _render_area(request, evaluation, area)
    return _save_scores(request, evaluation, area, submit=False)


@require_POST
def submit_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """Save the evaluator's own scores, then hand the area in."""
    evaluation = _internal(request, key)
    return _save_scores(request, evaluation, _area(evaluation, number), submit=True)


def _save_scores(request: HttpRequest, evaluation: Evaluation, area: Area, *, submit: bool) -> HttpResponse:
    _require_member(request, evaluation, "assessment.score")
    questions = list(Question.objects.filter(area=area))
    form = ScoringForm(request.POST, questions=questions)
    if not form.is_valid():
        return _render_area(request, evaluation, area, form=form, message=form.error_text(), status=400)
    try:
        entries = form.entries()
        if entries:
            services.save_evaluator_scores(evaluation, area, evaluator=request.user, entries=entries)
        if submit:
            services.submit_area(evaluation, area, evaluator=request.user)
    except ScoreEntriesError as exc:
        return _render_area(request, evaluation, area, form=form, errors=exc.errors, message=str(exc), status=400)
    except StaleWriteError as exc:
        # The person's scores stay on screen, now based on the saved revisions: saving again is deliberate.
        data = request.POST.copy()
        mine = EvaluatorScore.objects.filter(evaluation=evaluation, evaluator_id=request.user.pk, question__area=area)
        for question_id, revision in mine.values_list("question_id", "revision"):
            data[f"revision-{question_id}"] = str(revision)
        form = ScoringForm(data, questions=questions)
        return _render_area(request, evaluation, area, form=form, message=str(exc), status=409)
    except AssessmentError as exc:
        return _render_area(request, evaluation, area, form=form, message=str(exc), status=400)
    done = _("Område %(n)s är inlämnat.") if submit else _("Dina poäng är sparade.")
    request.session["assessment_notice"] = done % {"n": area.number}
    return redirect(reverse("assessment:scoring_area", args=[evaluation.key, area.number]))


def _render_area(
    request: HttpRequest,
    evaluation: Evaluation,
    area: Area,
    *,
    form: ScoringForm | None = None,
    errors: dict[int, str] | None = None,
    message: str = "",
    status: int = 200,
    consensus_for: int | None = None,
) -> HttpResponse:
    """The area's scoring page; after refused input the person's values stay in their form: `form` (own
    scores) or, with `consensus_for`, the consensus form of that question."""
    context = queries.area_scoring(evaluation, area, viewer=request.user)
    context.update(queries.running_sums(evaluation))
    context.update(
        evaluation=evaluation,
        area=area,
        errors=errors or {},
        posted=form.data if form is not None else (request.POST if consensus_for else None),
        consensus_error=message if consensus_for else "",
        consensus_for=consensus_for,
        error_message=message,
        stale=status == 409,
        notice=request.session.pop("assessment_notice", ""),
    )
    return render(request, "assessment/scoring_area.html", context, status=status)


@require_POST
def consensus(request: HttpRequest, key: str, number: int) -> HttpResponse:
    """The team's agreed score for one question; answers htmx with the question's block."""
    evaluation = _internal(request, key)
    area = _area(evaluation, number)
    _require_member(request, evaluation, "assessment.score")
    form = ConsensusForm(request.POST)
    question_id = form.cleaned_data["question"] if form.is_valid() else _int(request.POST.get("question"))
    question = get_object_or_404(Question.objects.select_related("area", "subarea"), pk=question_id, area=area)
    error, status = "", 400
    try:
        if not form.is_valid():
            raise AssessmentError(_("Rätta uppgifterna."))
        services.agree_consensus(
            evaluation,
            question,
            by=request.user,
            points=form.cleaned_data["points"],
            rationale=form.cleaned_data["rationale"],
            expected_revision=form.cleaned_data["revision"],
        )
    except StaleWriteError as exc:
        error, status = str(exc), 409
    except (AssessmentError, ScoreError) as exc:
        error = str(exc)
    if request.headers.get("HX-Request"):
        context = queries.area_scoring(evaluation, area, viewer=request.user)
        context.update(queries.running_sums(evaluation))
        view = next(v for v in context["questions"] if v.question.pk == question.pk)
        context.update(
            evaluation=evaluation,
            area=area,
            q=view,
            consensus_error=error,
            consensus_for=question.pk,
            oob=True,
            posted=request.POST if error else None,
        )
        return render(request, "assessment/_consensus_response.html", context, status=200)
    if error:
        return _render_area(request, evaluation, area, message=error, status=status, consensus_for=question.pk)
    request.session["assessment_notice"] = _("Gemensam poäng sparad för fråga %(code)s.") % {"code": question.code}
    return redirect(reverse("assessment:scoring_area", args=[evaluation.key, area.number]) + f"#q-{question.pk}")


@require_GET
def running_sums(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = _internal(request, key)
    context = queries.running_sums(evaluation)
    context["evaluation"] = evaluation
    return render(request, "assessment/_running_sums.html", context)


# --- writing ----------------------------------------------------------------------------------------------


@require_GET
def writing_overview(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = _internal(request, key)
    return render(
        request,
        "assessment/writing_overview.html",
        {"evaluation": evaluation, "rows": queries.writing_overview(evaluation)},
    )


@require_GET
def writing_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    evaluation = _internal(request, key)
    return _render_writing(request, evaluation, _area(evaluation, number))


Act = Callable[[Evaluation, Area, Any], str]


def _write(request: HttpRequest, key: str, number: int, form: KompassForm, act: Act, *, form_id: str) -> HttpResponse:
    """The common steps of the writing page's actions: access, a valid form, the service (`act` returns
    the anchor to go back to), then the page again — with the person's text and the refusal on a
    StaleWriteError (409) or AssessmentError (400)."""
    evaluation = _internal(request, key)
    area = _area(evaluation, number)
    _require_member(request, evaluation, "assessment.write")
    try:
        if not form.is_valid():
            raise AssessmentError(form.error_text())
        anchor = act(evaluation, area, form.cleaned_data)
    except StaleWriteError as exc:
        return _render_writing(request, evaluation, area, form_id=form_id, message=str(exc), status=409)
    except AssessmentError as exc:
        return _render_writing(request, evaluation, area, form_id=form_id, message=str(exc), status=400)
    request.session["assessment_notice"] = _("Sparat.")
    return redirect(reverse("assessment:writing_area", args=[evaluation.key, area.number]) + f"#{anchor}")


@require_POST
def save_general(request: HttpRequest, key: str, number: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        services.save_area_text(
            evaluation, area, text=data["text"], by=request.user, expected_revision=data["revision"]
        )
        return "allmant"

    return _write(request, key, number, TextForm(request.POST), act, form_id="general")


@require_POST
def save_subarea(request: HttpRequest, key: str, number: int, subarea: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        found = get_object_or_404(area.subareas, number=subarea)
        services.save_subarea_text(
            evaluation, found, text=data["text"], by=request.user, expected_revision=data["revision"]
        )
        return f"delomrade-{subarea}"

    return _write(request, key, number, TextForm(request.POST), act, form_id=f"subarea-{subarea}")


@require_POST
def add_finding(request: HttpRequest, key: str, number: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        services.add_finding(
            evaluation, area, kind=data["kind"], text=data["text"], by=request.user, expected_count=data["count"]
        )
        return str(data["kind"])

    kind = request.POST.get("kind", "")
    return _write(request, key, number, AddFindingForm(request.POST), act, form_id=f"add-{kind}")


def _finding(evaluation: Evaluation, area: Area, pk: int) -> Finding:
    finding = Finding.objects.filter(evaluation=evaluation, area=area, pk=pk).first()
    if finding is None:
        raise AssessmentError(_("Punkten finns inte längre; någon annan har tagit bort den."))
    return finding


@require_POST
def edit_finding(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        finding = _finding(evaluation, area, pk)
        services.edit_finding(finding, text=data["text"], expected_revision=data["revision"], by=request.user)
        return finding.kind

    return _write(request, key, number, FindingForm(request.POST), act, form_id=f"finding-{pk}")


@require_POST
def delete_finding(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        finding = _finding(evaluation, area, pk)
        services.delete_finding(finding, expected_revision=data["revision"], by=request.user)
        return finding.kind

    return _write(request, key, number, FindingForm(request.POST), act, form_id=f"finding-{pk}")


@require_POST
def move_finding(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        finding = _finding(evaluation, area, pk)
        services.move_finding(finding, direction=data["direction"], by=request.user)
        return finding.kind

    return _write(request, key, number, MoveFindingForm(request.POST), act, form_id=f"finding-{pk}")


@require_POST
def add_reference(request: HttpRequest, key: str, number: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        services.add_reference(
            evaluation, area, municipality=data["municipality"], theme=data["theme"], by=request.user
        )
        return "kommuner"

    return _write(request, key, number, ReferenceForm(request.POST), act, form_id="add_reference")


@require_POST
def delete_reference(request: HttpRequest, key: str, number: int, pk: int) -> HttpResponse:
    def act(evaluation: Evaluation, area: Area, data: dict[str, Any]) -> str:
        reference = ReferenceMunicipality.objects.filter(evaluation=evaluation, area=area, pk=pk).first()
        if reference is not None:
            services.delete_reference(reference, by=request.user)
        return "kommuner"

    return _write(request, key, number, KompassForm(request.POST), act, form_id="")


def _render_writing(
    request: HttpRequest,
    evaluation: Evaluation,
    area: Area,
    *,
    form_id: str = "",
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    context = queries.area_writing(evaluation, area)
    context.update(
        evaluation=evaluation,
        area=area,
        is_member=has_perm(request.user, "assessment.write", evaluation),
        is_editable=has_perm(request.user, "assessment.write", evaluation) and evaluation.status != Status.PUBLISHED,
        form_id=form_id,
        error_message=message,
        posted_text=request.POST.get("text", "") if request.method == "POST" else "",
        finding_kinds=FindingKind,
        municipalities=Municipality.objects.filter(is_demo=False)
        .exclude(pk=evaluation.municipality_id)
        .only("code", "short_name"),
        notice=request.session.pop("assessment_notice", ""),
    )
    return render(request, "assessment/writing_area.html", context, status=status)


# --- history ----------------------------------------------------------------------------------------------


@require_GET
def history(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = _internal(request, key)
    area_number = _int(request.GET.get("omrade")) or None
    question_code = strip_control_characters(request.GET.get("fraga", "")).strip()[:20]
    kind = request.GET.get("slag", "")
    if kind not in ChangeKind.values:
        kind = ""
    records = queries.history(
        evaluation, viewer=request.user, area_number=area_number, question_code=question_code, kind=kind
    )
    page = Paginator(records, 50).get_page(request.GET.get("sida"))
    return render(
        request,
        "assessment/history.html",
        {
            "evaluation": evaluation,
            "page": page,
            "areas": Area.objects.filter(version_id=evaluation.version_id).order_by("number"),
            "kinds": ChangeKind.choices,
            "area_number": area_number,
            "question_code": question_code,
            "kind": kind,
        },
    )
