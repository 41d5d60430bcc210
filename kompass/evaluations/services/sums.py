"""The one home of derived scores: an area's points are the sum of its question scores, the totals the sum
of the areas. `refresh_scores` writes them; `evaluations.signals` calls it whenever a question score is
saved or deleted (page, API, command, admin, import); `score_differences` finds stored sums that disagree
with the question scores (`kompass check_scores`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from kompass.criteria.models import Question
from kompass.evaluations.enums import ScoreSource
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.evaluations.scoretable import sum_known


@dataclass(frozen=True)
class DerivedArea:
    area_id: int
    number: int
    points: Decimal | None  # None: no question of the area is scored
    is_complete: bool


def derived_areas(evaluation: Evaluation) -> list[DerivedArea]:
    """Each area's sum of its scored questions, and whether every question is scored."""
    scored = {s.question_id: s.points for s in evaluation.question_scores.all()}
    per_area: dict[tuple[int, int], list[Decimal | None]] = {}
    questions = Question.objects.filter(area__version_id=evaluation.version_id)
    for pk, area_id, number in questions.values_list("pk", "area_id", "area__number"):
        per_area.setdefault((area_id, number), []).append(scored.get(pk))
    return [
        DerivedArea(area_id, number, sum_known(values), all(v is not None for v in values))
        for (area_id, number), values in per_area.items()
    ]


def derived_totals(evaluation: Evaluation, scores: list[AreaScore]) -> tuple[Decimal | None, Decimal | None]:
    """(computed_total, total): the sum of the areas when all are known and complete; the printed total
    when there is one, else the computed one."""
    complete = len(scores) == evaluation.version.areas.count() and all(s.is_complete for s in scores)
    computed = sum((s.points for s in scores), Decimal(0)) if complete and scores else None
    return computed, evaluation.printed_total if evaluation.printed_total is not None else computed


def refresh_scores(evaluation: Evaluation) -> None:
    """Recompute area scores from question scores, then the totals.

    Areas with at least one scored question get a computed AreaScore (is_complete when every question is
    scored); published area scores of areas without question scores are left as published."""
    for area in derived_areas(evaluation):
        if area.points is None:
            AreaScore.objects.filter(evaluation=evaluation, area_id=area.area_id, source=ScoreSource.COMPUTED).delete()
            continue
        AreaScore.objects.update_or_create(
            evaluation=evaluation,
            area_id=area.area_id,
            defaults={"points": area.points, "source": ScoreSource.COMPUTED, "is_complete": area.is_complete},
        )
    refresh_totals(evaluation)


def refresh_totals(evaluation: Evaluation) -> None:
    """Store computed_total and total from the area scores (see `derived_totals`)."""
    evaluation.computed_total, evaluation.total = derived_totals(evaluation, list(evaluation.area_scores.all()))
    Evaluation.objects.filter(pk=evaluation.pk).update(
        computed_total=evaluation.computed_total, total=evaluation.total, updated_at=timezone.now()
    )


def score_differences(evaluation: Evaluation) -> list[str]:
    """What is stored but differs from the sums of the question scores, in Swedish; empty when consistent.
    Only evaluations with question scores are checked (published-only records have nothing to sum)."""
    if not evaluation.question_scores.exists():
        return []
    stored = {s.area_id: s for s in evaluation.area_scores.all()}
    differences = []
    for area in derived_areas(evaluation):
        score = stored.get(area.area_id)
        if area.points is None:
            if score is not None and score.source == ScoreSource.COMPUTED:
                differences.append(
                    _("Område %(area)s: sparat %(stored)s poäng, men inga frågor har poäng.")
                    % {"area": area.number, "stored": score.points}
                )
            continue
        if score is None or score.points != area.points or score.is_complete != area.is_complete:
            differences.append(
                _("Område %(area)s: sparat %(stored)s, frågornas summa %(sum)s%(partial)s.")
                % {
                    "area": area.number,
                    "stored": _("inget") if score is None else score.points,
                    "sum": area.points,
                    "partial": "" if area.is_complete else _(" (inte alla frågor poängsatta)"),
                }
            )
    computed, total = derived_totals(evaluation, list(stored.values()))
    if (computed, total) != (evaluation.computed_total, evaluation.total):
        differences.append(
            _("Totalpoäng: sparat %(stored)s, områdenas summa %(sum)s.")
            % {"stored": _dash(evaluation.total), "sum": _dash(total)}
        )
    return differences


def _dash(value: Decimal | None) -> str:
    return "–" if value is None else str(value)
