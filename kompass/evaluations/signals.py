"""Derived scores follow every change of a question score, whichever way it is made (the scoring pages,
the API, commands, the Django admin): the sums are recomputed in `services.sums.refresh_scores`. Raw saves
(restores) bring their sums with them; deletions cascading from a deleted evaluation are skipped."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from kompass.evaluations.models import Evaluation, QuestionScore
from kompass.evaluations.services.sums import refresh_scores


@receiver(post_save, sender=QuestionScore, dispatch_uid="evaluations_questionscore_saved")
def question_score_saved(sender: Any, instance: QuestionScore, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        refresh_scores(instance.evaluation)


@receiver(post_delete, sender=QuestionScore, dispatch_uid="evaluations_questionscore_deleted")
def question_score_deleted(sender: Any, instance: QuestionScore, origin: Any = None, **kwargs: Any) -> None:
    if isinstance(origin, Evaluation) or getattr(origin, "model", None) is Evaluation:
        return  # the evaluation itself is being deleted
    refresh_scores(instance.evaluation)
