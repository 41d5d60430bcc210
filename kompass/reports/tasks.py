"""Long report work that runs as a job in the background worker (kompass.jobs)."""

from __future__ import annotations

import os
import zipfile
from typing import Any

from django.utils.translation import gettext as _

from kompass.evaluations import queries
from kompass.jobs.models import Job
from kompass.jobs.services import job_task, progress, result_path
from kompass.reports.enums import ReportFormat
from kompass.reports.services import ReportError, render_report


@job_task("reports.published_zip")
def published_reports_zip(job: Job, fmt: str) -> dict[str, Any]:
    """Render the report of every published evaluation in `fmt` into one zip file for download.
    A report that cannot be rendered is listed and left out; the others are still written."""
    report_format = ReportFormat(fmt)
    evaluations = list(queries.published().select_related("municipality", "version").order_by("key"))
    progress(job, done=0, total=len(evaluations))
    target = result_path(job, ".zip")
    partial = target.with_name(f".{target.name}.partial")
    failed: list[str] = []
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for done, evaluation in enumerate(evaluations, start=1):
                try:
                    filename, _type, content = render_report(evaluation, fmt=report_format)
                except ReportError:
                    failed.append(evaluation.key)
                else:
                    archive.writestr(filename, content)
                progress(job, done=done)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    written = len(evaluations) - len(failed)
    message = _("%(written)s rapporter i formatet %(format)s.") % {"written": written, "format": report_format.label}
    if failed:
        message += " " + _("Kunde inte skapas: %(keys)s.") % {"keys": ", ".join(failed)}
    progress(job, done=len(evaluations), message=message)
    return {"written": written, "failed": failed, "format": report_format.value}
