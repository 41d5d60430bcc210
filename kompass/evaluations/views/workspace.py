"""\"Mina utvärderingar\", creating an evaluation, the workspace of one evaluation with its lifecycle
buttons, and removing personal data after publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompass.evaluations import permissions
from kompass.evaluations.enums import Status
from kompass.evaluations.forms import (
    CreateEvaluationForm,
    EraseConfirmForm,
    MoveForm,
)
from kompass.evaluations.services import privacy
from kompass.evaluations.services import questionnaire as q_services
from kompass.evaluations.services.lifecycle import (
    LifecycleError,
    allowed_moves,
    create_team_evaluation,
    move_evaluation,
)
from kompass.evaluations.views.common import attempt, work_url

# --- Mina utvärderingar and the workspace ---


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    evaluations = (
        permissions.work_evaluations(request.user)
        .select_related("municipality", "version")
        .prefetch_related("team__user")
        .order_by("-year", "municipality__name")
    )
    return render(
        request,
        "evaluations/mine.html",
        {"evaluations": evaluations, "is_admin": permissions.has_perm(request.user, "evaluations.create_evaluation")},
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not permissions.has_perm(request.user, "evaluations.create_evaluation"):
        raise Http404
    form = CreateEvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = create_team_evaluation(
                data["municipality"],
                version=data["version"],
                year=data["year"],
                lead=data["lead"],
                members=[data["member"]] if data["member"] else [],
                peer=data["peer"],
                visit_start=data["visit_start"],
                visit_end=data["visit_end"],
                feedback_date=data["feedback_date"],
                by=request.user,
            )
        except LifecycleError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Utvärderingen %(name)s är skapad.") % {"name": evaluation})
            return redirect(work_url("workspace", evaluation))
    return render(request, "evaluations/create.html", {"form": form})


@login_required
def workspace(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    moves = allowed_moves(evaluation, request.user)
    current = list(Status).index(Status(evaluation.status))
    buttons = [(to, _move_label(current, list(Status).index(Status(to)), to)) for to in moves]
    return render(
        request,
        "evaluations/workspace.html",
        {
            "evaluation": evaluation,
            "team": evaluation.team.select_related("user").order_by("role", "user__first_name"),
            "buttons": buttons,
            "questionnaire": q_services.questionnaire_of(evaluation),
            "changes": evaluation.status_changes.select_related("changed_by"),
            "internal": permissions.has_perm(request.user, "evaluations.view_internal", evaluation),
            "statuses": list(Status),
        },
    )


def _move_label(current: int, target: int, to: str) -> str:
    if to == Status.PUBLISHED:
        return _("Publicera")
    if current == len(Status) - 1:
        return _("Avpublicera (tillbaka till %(status)s)") % {"status": Status(to).label}
    if target > current:
        return _("Flytta fram till %(status)s") % {"status": Status(to).label}
    return _("Flytta tillbaka till %(status)s") % {"status": Status(to).label}


@login_required
@require_POST
def move(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    form = MoveForm(request.POST)
    try:
        evaluation = move_evaluation(evaluation, to=form.cleaned_data["to"] if form.is_valid() else "", by=request.user)
    except LifecycleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Utvärderingen har status %(status)s.") % {"status": evaluation.get_status_display()}
        )
    return redirect(work_url("workspace", evaluation))


# --- Personal data (team and administrators see it; administrators and the lead remove it) ---


@login_required
def personal_data(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    return render(
        request,
        "evaluations/personal_data.html",
        {
            "evaluation": evaluation,
            "data": privacy.personal_data_of(evaluation),
            "may_erase": privacy.may_erase(request.user, evaluation),
            "retention_days": privacy.retention_days(),
            "internal": True,
        },
    )


@login_required
@require_POST
def erase_personal_data(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    if not privacy.may_erase(request.user, evaluation):
        messages.error(request, _("Bara huvudutvärderaren och administratörer kan ta bort personuppgifterna."))
    elif not EraseConfirmForm(request.POST).is_valid():
        messages.error(request, _("Personuppgifterna togs inte bort: kryssa i rutan som bekräftar borttagningen."))
    else:
        attempt(
            request,
            lambda: privacy.erase_personal_data(evaluation, by=request.user),
            _("Personuppgifterna är borttagna. Poäng, texter och rapporten finns kvar."),
        )
    return redirect(work_url("personal_data", evaluation))
