"""The review queue for administrators: upload one report or many → read in the background (progress) →
review each beside its source text, correct → confirm. Everyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kompass.accounts.permissions import has_perm
from kompass.importer.enums import UploadStatus
from kompass.importer.forms import ConfirmForm, CorrectionForm, UploadForm
from kompass.importer.models import ReportUpload
from kompass.importer.queue import CorrectionRefused, confirm_upload, correct_field, queue_uploads, report_of
from kompass.importer.services import all_conflicts

RECENT = 50


def _require_administrator(request: HttpRequest) -> None:
    if not has_perm(request.user, "importer.import_reports"):
        raise Http404(_("Sidan finns inte."))


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        uploads = queue_uploads(form.cleaned_data["reports"], by=request.user)
        return redirect("importer:batch", batch=uploads[0].batch)
    recent = ReportUpload.objects.defer("data", "text", "extracted").order_by("-created_at")[:RECENT]
    return render(request, "importer/upload.html", {"form": form, "recent": recent})


def _batch(request: HttpRequest, batch: str) -> list[ReportUpload]:
    uploads = list(ReportUpload.objects.filter(batch=batch).defer("data", "text").order_by("created_at", "source_name"))
    if not uploads:
        raise Http404(_("Sidan finns inte."))
    return uploads


@require_http_methods(["GET"])
def batch(request: HttpRequest, batch: str) -> HttpResponse:
    _require_administrator(request)
    return render(request, "importer/batch.html", _batch_context(_batch(request, batch), batch))


@require_http_methods(["GET"])
def batch_status(request: HttpRequest, batch: str) -> HttpResponse:
    """The htmx partial that the batch page polls while reports are being read."""
    _require_administrator(request)
    return render(request, "importer/_batch_status.html", _batch_context(_batch(request, batch), batch))


def _batch_context(uploads: list[ReportUpload], batch: str) -> dict[str, object]:
    busy = any(u.status in (UploadStatus.QUEUED, UploadStatus.READING) for u in uploads)
    rows = [(u, len(all_conflicts(report_of(u))) if u.extracted else 0) for u in uploads]
    return {"rows": rows, "busy": busy, "batch": batch}


@require_http_methods(["GET"])
def review(request: HttpRequest, pk: str) -> HttpResponse:
    _require_administrator(request)
    upload = get_object_or_404(ReportUpload.objects.defer("data"), pk=pk)
    return render(request, "importer/review.html", _review_context(upload))


def _review_context(upload: ReportUpload, **extra: object) -> dict[str, object]:
    report = report_of(upload) if upload.extracted else None
    return {
        "upload": upload,
        "report": report,
        "conflicts": all_conflicts(report) if report else [],
        "corrections": upload.corrections.select_related("corrected_by"),
        "confirm_form": ConfirmForm(),
        "can_confirm": upload.status == UploadStatus.REVIEW,
        **extra,
    }


@require_POST
def correct(request: HttpRequest, pk: str) -> HttpResponse:
    _require_administrator(request)
    upload = get_object_or_404(ReportUpload.objects.defer("data"), pk=pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correct_field(upload, field=form.cleaned_data["field"], value=form.cleaned_data["value"], by=request.user)
        except CorrectionRefused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Rättelsen är sparad."))
    return redirect("importer:review", pk=upload.pk)


@require_POST
def confirm(request: HttpRequest, pk: str) -> HttpResponse:
    _require_administrator(request)
    upload = get_object_or_404(ReportUpload.objects.defer("data"), pk=pk)
    form = ConfirmForm(request.POST)
    update = form.is_valid() and form.cleaned_data["update"]
    outcome = confirm_upload(upload, by=request.user, update=update)
    if not outcome.ok or not outcome.applied:
        messages.error(request, outcome.message)
        return redirect("importer:review", pk=upload.pk)
    messages.success(request, outcome.message)
    assert outcome.plan is not None and outcome.plan.evaluation is not None
    return redirect(outcome.plan.evaluation.get_absolute_url())
