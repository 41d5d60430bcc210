"""Running work in the background worker (docs/architecture.md, "Jobs").

Two entry points:

- `enqueue(task, *args)`: run a Celery task in the worker once the current transaction has committed
  (fire and forget: e-mail, daily work). Without a broker it runs at once in this process.
- `start_job(task, *args, title=…, by=…)`: the same for long work that a person follows in the browser at
  `/jobb/<id>/`: a `Job` row holds status, progress, message and result. The task is written as a plain
  function `(job, *args) -> dict` decorated with `@job_task("app.name")`; it reports progress with
  `progress(job, done=…, total=…)` and may leave one file for download with `result_path(job, suffix)`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.jobs.enums import JobStatus
from kompass.jobs.models import Job

logger = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any, **kwargs: Any) -> None:
    """Send `task(*args, **kwargs)` to the worker when the current transaction commits (at once outside
    one), so the worker sees every row written before. Side effect: a message on the broker, or — with no
    broker configured — the task runs in this process."""
    transaction.on_commit(functools.partial(task.apply_async, args=args, kwargs=kwargs))


def start_job(task: Any, *args: Any, title: str, by: Any = None, total: int = 0) -> Job:
    """Create a queued Job and send `task(job.pk, *args)` to the worker. `task` is made with `@job_task`.
    Side effects: a Job row, a message on the broker (or the work done in this process)."""
    job = Job.objects.create(
        kind=task.name, title=title, total=total, started_by=by if getattr(by, "pk", None) else None
    )
    enqueue(task, job.pk, *args)
    return job


def job_task(name: str) -> Callable[[Callable[..., dict[str, Any]]], Any]:
    """Make `func(job, *args) -> result` a Celery task named `name` that runs it as a Job: marked running,
    then done with the result, or failed with a Swedish message (the error itself goes to the log)."""

    def decorate(func: Callable[..., dict[str, Any]]) -> Any:
        @shared_task(name=name)
        @functools.wraps(func)
        def run(job_id: int, *args: Any) -> None:
            job = Job.objects.filter(pk=job_id).first()
            if job is None or job.is_finished:
                return
            _update(job, status=JobStatus.RUNNING, started_at=timezone.now())
            try:
                result = func(job, *args)
            except Exception:
                logger.exception("Jobb %s (%s) misslyckades", job.pk, job.kind)
                _update(
                    job,
                    status=JobStatus.FAILED,
                    finished_at=timezone.now(),
                    message=_("Jobbet misslyckades av ett tekniskt fel. Försök igen eller kontakta förvaltningen."),
                )
                return
            _update(job, status=JobStatus.DONE, finished_at=timezone.now(), result=result or {})

        return run

    return decorate


def progress(job: Job, *, done: int, total: int | None = None, message: str | None = None) -> None:
    """Record how far `job` has come. Side effect: saves the Job row (outside any running transaction's
    result, so the browser sees it while the work goes on)."""
    fields: dict[str, Any] = {"done": done}
    if total is not None:
        fields["total"] = total
    if message is not None:
        fields["message"] = message
    _update(job, **fields)


def _update(job: Job, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(job, name, value)
    Job.objects.filter(pk=job.pk).update(**fields)


def jobs_dir() -> Path:
    """Where jobs leave their files: a private folder in the data directory, never the media folder."""
    folder = Path(settings.DATA_DIR) / "jobs"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def result_path(job: Job, suffix: str) -> Path:
    """The file `job` may leave for download (e.g. `.zip`). Side effect: records its name on the job."""
    name = f"jobb-{job.pk}{suffix}"
    _update(job, result_file=name)
    return jobs_dir() / name


def result_file(job: Job) -> Path | None:
    """The job's file when it is done and the file is still there."""
    if job.status != JobStatus.DONE or not job.result_file:
        return None
    path = jobs_dir() / Path(job.result_file).name
    return path if path.is_file() else None
