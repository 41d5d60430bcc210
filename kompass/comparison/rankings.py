"""Rankings: municipalities on one criteria version by total or by one area, never mixing versions; unknown
scores last, never as zero."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from kompass.comparison import queries as comparison_queries
from kompass.comparison.averages import AreaAverage, cached_version_average, points_by_evaluation
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.models import Evaluation


@dataclass(frozen=True)
class RankingRow:
    rank: int | None  # None when the score is unknown
    evaluation: Evaluation
    value: Decimal | None


@dataclass(frozen=True)
class Ranking:
    version: CriteriaVersion
    area: int | None  # None = total
    rows: list[RankingRow]
    average: AreaAverage  # the version's average of the same figure, with N (minimum-N rule applies)

    @property
    def known(self) -> list[RankingRow]:
        return [r for r in self.rows if r.value is not None]


def ranking(version: CriteriaVersion, *, area: int | None = None, kommungrupp: str | None = None) -> Ranking:
    """Each municipality's latest published evaluation on `version` (demo left out), highest first by the
    total or by area `area`; unknown values last, in name order. Equal values share a rank. The average
    is the version's (`cached_version_average`), the same everywhere. Two or three queries."""
    latest: dict[str, Evaluation] = {}
    for evaluation in comparison_queries.public_results(version=version.code, kommungrupp=kommungrupp or None).order_by(
        "-year", "-sequence"
    ):
        latest.setdefault(evaluation.municipality_id, evaluation)
    points = points_by_evaluation([e.pk for e in latest.values()]) if area else {}

    def value(e: Evaluation) -> Decimal | None:
        return points.get(e.pk, {}).get(area) if area else e.total

    ordered = sorted(latest.values(), key=lambda e: (value(e) is None, -(value(e) or 0), e.municipality.short_name))
    rows: list[RankingRow] = []
    for position, evaluation in enumerate(ordered, start=1):
        current = value(evaluation)
        rank = None
        if current is not None:
            rank = rows[-1].rank if rows and rows[-1].value == current else position
        rows.append(RankingRow(rank, evaluation, current))
    average = cached_version_average(version)
    figure = average.area(area) if area else average.total
    assert figure is not None
    return Ranking(version=version, area=area, rows=rows, average=figure)
