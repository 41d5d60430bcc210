"""One evaluation's profile against its version's average, and a municipality's history of evaluations
across criteria versions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.averages import AreaAverage, AverageProfile, cached_version_average, points_by_evaluation
from kompass.criteria.models import AreaMapping
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import Municipality

# ---------------------------------------------------------------- one evaluation's profile


@dataclass(frozen=True)
class ProfileRow:
    number: int
    name: str
    points: Decimal | None
    average: AreaAverage | None


@dataclass(frozen=True)
class EvaluationProfile:
    """An evaluation's area scores beside its version's average (the radar chart and the embed)."""

    evaluation: Evaluation
    rows: list[ProfileRow]
    average: AverageProfile


def evaluation_profile(evaluation: Evaluation) -> EvaluationProfile:
    """The evaluation's known area scores and its version's average, in two or three queries."""
    points = dict(evaluation.area_scores.values_list("area__number", "points"))
    average = cached_version_average(evaluation.version)
    rows = [ProfileRow(a.number, a.name, points.get(a.number), a) for a in average.areas]
    return EvaluationProfile(evaluation=evaluation, rows=rows, average=average)


def latest_published(municipality: Municipality) -> Evaluation | None:
    return comparison_queries.public_results(municipality=municipality.code).order_by("-year", "-sequence").first()


# ---------------------------------------------------------------- a municipality's history


@dataclass(frozen=True)
class VersionChange:
    """Where the criteria version changes between two consecutive evaluations, with the mapping's note."""

    year: int
    from_version: str
    to_version: str
    note: str
    comparability: list[tuple[int, int, str]]  # (from area, to area, label)


@dataclass(frozen=True)
class History:
    municipality: Municipality
    evaluations: list[Evaluation]
    area_points: dict[int, dict[int, Decimal]]  # evaluation id → area number → points
    changes: list[VersionChange]


def municipality_history(municipality: Municipality) -> History:
    """Every published evaluation of `municipality`, oldest first, with its area scores and the version
    changes between them. Scores of different versions are never joined: the chart draws one line per
    version and marks each change."""
    evaluations = list(comparison_queries.public_results(municipality=municipality.code).order_by("year", "sequence"))
    area_points = points_by_evaluation([e.pk for e in evaluations])
    changes = [
        _version_change(before, after)
        for before, after in zip(evaluations, evaluations[1:], strict=False)
        if before.version_id != after.version_id
    ]
    return History(municipality=municipality, evaluations=evaluations, area_points=area_points, changes=changes)


def _version_change(before: Evaluation, after: Evaluation) -> VersionChange:
    mappings = list(
        AreaMapping.objects.filter(
            from_area__version_id=before.version_id, to_area__version_id=after.version_id
        ).select_related("from_area", "to_area")
    )
    note = mappings[0].note.strip() if mappings else str(_("Ingen mappning mellan versionerna finns inläst."))
    return VersionChange(
        year=after.year,
        from_version=before.version.code,
        to_version=after.version.code,
        note=note,
        comparability=[(m.from_area.number, m.to_area.number, m.get_comparability_display()) for m in mappings],
    )
