"""Evidence (interview notes, document references, website observations; team and administrators only)
and its coverage per question."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kompass.accounts.enums import PersonalDataKind
from kompass.accounts.services import record_personal_data_read
from kompass.evaluations import permissions
from kompass.evaluations.enums import EvidenceSource
from kompass.evaluations.forms import (
    DocumentReferenceForm,
    InterviewNoteForm,
    WebsiteObservationForm,
)
from kompass.evaluations.models import Evaluation
from kompass.evaluations.services import StaleWriteError
from kompass.evaluations.services import evidence as evidence_services
from kompass.evaluations.views.common import SERVICE_ERRORS, attempt, based_on, require_write, work_url

# --- Evidence (team and administrators only) ---

EVIDENCE_FORMS: dict[str, Any] = {
    EvidenceSource.INTERVIEW: InterviewNoteForm,
    EvidenceSource.DOCUMENT: DocumentReferenceForm,
    EvidenceSource.WEBSITE: WebsiteObservationForm,
}


def _evidence_counts(evaluation: Evaluation) -> dict[str, int]:
    return {
        source: evidence_services.MODELS[source].objects.filter(evaluation=evaluation).count()
        for source in EVIDENCE_FORMS
    }


def _evidence_forms(evaluation: Evaluation) -> dict[str, Any]:
    counts = _evidence_counts(evaluation)
    return {
        source: form(evaluation=evaluation, prefix=source, initial={"count": counts[source]})
        for source, form in EVIDENCE_FORMS.items()
    }


@login_required
def evidence(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    return _render_evidence(request, evaluation, _evidence_forms(evaluation))


def _render_evidence(request: HttpRequest, evaluation: Evaluation, forms: dict, status: int = 200) -> HttpResponse:
    record_personal_data_read(evaluation, request=request, what=PersonalDataKind.INTERVIEW_NOTES)
    return render(
        request,
        "evaluations/evidence.html",
        {
            "evaluation": evaluation,
            "note_form": forms[EvidenceSource.INTERVIEW],
            "document_form": forms[EvidenceSource.DOCUMENT],
            "website_form": forms[EvidenceSource.WEBSITE],
            "notes": evaluation.interview_notes.select_related("group", "created_by").prefetch_related("questions"),
            "documents": evaluation.document_references.prefetch_related("questions"),
            "websites": evaluation.website_observations.prefetch_related("questions"),
            "internal": True,
        },
        status=status,
    )


@login_required
@require_POST
def add_evidence(request: HttpRequest, key: str, source: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.record_evidence")
    if source not in EVIDENCE_FORMS:
        raise Http404
    forms = _evidence_forms(evaluation)
    form = forms[source] = EVIDENCE_FORMS[source](request.POST, evaluation=evaluation, prefix=source)
    if not form.is_valid():
        messages.error(request, _("Underlaget sparades inte: rätta felen i formuläret."))
        return _render_evidence(request, evaluation, forms)
    add: Any = {
        EvidenceSource.INTERVIEW: evidence_services.add_interview_note,
        EvidenceSource.DOCUMENT: evidence_services.add_document_reference,
        EvidenceSource.WEBSITE: evidence_services.add_website_observation,
    }[EvidenceSource(source)]
    values = form.evidence_values()
    try:
        add(evaluation, **values, by=request.user, expected_count=form.cleaned_data["count"])
    except StaleWriteError as exc:
        messages.error(request, str(exc))
        data = request.POST.copy()
        data[f"{source}-count"] = str(_evidence_counts(evaluation)[source])
        forms[source] = EVIDENCE_FORMS[source](data, evaluation=evaluation, prefix=source)
        return _render_evidence(request, evaluation, forms, status=409)
    except SERVICE_ERRORS as exc:
        messages.error(request, str(exc))
        return _render_evidence(request, evaluation, forms)
    messages.success(request, _("Underlaget är sparat."))
    return redirect(work_url("evidence", evaluation))


@login_required
def edit_evidence(request: HttpRequest, key: str, source: str, pk: int) -> HttpResponse:
    """Change one piece of evidence. The form carries the revision it was opened on, so a save over
    someone else's newer change is refused (evidence_services.change_evidence)."""
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    if source not in EVIDENCE_FORMS:
        raise Http404
    try:
        item = evidence_services.evidence_item(evaluation, source=source, pk=pk)
    except evidence_services.EvidenceError:
        raise Http404 from None
    form_class = EVIDENCE_FORMS[source]
    status = 200
    if request.method == "POST":
        require_write(request, "evaluations.record_evidence", evaluation)
        form = form_class(request.POST, evaluation=evaluation, prefix=source)
        if form.is_valid():
            try:
                evidence_services.change_evidence(
                    evaluation,
                    source=source,
                    pk=pk,
                    expected_revision=form.cleaned_data["revision"],
                    by=request.user,
                    **form.evidence_values(),
                )
            except StaleWriteError as exc:
                messages.error(request, str(exc))
                form = form_class(
                    based_on(request.POST, exc, field=f"{source}-revision"), evaluation=evaluation, prefix=source
                )
                status = 409
            except SERVICE_ERRORS as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Underlaget är ändrat."))
                return redirect(work_url("evidence", evaluation))
        else:
            messages.error(request, _("Underlaget sparades inte: rätta felen i formuläret."))
    else:
        written = [name for name in form_class.base_fields if name not in ("questions", "count", "revision")]
        initial = {name: getattr(item, name) for name in written}
        initial["questions"] = list(item.questions.values_list("pk", flat=True))
        initial["revision"] = item.revision
        form = form_class(initial=initial, evaluation=evaluation, prefix=source)
    if source == EvidenceSource.INTERVIEW:
        record_personal_data_read(evaluation, request=request, what=PersonalDataKind.INTERVIEW_NOTES)
    return render(
        request,
        "evaluations/evidence_edit.html",
        {"evaluation": evaluation, "form": form, "item": item, "source": EvidenceSource(source), "internal": True},
        status=status,
    )


@login_required
@require_POST
def delete_evidence(request: HttpRequest, key: str, source: str, pk: int) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.record_evidence")
    attempt(
        request,
        lambda: evidence_services.delete_evidence(evaluation, source=source, pk=pk),
        _("Underlaget är borttaget."),
    )
    return redirect(work_url("evidence", evaluation))


@login_required
def coverage(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = permissions.get_evaluation_or_404(request.user, key, "evaluations.view_internal")
    rows = evidence_services.coverage(evaluation)
    areas: list[tuple[Any, list]] = []
    for row in rows:
        if not areas or areas[-1][0] != row.question.area:
            areas.append((row.question.area, []))
        areas[-1][1].append(row)
    return render(
        request,
        "evaluations/coverage.html",
        {
            "evaluation": evaluation,
            "areas": areas,
            "total": len(rows),
            "all_three": sum(1 for r in rows if r.sources == 3),
            "none": sum(1 for r in rows if r.sources == 0),
            "internal": True,
        },
    )
