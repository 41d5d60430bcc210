"""Pages for blind scoring, consensus, agreement, writing and history. Thin: access, form, service.

Access: the evaluation's team and administrators (`can_see_internal`), everyone else 404. Writes (scores,
consensus, texts) only by team members; an administrator outside the team may look but gets 403 on a write."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kompass.assessment import queries, services
from kompass.assessment.enums import ChangeKind, MoveDirection
from kompass.assessment.services import AssessmentError, ScoreEntriesError, ScoreEntry
from kompass.core.text import strip_control_characters
from kompass.criteria.models import Area, Question
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation, Finding, ReferenceMunicipality
from kompass.evaluations.permissions import can_see_internal, get_visible_evaluation, is_team_member
from kompass.evaluations.services import ScoreError, StaleWriteError
from kompass.municipalities.models import Municipality


def _internal(request: HttpRequest, key: str) -> Evaluation:
    evaluation = get_visible_evaluation(request.user, key)
    if not can_see_internal(request.user, evaluation):
        raise Http404("Utvärderingen finns inte.")
    return evaluation


def _area(evaluation: Evaluation, number: int) -> Area:
    return get_object_or_404(Area, version_id=evaluation.version_id, number=number)


def _require_member(request: HttpRequest, evaluation: Evaluation) -> None:
    if not is_team_member(request.user, evaluation):
        raise PermissionDenied(_("Bara utvärderingens team kan poängsätta och skriva."))


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
    context.update(evaluation=evaluation, is_member=is_team_member(request.user, evaluation))
    context.update(queries.running_sums(evaluation))
    return render(request, "assessment/scoring_overview.html", context)


@require_http_methods(["GET", "POST"])
def scoring_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    evaluation = _internal(request, key)
    area = _area(evaluation, number)
    if request.method == "GET":
        return _render_area(request, evaluation, area)
    _require_member(request, evaluation)
    action = request.POST.get("action", "save")
    if action == "consensus":
        return _consensus(request, evaluation, area)
    questions = list(Question.objects.filter(area=area))
    entries = [
        ScoreEntry(
            question=q,
            points=request.POST.get(f"points-{q.pk}", ""),
            rationale=request.POST.get(f"rationale-{q.pk}", ""),
            evidence=request.POST.get(f"evidence-{q.pk}", ""),
            expected_revision=_int(request.POST.get(f"revision-{q.pk}")),
        )
        for q in questions
        if f"points-{q.pk}" in request.POST
    ]
    try:
        if entries:
            services.save_evaluator_scores(evaluation, area, evaluator=request.user, entries=entries)
        if action == "submit":
            services.submit_area(evaluation, area, evaluator=request.user)
    except ScoreEntriesError as exc:
        return _render_area(request, evaluation, area, errors=exc.errors, message=str(exc), status=400)
    except StaleWriteError as exc:
        return _render_area(request, evaluation, area, message=str(exc), status=409)
    except AssessmentError as exc:
        return _render_area(request, evaluation, area, message=str(exc), status=400)
    done = _("Område %(n)s är inlämnat.") if action == "submit" else _("Dina poäng är sparade.")
    request.session["assessment_notice"] = done % {"n": area.number}
    return redirect(reverse("assessment:scoring_area", args=[evaluation.key, area.number]))


def _render_area(
    request: HttpRequest,
    evaluation: Evaluation,
    area: Area,
    *,
    errors: dict[int, str] | None = None,
    message: str = "",
    status: int = 200,
) -> HttpResponse:
    context = queries.area_scoring(evaluation, area, viewer=request.user)
    context.update(queries.running_sums(evaluation))
    context.update(
        evaluation=evaluation,
        area=area,
        errors=errors or {},
        posted=request.POST if request.method == "POST" else None,
        error_message=message,
        stale=status == 409,
        notice=request.session.pop("assessment_notice", ""),
    )
    return render(request, "assessment/scoring_area.html", context, status=status)


def _consensus(request: HttpRequest, evaluation: Evaluation, area: Area) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.select_related("area", "subarea"), pk=_int(request.POST.get("question")), area=area
    )
    error = ""
    try:
        services.agree_consensus(
            evaluation,
            question,
            by=request.user,
            points=request.POST.get("points", ""),
            rationale=request.POST.get("rationale", ""),
            expected_revision=_int(request.POST.get("revision")),
        )
    except (AssessmentError, ScoreError, StaleWriteError) as exc:
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
            oob=True,
            posted=request.POST if error else None,
        )
        return render(request, "assessment/_consensus_response.html", context, status=200)
    if error:
        return _render_area(request, evaluation, area, message=error, status=409 if "ändrats" in error else 400)
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


@require_http_methods(["GET", "POST"])
def writing_area(request: HttpRequest, key: str, number: int) -> HttpResponse:
    evaluation = _internal(request, key)
    area = _area(evaluation, number)
    if request.method == "GET":
        return _render_writing(request, evaluation, area)
    _require_member(request, evaluation)
    action = request.POST.get("action", "")
    form_id = request.POST.get("form_id", action)
    try:
        anchor = _writing_action(request, evaluation, area, action)
    except StaleWriteError as exc:
        return _render_writing(request, evaluation, area, form_id=form_id, message=str(exc), status=409)
    except AssessmentError as exc:
        return _render_writing(request, evaluation, area, form_id=form_id, message=str(exc), status=400)
    request.session["assessment_notice"] = _("Sparat.")
    return redirect(reverse("assessment:writing_area", args=[evaluation.key, area.number]) + f"#{anchor}")


def _writing_action(request: HttpRequest, evaluation: Evaluation, area: Area, action: str) -> str:
    post, user = request.POST, request.user
    if action == "general":
        services.save_area_text(
            evaluation, area, text=post.get("text", ""), by=user, expected_revision=_int(post.get("revision"))
        )
        return "allmant"
    if action == "subarea":
        subarea = get_object_or_404(area.subareas, number=_int(post.get("subarea")))
        services.save_subarea_text(
            evaluation, subarea, text=post.get("text", ""), by=user, expected_revision=_int(post.get("revision"))
        )
        return f"delomrade-{subarea.number}"
    if action == "add_finding":
        kind = post.get("kind", "")
        services.add_finding(evaluation, area, kind=kind, text=post.get("text", ""), by=user)
        return kind
    if action in {"edit_finding", "delete_finding", "move_up", "move_down"}:
        finding = Finding.objects.filter(evaluation=evaluation, area=area, pk=_int(post.get("finding"))).first()
        if finding is None:
            raise AssessmentError(_("Punkten finns inte längre; någon annan har tagit bort den."))
        if action == "edit_finding":
            services.edit_finding(finding, text=post.get("text", ""), expected_text=post.get("original", ""), by=user)
        elif action == "delete_finding":
            services.delete_finding(finding, expected_text=post.get("original", ""), by=user)
        else:
            direction = MoveDirection.UP if action == "move_up" else MoveDirection.DOWN
            services.move_finding(finding, direction=direction, by=user)
        return finding.kind
    if action == "add_reference":
        code = strip_control_characters(post.get("municipality", ""))  # a NUL byte would fail on PostgreSQL
        municipality = Municipality.objects.filter(pk=code, is_demo=False).first()
        services.add_reference(evaluation, area, municipality=municipality, theme=post.get("theme", ""), by=user)
        return "kommuner"
    if action == "delete_reference":
        reference = ReferenceMunicipality.objects.filter(
            evaluation=evaluation, area=area, pk=_int(post.get("reference"))
        ).first()
        if reference is not None:
            services.delete_reference(reference, by=user)
        return "kommuner"
    raise AssessmentError(_("Okänd åtgärd."))


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
        is_member=is_team_member(request.user, evaluation),
        is_editable=is_team_member(request.user, evaluation) and evaluation.status != Status.PUBLISHED,
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
