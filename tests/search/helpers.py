"""Test data for the search: published evaluations with narrative, made through the real models (the
index follows through the signals, as it does for every other app's saves)."""

from __future__ import annotations

from decimal import Decimal

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.criteria.models import Area
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.evaluations.services import set_published_scores
from tests.factories import make_evaluation


def area_of(evaluation: Evaluation, number: int) -> Area:
    return evaluation.version.areas.get(number=number)


def write(
    evaluation: Evaluation,
    area: int,
    *,
    general: str = "",
    subarea: tuple[str, str] | None = None,
    strengths: tuple[str, ...] = (),
    improvements: tuple[str, ...] = (),
) -> None:
    target = area_of(evaluation, area)
    if general:
        AreaText.objects.create(evaluation=evaluation, area=target, general_text=general)
    if subarea:
        SubAreaText.objects.create(evaluation=evaluation, area=target, heading=subarea[0], text=subarea[1])
    for position, text in enumerate(strengths, start=1):
        Finding.objects.create(
            evaluation=evaluation, area=target, kind=FindingKind.STRENGTH, position=position, text=text
        )
    for position, text in enumerate(improvements, start=1):
        Finding.objects.create(
            evaluation=evaluation, area=target, kind=FindingKind.IMPROVEMENT, position=position, text=text
        )


def published(code: str, *, version: str = "kk2010", year: int = 2012, **fields) -> Evaluation:
    return make_evaluation(code, version=version, year=year, status=Status.PUBLISHED, **fields)


def score_areas(evaluation: Evaluation, points: dict[int, int]) -> None:
    set_published_scores(evaluation, area_points={n: Decimal(p) for n, p in points.items()}, printed_total=None)
    assert AreaScore.objects.filter(evaluation=evaluation).count() == len(points)
