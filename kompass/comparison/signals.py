"""Keep the comparison cache honest: cached averages and rankings are keyed by a stamp of the published
results, so any saved or deleted evaluation or area score makes the stamp be computed again."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kompass.comparison.queries import forget_data_stamp
from kompass.evaluations.models import AreaScore, Evaluation


@receiver(post_save, sender=Evaluation, dispatch_uid="comparison_evaluation_saved")
@receiver(post_save, sender=AreaScore, dispatch_uid="comparison_areascore_saved")
@receiver(post_delete, sender=Evaluation, dispatch_uid="comparison_evaluation_deleted")
@receiver(post_delete, sender=AreaScore, dispatch_uid="comparison_areascore_deleted")
def published_results_changed(sender: Any, **kwargs: Any) -> None:
    forget_data_stamp()
