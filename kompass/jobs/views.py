"""Following a job in the browser, and starting the report job (administrators)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kompass.accounts.permissions import has_perm
from kompass.evaluations import queries
from kompass.jobs.forms import PublishedReportsForm
from kompass.jobs.models import Job
from kompass.jobs.services import result_file, start_job
from kompass.reports.enums import ReportFormat


def _job_for(request: HttpRequest, job_id: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("started_by"), pk=job_id)
    if not has_perm(request.user, "jobs.follow_job", job):
        raise Http404
    return job


@login_required
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    return render(request, "jobs/job.html", {"job": _job_for(request, job_id)})


@login_required
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    """The status block alone, polled by htmx every two seconds until the job is finished."""
    return render(request, "jobs/_status.html", {"job": _job_for(request, job_id)})


@login_required
def job_file(request: HttpRequest, job_id: int) -> FileResponse:
    job = _job_for(request, job_id)
    path = result_file(job)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


@login_required
def published_reports(request: HttpRequest) -> HttpResponse:
    """Administrators: every published report in one zip file, rendered by the worker."""
    if not has_perm(request.user, "jobs.render_all_reports"):
        raise Http404
    form = PublishedReportsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from kompass.reports.tasks import published_reports_zip

        fmt = form.cleaned_data["fmt"]
        title = _("Alla publicerade rapporter (%(format)s)") % {"format": ReportFormat(fmt).label}
        job = start_job(published_reports_zip, fmt, title=title, by=request.user)
        return redirect("jobs:job", job.pk)
    recent = Job.objects.filter(kind="reports.published_zip").select_related("started_by")[:10]
    return render(
        request,
        "jobs/published_reports.html",
        {"form": form, "count": queries.published().count(), "recent": recent},
    )
