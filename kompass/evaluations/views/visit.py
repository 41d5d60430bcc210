"""The visit plan (interview groups, participants; team and administrators only) and the visit memo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompass.accounts.enums import PersonalDataKind, Role
from kompass.accounts.services import record_personal_data_read
from kompass.evaluations import permissions
from kompass.evaluations.forms import (
    InterviewGroupForm,
    PersonForm,
)
from kompass.evaluations.models import Evaluation, IntervieweeProposal, InterviewGroup, Participant
from kompass.evaluations.services import StaleWriteError
from kompass.evaluations.services import visit as visit_services
from kompass.evaluations.views.common import SERVICE_ERRORS, attempt, based_on, require_write, work_url

# --- Visit plan and memo (participants: team and administrators only) ---


@login_required
def visit(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    count = evaluation.interview_groups.count()
    form = InterviewGroupForm(
        request.POST or None, instance=InterviewGroup(evaluation=evaluation), initial={"count": count}
    )
    status = 200
    if request.method == "POST":
        require_write(request, "evaluations.plan_visit", evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.save_interview_group(
                evaluation, by=request.user, expected_count=form.cleaned_data["count"], **form.group_values()
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            data = request.POST.copy()
            data["count"] = str(evaluation.interview_groups.count())
            form, status = InterviewGroupForm(data, instance=InterviewGroup(evaluation=evaluation)), 409
        except SERVICE_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Intervjugruppen är tillagd."))
            return redirect(work_url("visit", evaluation))
    days = visit_services.visit_programme(evaluation)
    proposals = evaluation.interviewee_proposals.filter(accepted=False).select_related("group")
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit.html",
        {"evaluation": evaluation, "days": days, "form": form, "proposals": proposals, "internal": True},
        status=status,
    )


def _group(
    request: HttpRequest, key: str, pk: int, perm: str = "evaluations.view_internal"
) -> tuple[Evaluation, InterviewGroup]:
    evaluation = permissions.get_evaluation_or_404(request.user, key, perm)
    return evaluation, get_object_or_404(evaluation.interview_groups, pk=pk)


@login_required
def visit_group(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk)
    form = InterviewGroupForm(request.POST or None, instance=group, initial={"revision": group.revision})
    status = 200
    if request.method == "POST":
        require_write(request, "evaluations.plan_visit", evaluation)
    if request.method == "POST" and form.is_valid():
        try:
            visit_services.save_interview_group(
                evaluation,
                group=group,
                by=request.user,
                expected_revision=form.cleaned_data["revision"],
                **form.group_values(),
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            group.refresh_from_db()
            form = InterviewGroupForm(based_on(request.POST, exc, field="revision"), instance=group)
            status = 409
        except SERVICE_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Intervjugruppen är sparad."))
            return redirect(work_url("visit_group", evaluation, group.pk))
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit_group.html",
        {
            "evaluation": evaluation,
            "group": group,
            "form": form,
            "person_form": PersonForm(prefix="person"),
            "participants": group.participants.all(),
            "proposals": group.proposals.all(),
            "internal": True,
        },
        status=status,
    )


@login_required
@require_POST
def delete_group(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk, "evaluations.plan_visit")
    if attempt(request, lambda: visit_services.delete_interview_group(group), _("Intervjugruppen är borttagen.")):
        return redirect(work_url("visit", evaluation))
    return redirect(work_url("visit_group", evaluation, group.pk))


@login_required
@require_POST
def add_participant(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation, group = _group(request, key, pk, "evaluations.plan_visit")
    form = PersonForm(request.POST, prefix="person")
    if not form.is_valid():
        messages.error(request, _("Deltagaren måste ha ett namn."))
    else:
        attempt(
            request,
            lambda: visit_services.add_participant(group, **form.cleaned_data),
            _("Deltagaren är tillagd."),
        )
    return redirect(work_url("visit_group", evaluation, group.pk))


@login_required
@require_POST
def remove_participant(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.plan_visit")
    participant = get_object_or_404(Participant, pk=pk, group__evaluation=evaluation)
    group_pk = participant.group_id
    participant.delete()
    messages.success(request, _("Deltagaren är borttagen."))
    return redirect(work_url("visit_group", evaluation, group_pk))


@login_required
@require_POST
def accept_proposal(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.plan_visit")
    proposal = get_object_or_404(IntervieweeProposal, pk=pk, evaluation=evaluation)
    attempt(
        request,
        lambda: visit_services.accept_proposal(proposal),
        _("%(name)s är tillagd som deltagare.") % {"name": proposal.name},
    )
    return redirect(work_url("visit_group", evaluation, proposal.group_id))


@login_required
def visit_memo(request: HttpRequest, key: str) -> HttpResponse:
    """The PM for the municipality: the programme. Names of participants only for the team."""
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_work")
    days = visit_services.visit_programme(evaluation)
    # the memo shows names to the team only
    if permissions.has_perm(request.user, "evaluations.view_internal", evaluation):
        record_personal_data_read(evaluation, request=request, what=PersonalDataKind.PARTICIPANTS)
    return render(
        request,
        "evaluations/visit_memo.html",
        {
            "evaluation": evaluation,
            "days": days,
            "team": evaluation.team.select_related("user").order_by("role"),
            "show_names": permissions.has_perm(request.user, "evaluations.view_internal", evaluation),
            "participants": visit_services.participant_count(days),
            "contact_view": request.user.role == Role.CONTACT,  # type: ignore[union-attr]
        },
    )
