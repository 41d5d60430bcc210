"""Averages computed over the published results: per criteria version, per period, county and kommungrupp,
cached by a stamp of the results, always with N. A figure over fewer than KOMPASS_MIN_AVERAGE_N evaluations is
not shown as an average; SKR's published reference average for the version stands in, labelled as SKR's.

`cached_version_average` is THE average of a version: the portal, the report, the API and the embed all read
it, so they cannot disagree."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, QuerySet, TextChoices
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.models import ReferenceAverage
from kompass.core import formatting
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import queries
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.municipalities.enums import Kommungrupp
from kompass.municipalities.models import County

CACHE_SECONDS = 60 * 60


def min_average_n() -> int:
    """Below this many evaluations a figure is not shown as an average (setting KOMPASS_MIN_AVERAGE_N)."""
    return int(getattr(settings, "KOMPASS_MIN_AVERAGE_N", 5))


def _figure(value: Decimal | None) -> str:
    return formatting.points(value)


def too_few_label(n: int) -> str:
    return gettext("för få utvärderingar (N = %(n)s)") % {"n": n}


# ---------------------------------------------------------------- averages


@dataclass(frozen=True)
class AreaAverage:
    number: int
    name: str
    mean: Decimal | None
    n: int
    min_n: int = 1

    @property
    def reliable(self) -> bool:
        """True when the mean rests on at least `min_n` evaluations and may be shown as an average."""
        return self.mean is not None and self.n >= self.min_n

    @property
    def shown(self) -> Decimal | None:
        """The mean when it is reliable, else None (never drawn or quoted)."""
        return self.mean if self.reliable else None

    @property
    def label(self) -> str:
        """ "58,7 (N = 7)", "för få utvärderingar (N = 2)" or "uppgift saknas"."""
        if self.mean is None:
            return _figure(None)
        if not self.reliable:
            return too_few_label(self.n)
        return gettext("%(mean)s (N = %(n)s)") % {"mean": _figure(self.mean), "n": self.n}


@dataclass(frozen=True)
class Reference:
    """SKR's published mean for a version: drawn instead of ours where ours rests on too few evaluations,
    always labelled as SKR's, with its period and source."""

    scope: str
    period: str
    area_values: dict[int, Decimal]
    total: Decimal | None
    source_url: str

    @property
    def label(self) -> str:
        return gettext("SKR:s publicerade medelvärde (%(scope)s, %(period)s)") % {
            "scope": self.scope,
            "period": self.period,
        }

    def value(self, number: int) -> Decimal | None:
        return self.area_values.get(number)


@dataclass(frozen=True)
class AverageProfile:
    """Averages over published evaluations on one version. Each figure says how many evaluations it
    covers; missing values are left out, never counted as zero."""

    version_code: str
    areas: list[AreaAverage]
    total_mean: Decimal | None
    total_n: int
    evaluations_n: int
    min_n: int = 1
    reference: Reference | None = None
    computed_at: datetime | None = field(default=None, compare=False)

    def area(self, number: int) -> AreaAverage | None:
        return next((a for a in self.areas if a.number == number), None)

    @property
    def total(self) -> AreaAverage:
        """The total's average in the same shape as an area's (number 0)."""
        return AreaAverage(0, gettext("Totalpoäng"), self.total_mean, self.total_n, self.min_n)

    @property
    def n_label(self) -> str:
        """N per area as one text: "N = 7" when all areas agree, else "N = 1–2 per område"."""
        counts = sorted({a.n for a in self.areas}) or [0]
        if len(counts) == 1:
            return gettext("N = %(n)s") % {"n": counts[0]}
        return gettext("N = %(low)s–%(high)s per område") % {"low": counts[0], "high": counts[-1]}

    @property
    def has_unreliable(self) -> bool:
        return any(not a.reliable for a in self.areas)

    @property
    def reference_instead(self) -> Reference | None:
        """SKR's reference when some area of ours is below the minimum N and SKR published values."""
        if self.reference is not None and self.has_unreliable and self.reference.area_values:
            return self.reference
        return None

    def statement(self) -> str:
        """Which average this is and when it was computed, for the report."""
        computed = timezone.localtime(self.computed_at).strftime("%Y-%m-%d %H:%M") if self.computed_at else ""
        text = gettext(
            "Genomsnittet är kompass genomsnitt för %(version)s över %(n)s publicerade utvärderingar "
            "(demokommunen räknas inte; %(per_area)s), beräknat %(computed)s. Siffror som bygger på färre än "
            "%(min)s utvärderingar redovisas inte som genomsnitt."
        ) % {
            "version": self.version_code,
            "n": self.evaluations_n,
            "per_area": self.n_label,
            "computed": computed,
            "min": self.min_n,
        }
        reference = self.reference_instead
        if reference is not None:
            text += " " + gettext("Där visas i stället %(label)s, källa: %(source)s.") % {
                "label": reference.label,
                "source": reference.source_url or gettext("uppgift saknas"),
            }
        return text


def _round(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def version_average(
    version: CriteriaVersion,
    *,
    evaluations: QuerySet[Evaluation] | None = None,
    exclude: Evaluation | None = None,
) -> AverageProfile:
    """Average per area and of the total over the published (non-demo) evaluations on `version`,
    optionally narrowed by `evaluations` (a queryset, e.g. filtered by county or period). Pages, report,
    API and embed read it through `cached_version_average`."""
    scope = (evaluations if evaluations is not None else queries.countable()).filter(version=version)
    if exclude is not None:
        scope = scope.exclude(pk=exclude.pk)
    rows: dict[int, Any] = {
        r["area__number"]: r
        for r in AreaScore.objects.filter(evaluation__in=scope, is_complete=True)
        .values("area__number")
        .annotate(mean=Avg("points"), n=Count("id"))
    }
    min_n = min_average_n()
    areas = [_area_average(a, rows.get(a.number, {}), min_n) for a in version.areas.order_by("number")]
    total = scope.filter(total__isnull=False).aggregate(mean=Avg("total"), n=Count("id"))
    return AverageProfile(
        version_code=version.code,
        areas=areas,
        total_mean=_round(total["mean"]),
        total_n=total["n"],
        evaluations_n=scope.count(),
        min_n=min_n,
        reference=national_reference(version),
        computed_at=timezone.now(),
    )


def national_reference(version: CriteriaVersion) -> Reference | None:
    """SKR's newest published national mean for `version`, if one is stored."""
    row = (
        ReferenceAverage.objects.filter(version=version, statistic=ReferenceAverage.Statistic.MEAN)
        .order_by("-period")
        .first()
    )
    if row is None:
        return None
    values = {int(k): Decimal(str(v)) for k, v in row.area_values.items()}
    return Reference(row.scope, row.period, values, row.total, row.source_url)


# ---------------------------------------------------------------- averages by period and county, cached


class Grouping(TextChoices):
    YEAR = "year", _("år")
    COUNTY = "county", _("län")
    KOMMUNGRUPP = "kommungrupp", _("kommungrupp")


@dataclass(frozen=True)
class GroupAverage:
    """The averages of one group (a year, a county or a kommungrupp) within one criteria version."""

    key: str
    label: str
    profile: AverageProfile


def grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    """Averages per year, county or kommungrupp over the countable evaluations on `version`, in three
    aggregate queries whatever the number of evaluations. Same rules as `version_average`: missing values
    left out, N per figure, the minimum N, one version only. (SKR's reference is national: it never stands
    in for a group.)"""
    field = {
        Grouping.YEAR: "year",
        Grouping.COUNTY: "municipality__county_id",
        Grouping.KOMMUNGRUPP: "municipality__kommungrupp",
    }[Grouping(by)]
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
    min_n = min_average_n()
    now = timezone.now()
    groups = []
    for key in sorted(counts, key=lambda k: (k in (None, ""), str(k))):
        rows = area_rows.get(key, {})
        profile = AverageProfile(
            version_code=version.code,
            areas=[_area_average(a, rows.get(a.number, {}), min_n) for a in areas],
            total_mean=_round(totals.get(key, {}).get("mean")),
            total_n=totals.get(key, {}).get("n", 0),
            evaluations_n=counts[key],
            min_n=min_n,
            computed_at=now,
        )
        groups.append(GroupAverage(key="" if key is None else str(key), label=labels[key], profile=profile))
    return groups


def _area_average(area: Any, row: dict[str, Any], min_n: int) -> AreaAverage:
    return AreaAverage(area.number, area.name, _round(row.get("mean")), row.get("n", 0), min_n)


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
    if by == Grouping.KOMMUNGRUPP:
        return {k: str(Kommungrupp(k).label) if k else str(_("utan kommungrupp")) for k in keys}
    names = dict(County.objects.filter(code__in=[k for k in keys if k]).values_list("code", "name"))
    return {k: names.get(k, str(_("utan län"))) for k in keys}


def _cached(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` through Django's cache, keyed by the data stamp: correct with several app servers and
    a shared cache, and never older than the published results."""
    stamp = (name, comparison_queries.data_stamp(), min_average_n(), _reference_stamp())
    key = "comparison:" + hashlib.sha256(repr(stamp).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


def _reference_stamp() -> tuple[Any, ...]:
    return tuple(ReferenceAverage.objects.order_by().values_list("pk", "period", "total").order_by("pk"))


def cached_version_average(version: CriteriaVersion) -> AverageProfile:
    """THE average of `version` (`version_average` through the cache): the portal, the report, the API
    and the embed all call this one, so they show the same figures."""
    return _cached(f"version:{version.pk}", lambda: version_average(version))


def cached_grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    return _cached(f"grouped:{version.pk}:{by}", lambda: grouped_averages(version, by=by))


def reference_averages(version: CriteriaVersion) -> list[ReferenceAverage]:
    """SKR's published reference figures for `version`, shown beside ours and never mixed in."""
    return list(ReferenceAverage.objects.filter(version=version).order_by("period", "scope", "statistic"))
