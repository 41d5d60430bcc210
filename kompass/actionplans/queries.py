"""Reusable queries for action plans and the evaluations around them."""

from __future__ import annotations

from django.db.models import QuerySet

from kompass.assessment.models import Finding
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation


def improvement_points(evaluation: Evaluation) -> QuerySet[Finding]:
    """The evaluation's improvement points (Förbättringsmöjligheter), by area and position."""
    return (
        Finding.objects.filter(evaluation=evaluation, kind=FindingKind.IMPROVEMENT)
        .select_related("area")
        .order_by("area__number", "position", "pk")
    )


def next_evaluation(evaluation: Evaluation) -> Evaluation | None:
    """The municipality's next evaluation after `evaluation` (any status), if there is one."""
    same = Evaluation.objects.filter(municipality_id=evaluation.municipality_id).exclude(pk=evaluation.pk)
    later = same.filter(year__gt=evaluation.year) | same.filter(year=evaluation.year, sequence__gt=evaluation.sequence)
    return later.order_by("year", "sequence").first()


def previous_published_evaluation(evaluation: Evaluation) -> Evaluation | None:
    """The municipality's latest published evaluation before `evaluation`, if there is one."""
    same = Evaluation.objects.filter(municipality_id=evaluation.municipality_id, status=Status.PUBLISHED).exclude(
        pk=evaluation.pk
    )
    earlier = same.filter(year__lt=evaluation.year) | same.filter(
        year=evaluation.year, sequence__lt=evaluation.sequence
    )
    return earlier.select_related("version", "municipality").order_by("-year", "-sequence").first()
