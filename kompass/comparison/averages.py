"""Averages computed over the published results: per criteria version, per period and per county,
cached by a stamp of the results, always with N. SKR's published reference averages are kept apart."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.models import ReferenceAverage
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import queries
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.municipalities.models import County

CACHE_SECONDS = 60 * 60


# ---------------------------------------------------------------- averages


@dataclass(frozen=True)
class AreaAverage:
    number: int
    name: str
    mean: Decimal | None
    n: int


@dataclass(frozen=True)
class AverageProfile:
    """Averages over published evaluations on one version. Each figure says how many evaluations it
    covers; missing values are left out, never counted as zero."""

    version_code: str
    areas: list[AreaAverage]
    total_mean: Decimal | None
    total_n: int
    evaluations_n: int

    def area(self, number: int) -> AreaAverage | None:
        return next((a for a in self.areas if a.number == number), None)


def _round(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def version_average(
    version: CriteriaVersion,
    *,
    evaluations: QuerySet[Evaluation] | None = None,
    exclude: Evaluation | None = None,
) -> AverageProfile:
    """Average per area and of the total over the published (non-demo) evaluations on `version`,
    optionally narrowed by `evaluations` (a queryset, e.g. filtered by county or period)."""
    scope = (evaluations if evaluations is not None else queries.countable()).filter(version=version)
    if exclude is not None:
        scope = scope.exclude(pk=exclude.pk)
    rows: dict[int, Any] = {
        r["area__number"]: r
        for r in AreaScore.objects.filter(evaluation__in=scope, is_complete=True)
        .values("area__number")
        .annotate(mean=Avg("points"), n=Count("id"))
    }
    areas = [
        AreaAverage(a.number, a.name, _round(rows.get(a.number, {}).get("mean")), rows.get(a.number, {}).get("n", 0))
        for a in version.areas.order_by("number")
    ]
    total = scope.filter(total__isnull=False).aggregate(mean=Avg("total"), n=Count("id"))
    return AverageProfile(
        version_code=version.code,
        areas=areas,
        total_mean=_round(total["mean"]),
        total_n=total["n"],
        evaluations_n=scope.count(),
    )


# ---------------------------------------------------------------- averages by period and county, cached


class Grouping(TextChoices):
    YEAR = "year", _("år")
    COUNTY = "county", _("län")


@dataclass(frozen=True)
class GroupAverage:
    """The averages of one group (a year or a county) within one criteria version."""

    key: str
    label: str
    profile: AverageProfile


def grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    """Averages per year or per county over the countable evaluations on `version`, in three aggregate
    queries whatever the number of evaluations. Same rules as `version_average`: missing values left out,
    N per figure, one version only."""
    field = {Grouping.YEAR: "year", Grouping.COUNTY: "municipality__county_id"}[Grouping(by)]
    scope = comparison_queries.statistics_scope().filter(version=version)
    areas = list(version.areas.order_by("number"))
    area_rows: dict[Any, dict[int, dict[str, Any]]] = {}
    for row in (
        AreaScore.objects.filter(evaluation__in=scope, is_complete=True)
        .values(f"evaluation__{field}", "area__number")
        .annotate(mean=Avg("points"), n=Count("id"))
        .order_by()
    ):
        area_rows.setdefault(row[f"evaluation__{field}"], {})[row["area__number"]] = row
    totals = {
        r[field]: r
        for r in scope.filter(total__isnull=False).values(field).annotate(mean=Avg("total"), n=Count("id")).order_by()
    }
    counts = {r[field]: r["n"] for r in scope.values(field).annotate(n=Count("id")).order_by()}
    labels = _group_labels(by, counts)
    groups = []
    for key in sorted(counts, key=lambda k: (k is None, str(k))):
        rows = area_rows.get(key, {})
        profile = AverageProfile(
            version_code=version.code,
            areas=[_area_average(a, rows.get(a.number, {})) for a in areas],
            total_mean=_round(totals.get(key, {}).get("mean")),
            total_n=totals.get(key, {}).get("n", 0),
            evaluations_n=counts[key],
        )
        groups.append(GroupAverage(key="" if key is None else str(key), label=labels[key], profile=profile))
    return groups


def _area_average(area: Any, row: dict[str, Any]) -> AreaAverage:
    return AreaAverage(area.number, area.name, _round(row.get("mean")), row.get("n", 0))


def points_by_evaluation(evaluation_ids: Any) -> dict[int, dict[int, Decimal]]:
    """evaluation id → area number → points, in one query (`evaluation_ids` may be a queryset)."""
    points: dict[int, dict[int, Decimal]] = {}
    rows = AreaScore.objects.filter(evaluation__in=evaluation_ids)
    for evaluation_id, number, value in rows.values_list("evaluation_id", "area__number", "points"):
        points.setdefault(evaluation_id, {})[number] = value
    return points


def _group_labels(by: str, keys: dict[Any, int]) -> dict[Any, str]:
    if by == Grouping.YEAR:
        return {k: str(k) for k in keys}
    names = dict(County.objects.filter(code__in=[k for k in keys if k]).values_list("code", "name"))
    return {k: names.get(k, str(_("utan län"))) for k in keys}


def _cached(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` through Django's cache, keyed by the data stamp: correct with several app servers and
    a shared cache, and never older than the published results."""
    key = "comparison:" + hashlib.sha256(repr((name, comparison_queries.data_stamp())).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


def cached_version_average(version: CriteriaVersion) -> AverageProfile:
    """`version_average(version)` through the cache (pages, API and embeds call this)."""
    return _cached(f"version:{version.pk}", lambda: version_average(version))


def cached_grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    return _cached(f"grouped:{version.pk}:{by}", lambda: grouped_averages(version, by=by))


def reference_averages(version: CriteriaVersion) -> list[ReferenceAverage]:
    """SKR's published reference figures for `version`, shown beside ours and never mixed in."""
    return list(ReferenceAverage.objects.filter(version=version).order_by("period", "scope", "statistic"))
