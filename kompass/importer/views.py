"""The upload page for administrators: upload → dry run (summary) → confirm. Everyone else gets 404."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from kompass.accounts.models import User
from kompass.accounts.permissions import has_perm
from kompass.importer.enums import ImportAction
from kompass.importer.forms import ConfirmForm, UploadForm
from kompass.importer.models import PendingImport
from kompass.importer.services import import_text

PENDING_LIFETIME = timedelta(days=1)


def _require_administrator(request: HttpRequest) -> None:
    if not has_perm(request.user, "importer.import_reports"):
        raise Http404("Sidan finns inte.")


def _pending(request: HttpRequest, pk: str) -> PendingImport:
    return get_object_or_404(PendingImport, pk=pk, uploaded_by=request.user)


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        read = form.cleaned_data["report"]
        with transaction.atomic():
            PendingImport.objects.filter(created_at__lt=timezone.now() - PENDING_LIFETIME).delete()
            pending = PendingImport.objects.create(
                uploaded_by=cast(User, request.user), source_name=form.source_name, text=read.text, pages=read.pages
            )
        return redirect("importer:preview", pk=pending.pk)
    return render(request, "importer/upload.html", {"form": form})


@require_http_methods(["GET"])
def preview(request: HttpRequest, pk: str) -> HttpResponse:
    _require_administrator(request)
    pending = _pending(request, pk)
    outcome = import_text(pending.text, source_name=pending.source_name, dry_run=True)
    can_apply = outcome.ok and outcome.plan is not None and outcome.plan.action != ImportAction.UNCHANGED
    context = {
        "pending": pending,
        "outcome": outcome,
        "plan": outcome.plan,
        "report": outcome.plan.report if outcome.plan else None,
        "can_apply": can_apply,
        "needs_update": outcome.plan is not None and outcome.plan.action == ImportAction.CHANGES,
        "form": ConfirmForm(),
    }
    return render(request, "importer/preview.html", context)


@require_POST
def confirm(request: HttpRequest, pk: str) -> HttpResponse:
    _require_administrator(request)
    pending = _pending(request, pk)
    form = ConfirmForm(request.POST)
    update = form.is_valid() and form.cleaned_data["update"]
    outcome = import_text(pending.text, source_name=pending.source_name, update=update, by=request.user)
    if not outcome.ok or not outcome.applied:
        messages.error(request, outcome.message)
        return redirect("importer:preview", pk=pending.pk)
    pending.delete()
    messages.success(request, outcome.message)
    assert outcome.plan is not None
    evaluation = outcome.plan.evaluation
    return redirect(evaluation.get_absolute_url() if evaluation else "importer:upload")
