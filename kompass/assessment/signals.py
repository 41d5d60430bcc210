"""Record every change to scores and texts as a ChangeRecord, whoever makes it ("Every
change to scores and texts is kept with who and when").

pre_save reads the stored row (one query), post_save compares and writes a record when something
changed, post_delete records the removal. Deletions cascading from a deleted evaluation are not recorded:
the history goes with the evaluation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kompass.assessment.enums import ChangeAction, ChangeKind
from kompass.assessment.history import current_actor
from kompass.assessment.models import (
    AreaText,
    ChangeRecord,
    EvaluatorScore,
    Finding,
    ReferenceMunicipality,
    SubAreaText,
)
from kompass.evaluations.models import QuestionScore


@dataclass(frozen=True)
class Tracked:
    kind: ChangeKind
    fields: tuple[str, ...]
    area_id: Callable[[Any], int | None]
    question_id: Callable[[Any], int | None] = lambda obj: None
    evaluator_id: Callable[[Any], int | None] = lambda obj: None


def _question_area(obj: Any) -> int | None:
    return obj.question.area_id


TRACKED: dict[type[models.Model], Tracked] = {
    QuestionScore: Tracked(
        ChangeKind.CONSENSUS_SCORE, ("points", "rationale"), _question_area, lambda o: o.question_id
    ),
    EvaluatorScore: Tracked(
        ChangeKind.INDIVIDUAL_SCORE,
        ("points", "rationale", "evidence"),
        _question_area,
        lambda o: o.question_id,
        lambda o: o.evaluator_id,
    ),
    AreaText: Tracked(ChangeKind.AREA_TEXT, ("general_text",), lambda o: o.area_id),
    SubAreaText: Tracked(ChangeKind.SUBAREA_TEXT, ("heading", "text"), lambda o: o.area_id),
    Finding: Tracked(ChangeKind.FINDING, ("kind", "text", "position"), lambda o: o.area_id),
    ReferenceMunicipality: Tracked(ChangeKind.REFERENCE, ("name", "theme", "position"), lambda o: o.area_id),
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        text = f"{Decimal(str(value)):.1f}"  # points: "2" whether stored as 2, 2.0 or "2.0"
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def _snapshot(values: dict[str, Any]) -> dict[str, str]:
    return {name: _text(value) for name, value in values.items()}


def _actor(instance: Any) -> Any:
    actor = current_actor()
    if actor is None and getattr(instance, "updated_by_id", None):
        return instance.updated_by
    return actor


def _record(instance: Any, tracked: Tracked, *, action: str, before: Any, after: Any) -> None:
    ChangeRecord.objects.create(
        evaluation_id=instance.evaluation_id,
        kind=tracked.kind,
        action=action,
        object_id=instance.pk,
        area_id=tracked.area_id(instance),
        question_id=tracked.question_id(instance),
        evaluator_id=tracked.evaluator_id(instance),
        changed_by=_actor(instance),
        before=before,
        after=after,
    )


def _before_save(sender: type[models.Model], instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    tracked = TRACKED[sender]
    stored = sender._default_manager.filter(pk=instance.pk).values(*tracked.fields).first() if instance.pk else None
    instance._kompass_before = _snapshot(stored) if stored is not None else None


def _after_save(sender: type[models.Model], instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    tracked = TRACKED[sender]
    before = getattr(instance, "_kompass_before", None)
    after = _snapshot({name: getattr(instance, name) for name in tracked.fields})
    if before == after:
        return
    action = ChangeAction.CREATED if before is None else ChangeAction.UPDATED
    _record(instance, tracked, action=action, before=before, after=after)
    instance._kompass_before = after


def _after_delete(sender: type[models.Model], instance: Any, origin: Any = None, **kwargs: Any) -> None:
    if origin is not None and not isinstance(origin, sender) and getattr(origin, "model", None) is not sender:
        return  # cascaded from a deleted evaluation: the history goes with it
    tracked = TRACKED[sender]
    before = _snapshot({name: getattr(instance, name) for name in tracked.fields})
    _record(instance, tracked, action=ChangeAction.DELETED, before=before, after=None)


# Connected when the app is ready (AssessmentConfig.ready imports this module), like every receiver in kompass.
for _model in TRACKED:
    _uid = f"kompass-history-{_model._meta.label}"
    receiver(pre_save, sender=_model, dispatch_uid=_uid + "-pre")(_before_save)
    receiver(post_save, sender=_model, dispatch_uid=_uid + "-post")(_after_save)
    receiver(post_delete, sender=_model, dispatch_uid=_uid + "-delete")(_after_delete)
