"""How the evaluation was done, read defensively from the workflow's models (visit plan, evidence,
questionnaire). Only counts and group names leave this module — never names of interviewees (personal data).

The workflow models are another app's work and may be absent, unmigrated or empty: each reader then
returns None, which the report prints as "uppgift saknas"."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Count

from kompass.evaluations.models import Evaluation
from kompass.reports.content import InterviewGroupCount


def _model(name: str) -> Any:
    try:
        return apps.get_model("evaluations", name)
    except LookupError:
        return None


def _safely(read: Any) -> Any:
    """Run `read()` in a savepoint; a missing table or column gives None instead of a broken transaction."""
    try:
        with transaction.atomic():
            return read()
    except (DatabaseError, AttributeError, ValueError):
        return None


def interview_groups(evaluation: Evaluation) -> tuple[InterviewGroupCount, ...] | None:
    """Participants per interview group, in the visit plan's order; None when no visit plan is recorded."""
    group_model = _model("InterviewGroup")
    if group_model is None:
        return None

    def read() -> tuple[InterviewGroupCount, ...] | None:
        rows = (
            group_model.objects.filter(evaluation=evaluation)
            .annotate(people=Count("participants"))
            .order_by("position", "pk")
            .values_list("name", "people")
        )
        groups = tuple(InterviewGroupCount(name, people) for name, people in rows if people)
        return groups or None

    return _safely(read)


def document_count(evaluation: Evaluation) -> int | None:
    """Documents the team studied: distinct titles of its document references, or else the documents
    the municipality uploaded with the questionnaire; None when neither is recorded."""
    references = _model("DocumentReference")
    uploads = _model("QuestionnaireDocument")

    def read() -> int | None:
        if references is not None:
            titles = references.objects.filter(evaluation=evaluation).values("title").distinct().count()
            if titles:
                return titles
        if uploads is not None:
            return uploads.objects.filter(evaluation=evaluation).count() or None
        return None

    return _safely(read)
