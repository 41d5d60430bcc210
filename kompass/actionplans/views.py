"""Pages of the action plan: the plan, the overview for management, exports and the follow-up.

Every view gets the evaluation through `get_evaluation_or_404` with the permission it needs
(`actionplans.view_plan`, `actionplans.edit_plan`, `actionplans.view_followup`): 404 otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kompass.actionplans import services
from kompass.actionplans.exporters import RENDERERS
from kompass.actionplans.followup import build_followup
from kompass.actionplans.forms import ActionForm, NoteForm, PriorityForm, PublishForm
from kompass.actionplans.models import Action, ActionPlan
from kompass.actionplans.permissions import get_readable_plan
from kompass.core.concurrency import StaleWriteError
from kompass.evaluations.models import Evaluation
from kompass.evaluations.permissions import get_evaluation_or_404, has_perm


@dataclass
class ActionView:
    """An action as the plan page shows it: with its lateness today and its forms."""

    action: Action
    late: bool
    due_soon: bool
    edit_form: ActionForm
    note_form: NoteForm


def _today() -> Any:
    return timezone.localdate()


def _editable(request: HttpRequest, key: str) -> tuple[Evaluation, ActionPlan]:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.edit_plan")
    plan = ActionPlan.objects.filter(evaluation=evaluation).first()
    if plan is None:
        raise Http404("Handlingsplanen finns inte.")
    return evaluation, plan


def _plan_url(evaluation: Evaluation, anchor: str = "") -> str:
    from django.urls import reverse

    return reverse("actionplans:plan", kwargs={"key": evaluation.key}) + (f"#{anchor}" if anchor else "")


def _render_plan(
    request: HttpRequest,
    evaluation: Evaluation,
    plan: ActionPlan | None,
    *,
    status: int = 200,
    error: str = "",
    bound: tuple[str, int, Any] | None = None,
) -> HttpResponse:
    """The plan page; after refused input, `bound` = (kind, id, form) puts the person's input back in place."""
    editable = has_perm(request.user, "actionplans.edit_plan", evaluation)
    groups = services.plan_groups(evaluation, plan)
    today = _today()
    for group in groups:
        for point in group.points:
            fid = point.finding.pk
            point.add_form = _bound_or(
                bound,
                "new",
                fid,
                lambda fid=fid, point=point: ActionForm(prefix=f"n{fid}", initial={"count": len(point.actions)}),
            )
            point.priority_form = _bound_or(
                bound,
                "priority",
                fid,
                lambda point=point, fid=fid: PriorityForm(
                    prefix=f"p{fid}", initial={"priority": point.priority, "revision": point.revision}
                ),
            )
            point.action_views = [
                ActionView(
                    action=action,
                    late=action.is_late(today),
                    due_soon=action.is_due_soon(today, days=services.DUE_SOON_DAYS),
                    edit_form=_bound_or(bound, "edit", action.pk, lambda action=action: _edit_form(action)),
                    note_form=_bound_or(
                        bound,
                        "note",
                        action.pk,
                        lambda action=action: NoteForm(prefix=f"m{action.pk}", initial={"date": today}),
                    ),
                )
                for action in point.actions
            ]
    context = {
        "evaluation": evaluation,
        "plan": plan,
        "groups": groups,
        "editable": editable,
        "error": error,
        "bound": bound[:2] if bound else None,
        "publish_form": PublishForm(initial={"is_public": plan.is_public}) if plan else None,
        "today": today,
    }
    return render(request, "actionplans/plan.html", context, status=status)


def _bound_or(bound: tuple[str, int, Any] | None, kind: str, pk: int, make: Any) -> Any:
    if bound is not None and bound[0] == kind and bound[1] == pk:
        return bound[2]
    return make()


def _edit_form(action: Action) -> ActionForm:
    initial = {name: getattr(action, name) for name in services.ACTION_FIELDS}
    return ActionForm(prefix=f"a{action.pk}", initial={**initial, "revision": action.revision})


@require_GET
def plan_page(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.view_plan")
    plan = get_readable_plan(request.user, evaluation)
    return _render_plan(request, evaluation, plan)


@require_POST
def create_plan(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.edit_plan")
    services.create_plan(evaluation, by=request.user)
    messages.success(request, "Handlingsplanen är skapad. Lägg till åtgärder under varje förbättringsmöjlighet.")
    return redirect(_plan_url(evaluation))


def _refused(
    request: HttpRequest,
    evaluation: Evaluation,
    plan: ActionPlan,
    what: str,
    why: str = ": rätta det som är markerat nedan.",
    *,
    status: int = 400,
    bound: tuple[str, int, Any] | None = None,
) -> HttpResponse:
    """The plan page again, nothing saved, with "<what> sparades inte<why>" on top; `bound` keeps the
    person's input in the form it came from."""
    return _render_plan(
        request,
        evaluation,
        plan,
        status=status,
        error=(_("%(what)s sparades inte%(why)s") % {"what": what, "why": why}),
        bound=bound,
    )


def _action_of(plan: ActionPlan, action_id: int) -> Action:
    action = Action.objects.filter(plan=plan, pk=action_id).first()
    if action is None:
        raise Http404("Åtgärden finns inte.")
    return action


@require_POST
def add_action(request: HttpRequest, key: str, finding_id: int) -> HttpResponse:
    evaluation, plan = _editable(request, key)
    form = ActionForm(request.POST, prefix=f"n{finding_id}")
    if not form.is_valid():
        return _refused(request, evaluation, plan, "Åtgärden", bound=("new", finding_id, form))
    try:
        action = services.add_action(
            plan,
            finding_id=finding_id,
            by=request.user,
            expected_count=form.cleaned_data["count"],
            **form.action_values(),
        )
    except StaleWriteError as exc:
        data = request.POST.copy()
        data[f"n{finding_id}-count"] = str(Action.objects.filter(plan=plan, finding_id=finding_id).count())
        again = ("new", finding_id, ActionForm(data, prefix=f"n{finding_id}"))
        return _refused(request, evaluation, plan, "Åtgärden", f". {exc}", status=409, bound=again)
    except services.ActionPlanError as exc:
        return _refused(request, evaluation, plan, "Åtgärden", f": {exc}")
    messages.success(request, "Åtgärden är sparad.")
    return redirect(_plan_url(evaluation, f"action-{action.pk}"))


@require_POST
def edit_action(request: HttpRequest, key: str, action_id: int) -> HttpResponse:
    evaluation, plan = _editable(request, key)
    action = _action_of(plan, action_id)
    form = ActionForm(request.POST, prefix=f"a{action_id}")
    if not form.is_valid() or form.cleaned_data["revision"] is None:
        return _refused(request, evaluation, plan, "Ändringen", bound=("edit", action_id, form))
    try:
        services.update_action(
            action, expected_revision=form.cleaned_data["revision"], by=request.user, **form.action_values()
        )
    except StaleWriteError as exc:
        # Keep the person's input, now based on the stored revision, so saving again is a deliberate choice.
        data = request.POST.copy()
        data[f"a{action_id}-revision"] = str(exc.current.revision)
        again = ("edit", action_id, ActionForm(data, prefix=f"a{action_id}"))
        return _refused(request, evaluation, plan, "Ändringen", f". {exc}", status=409, bound=again)
    except services.ActionPlanError as exc:
        return _refused(request, evaluation, plan, "Ändringen", f": {exc}", bound=("edit", action_id, form))
    messages.success(request, "Ändringen är sparad.")
    return redirect(_plan_url(evaluation, f"action-{action_id}"))


@require_POST
def add_note(request: HttpRequest, key: str, action_id: int) -> HttpResponse:
    evaluation, plan = _editable(request, key)
    action = _action_of(plan, action_id)
    form = NoteForm(request.POST, prefix=f"m{action_id}")
    if not form.is_valid():
        return _refused(request, evaluation, plan, "Anteckningen", bound=("note", action_id, form))
    try:
        services.add_progress_note(
            action, text=form.cleaned_data["text"], on=form.cleaned_data["date"], by=request.user
        )
    except services.ActionPlanError as exc:
        return _refused(request, evaluation, plan, "Anteckningen", f": {exc}")
    messages.success(request, "Lägesanteckningen är sparad.")
    return redirect(_plan_url(evaluation, f"action-{action_id}"))


@require_POST
def set_priority(request: HttpRequest, key: str, finding_id: int) -> HttpResponse:
    evaluation, plan = _editable(request, key)
    form = PriorityForm(request.POST, prefix=f"p{finding_id}")
    if not form.is_valid():
        why = ": välj en av prioriteterna."
        return _refused(request, evaluation, plan, "Prioriteten", why, bound=("priority", finding_id, form))
    try:
        services.set_priority(
            plan,
            finding_id=finding_id,
            priority=form.cleaned_data["priority"] or "",
            expected_revision=form.cleaned_data["revision"],
            by=request.user,
        )
    except StaleWriteError as exc:
        return _refused(request, evaluation, plan, "Prioriteten", f". {exc}", status=409)
    except services.ActionPlanError as exc:
        return _refused(request, evaluation, plan, "Prioriteten", f": {exc}")
    messages.success(request, "Prioriteten är sparad.")
    return redirect(_plan_url(evaluation, f"point-{finding_id}"))


@require_POST
def set_public(request: HttpRequest, key: str) -> HttpResponse:
    evaluation, plan = _editable(request, key)
    form = PublishForm(request.POST)
    form.is_valid()
    services.set_public(plan, public=form.cleaned_data.get("is_public", False))
    messages.success(
        request,
        "Handlingsplanen är publicerad: alla kan läsa den."
        if plan.is_public
        else "Handlingsplanen är inte publicerad: bara kommunen, utvärderingsteamet och administratörer kan läsa den.",
    )
    return redirect(_plan_url(evaluation))


@require_GET
def overview(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.view_plan")
    plan = get_readable_plan(request.user, evaluation)
    summary = services.plan_overview(evaluation, plan, today=_today())
    return render(
        request,
        "actionplans/overview.html",
        {"evaluation": evaluation, "plan": plan, "overview": summary, "due_soon_days": services.DUE_SOON_DAYS},
    )


@require_GET
def export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.view_plan")
    plan = get_readable_plan(request.user, evaluation)
    if fmt not in RENDERERS:
        raise Http404("Okänt format.")
    filename, content_type, content = RENDERERS[fmt](services.export_content(evaluation, plan))
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def followup(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "actionplans.view_followup")
    data = build_followup(evaluation)
    show_actions = data is not None and has_perm(request.user, "actionplans.view_plan", data.previous)
    return render(
        request,
        "actionplans/followup.html",
        {"evaluation": evaluation, "followup": data, "show_actions": show_actions},
    )
