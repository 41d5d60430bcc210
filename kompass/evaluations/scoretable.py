"""The score table of an evaluation: questions → sub-areas → areas → total, as plain data.

Missing stays missing: a sub-area or area with no known points is None, never 0. Used by the CLI, the
web pages, the API and the report."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from kompass.criteria.models import Area
from kompass.evaluations.enums import ScoreSource
from kompass.evaluations.models import Evaluation

AREA_MAX = Decimal(100)


def sum_known(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum of the known values, or None when none is known."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


@dataclass
class QuestionRow:
    code: str
    text: str
    max_points: Decimal
    points: Decimal | None
    rationale: str = ""


@dataclass
class SubAreaRow:
    number: int
    name: str
    max_points: Decimal | None
    points: Decimal | None
    questions: list[QuestionRow] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return bool(self.questions) and all(q.points is not None for q in self.questions)


@dataclass
class AreaRow:
    number: int
    name: str
    points: Decimal | None
    source: str | None
    complete: bool
    subareas: list[SubAreaRow] = field(default_factory=list)
    max_points: Decimal = AREA_MAX

    @property
    def known(self) -> bool:
        return self.points is not None


@dataclass
class ScoreTable:
    evaluation_key: str
    municipality: str
    year: int
    version_code: str
    areas: list[AreaRow]
    printed_total: Decimal | None
    computed_total: Decimal | None
    total: Decimal | None

    @property
    def known_sum(self) -> Decimal | None:
        """Sum of the areas known so far (for "as you go" display while scoring)."""
        return sum_known(a.points for a in self.areas)

    @property
    def total_difference(self) -> Decimal | None:
        if self.printed_total is None or self.computed_total is None:
            return None
        return (self.printed_total - self.computed_total) or None

    @property
    def missing_areas(self) -> list[int]:
        return [a.number for a in self.areas if a.points is None]

    @property
    def max_total(self) -> Decimal:
        return AREA_MAX * len(self.areas)


def build_score_table(evaluation: Evaluation) -> ScoreTable:
    """Collect the evaluation's scores against its criteria version in a fixed number of queries."""
    areas = (
        Area.objects.filter(version_id=evaluation.version_id).prefetch_related("subareas__questions").order_by("number")
    )
    question_scores = {s.question_id: s for s in evaluation.question_scores.all()}
    area_scores = {s.area_id: s for s in evaluation.area_scores.all()}
    subarea_scores = {s.subarea_id: s for s in evaluation.subarea_scores.all()}
    rows = []
    for area in areas:
        subareas = [_subarea_row(sub, question_scores, subarea_scores) for sub in area.subareas.all()]
        stored = area_scores.get(area.pk)
        rows.append(
            AreaRow(
                number=area.number,
                name=area.name,
                points=stored.points if stored else None,
                source=stored.source if stored else None,
                complete=stored.is_complete if stored else False,
                subareas=subareas,
            )
        )
    return ScoreTable(
        evaluation_key=evaluation.key,
        municipality=str(evaluation.municipality),
        year=evaluation.year,
        version_code=evaluation.version.code,
        areas=rows,
        printed_total=evaluation.printed_total,
        computed_total=evaluation.computed_total,
        total=evaluation.total,
    )


def _subarea_row(subarea, question_scores, subarea_scores) -> SubAreaRow:
    questions = []
    for question in subarea.questions.all():
        score = question_scores.get(question.pk)
        questions.append(
            QuestionRow(
                code=question.code,
                text=question.text,
                max_points=question.max_points,
                points=score.points if score else None,
                rationale=score.rationale if score else "",
            )
        )
    published = subarea_scores.get(subarea.pk)
    points = sum_known(q.points for q in questions)
    max_points = sum((q.max_points for q in questions), Decimal(0)) or None
    if points is None and published is not None:
        points, max_points = published.points, published.max_points
    return SubAreaRow(subarea.number, subarea.name, max_points, points, questions)


__all__ = ["AreaRow", "QuestionRow", "ScoreSource", "ScoreTable", "SubAreaRow", "build_score_table", "sum_known"]
