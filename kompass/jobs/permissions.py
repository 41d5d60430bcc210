"""Who follows a job and who starts the report job (django-rules, docs/permissions.md): the person who
started a job and administrators follow it; everyone else gets 404."""

from __future__ import annotations

from typing import Any

import rules

from kompass.accounts.permissions import is_administrator


@rules.predicate
def started_the_job(user: Any, job: Any) -> bool:
    from kompass.jobs.models import Job

    return bool(isinstance(job, Job) and user.is_authenticated and job.started_by_id == user.pk)


rules.add_perm("jobs.follow_job", is_administrator | started_the_job)
rules.add_perm("jobs.render_all_reports", is_administrator)
