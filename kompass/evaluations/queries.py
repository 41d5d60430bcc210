"""Reusable querysets for evaluations."""

from django.db.models import QuerySet

from kompass.evaluations.enums import Status
from kompass.evaluations.models import Evaluation


def published() -> QuerySet[Evaluation]:
    """Every published evaluation, demo included (the public list shows the demo, clearly marked)."""
    return Evaluation.objects.filter(status=Status.PUBLISHED)


def countable() -> QuerySet[Evaluation]:
    """Published evaluations that count in national statistics: the demo municipality's are left out.
    (Synthetic evaluations for benchmarks live only in a separate database, see `kompass synthetic`.)"""
    return published().filter(municipality__is_demo=False)
