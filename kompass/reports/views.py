"""The report's web page, its downloads and the team's Kortfakta form. Access: `get_evaluation_or_404` with
`reports.view_report`, `reports.download` or `reports.edit_key_facts` (kompass/reports/permissions.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kompass.core.concurrency import StaleWriteError
from kompass.evaluations.permissions import get_evaluation_or_404, has_perm
from kompass.reports.enums import ReportFormat
from kompass.reports.forms import KeyFactsForm
from kompass.reports.models import KeyFacts
from kompass.reports.renderers import html as html_renderer
from kompass.reports.services import ReportError, build_report, render_report, save_key_facts


def report_page(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "reports.view_report")
    report = build_report(evaluation)
    context = {
        **html_renderer.context(report),
        "evaluation": evaluation,
        "can_edit": has_perm(request.user, "reports.edit_key_facts", evaluation),
    }
    return render(request, "reports/report.html", context)


def download(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "reports.download")
    if fmt not in ReportFormat.values:
        raise Http404(_("Okänt format."))
    try:
        filename, content_type, content = render_report(evaluation, fmt=fmt)
    except ReportError as exc:
        return render(request, "reports/error.html", {"evaluation": evaluation, "message": str(exc)}, status=500)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def key_facts(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "reports.edit_key_facts")
    instance = KeyFacts.objects.filter(evaluation=evaluation).first() or KeyFacts(evaluation=evaluation, revision=0)
    form = KeyFactsForm(request.POST or None, instance=instance, initial={"revision": instance.revision})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            save_key_facts(
                evaluation,
                by=request.user,
                expected_revision=form.cleaned_data["revision"],
                **{f: form.cleaned_data[f] for f in form.Meta.fields},
            )
        except StaleWriteError as exc:
            messages.error(request, str(exc))
            data = request.POST.copy()
            data["revision"] = str(exc.current.revision if exc.current else 0)
            form, status = KeyFactsForm(data, instance=exc.current or KeyFacts(evaluation=evaluation)), 409
        else:
            messages.success(request, _("Kortfakta sparade."))
            return redirect("reports:report", key=evaluation.key)
    return render(request, "reports/key_facts.html", {"evaluation": evaluation, "form": form}, status=status)
