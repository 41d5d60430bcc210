"""What the work pages share: the errors the services refuse with, addresses, write checks, and how a
refused save keeps the person's input."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from kompass.evaluations import permissions
from kompass.evaluations.models import Evaluation
from kompass.evaluations.services import StaleWriteError, privacy
from kompass.evaluations.services import evidence as evidence_services
from kompass.evaluations.services import questionnaire as q_services
from kompass.evaluations.services import visit as visit_services
from kompass.evaluations.services.lifecycle import (
    LifecycleError,
)
from kompass.evaluations.services.uploads import UploadError

SERVICE_ERRORS = (
    LifecycleError,
    q_services.QuestionnaireError,
    UploadError,
    visit_services.VisitPlanError,
    evidence_services.EvidenceError,
    privacy.PrivacyError,
)


def work_url(name: str, evaluation: Evaluation, *args: Any) -> str:
    return reverse(f"evaluations:{name}", args=[evaluation.key, *args])


def require_write(request: HttpRequest, perm: str, evaluation: Evaluation) -> None:
    permissions.require_perm(request.user, perm, evaluation, _("Du får inte ändra det här."))


def based_on(data: Any, exc: StaleWriteError, *, field: str) -> Any:
    """The posted data, with the revision of what someone else saved: the person's own text stays on
    screen, and saving again deliberately replaces the other version."""
    data = data.copy()
    if field:
        data[field] = str(exc.current.revision)
    return data


def attempt(request: HttpRequest, action: Any, success: str) -> bool:
    try:
        action()
    except SERVICE_ERRORS as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True
