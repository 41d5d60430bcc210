"""Comparing municipalities with each other and finding similar ones."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.averages import AverageProfile, cached_version_average, points_by_evaluation
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import KeyFigure, Municipality

# ---------------------------------------------------------------- comparing municipalities

MAX_COMPARED = 8
POPULATION = "folkmängd"
SIZE_CLASSES: list[tuple[int, int | None, str]] = [
    (0, 15_000, "under 15 000 invånare"),
    (15_000, 50_000, "15 000–49 999 invånare"),
    (50_000, 100_000, "50 000–99 999 invånare"),
    (100_000, None, "100 000 invånare eller fler"),
]


class ComparisonError(ValueError):
    """A comparison that cannot be made; the message is Swedish."""


@dataclass(frozen=True)
class ComparedMunicipality:
    municipality: Municipality
    evaluation: Evaluation | None
    points: dict[int, Decimal]


@dataclass(frozen=True)
class Comparison:
    version: CriteriaVersion
    columns: list[ComparedMunicipality]
    average: AverageProfile


def compare_municipalities(codes: list[str], *, version: CriteriaVersion) -> Comparison:
    """Each municipality's latest published evaluation on `version`, side by side with the version's
    average. Raises ComparisonError for more than MAX_COMPARED municipalities or an unknown code."""
    unique = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if len(unique) > MAX_COMPARED:
        raise ComparisonError(
            str(
                _("Jämför högst %(max)s kommuner åt gången (du valde %(count)s).")
                % {"max": MAX_COMPARED, "count": len(unique)}
            )
        )
    malformed = [c for c in unique if not re.fullmatch(r"[0-9A-Za-z]{4}", c)]
    if malformed:
        raise ComparisonError(str(_("Okänd kommunkod: %(codes)s.") % {"codes": ", ".join(repr(c) for c in malformed)}))
    municipalities = Municipality.objects.in_bulk(unique)
    unknown = [c for c in unique if c not in municipalities]
    if unknown:
        raise ComparisonError(str(_("Okänd kommunkod: %(codes)s.") % {"codes": ", ".join(unknown)}))
    latest: dict[str, Evaluation] = {}
    for evaluation in (
        comparison_queries.public_results(version=version.code, include_demo=True)
        .filter(municipality_id__in=unique)
        .order_by("-year", "-sequence")
    ):
        latest.setdefault(evaluation.municipality_id, evaluation)
    points = points_by_evaluation([e.pk for e in latest.values()])
    columns = [
        ComparedMunicipality(
            municipalities[code], latest.get(code), points.get(latest[code].pk, {}) if code in latest else {}
        )
        for code in unique
    ]
    return Comparison(version=version, columns=columns, average=cached_version_average(version))


def size_class(population: Decimal | int | None) -> str | None:
    if population is None:
        return None
    for low, high, label in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return label
    return None


def latest_populations(codes: list[str] | None = None) -> dict[str, Decimal]:
    """The newest loaded population figure per municipality (key figure POPULATION)."""
    figures = KeyFigure.objects.filter(name=POPULATION)
    if codes is not None:
        figures = figures.filter(municipality_id__in=codes)
    result: dict[str, Decimal] = {}
    for code, value in figures.order_by("municipality_id", "-year").values_list("municipality_id", "value"):
        result.setdefault(code, value)
    return result


@dataclass(frozen=True)
class Similar:
    municipality: Municipality
    reason: str


def similar_municipalities(municipality: Municipality, *, version: CriteriaVersion, limit: int = 8) -> list[Similar]:
    """Municipalities with a published evaluation on `version` in the same SKR kommungrupp, the same county,
    or (when population figures are loaded) the same size class. Same kommungrupp first, then same county."""
    evaluated = list(
        Municipality.objects.filter(evaluations__in=comparison_queries.statistics_scope().filter(version=version))
        .exclude(pk=municipality.pk)
        .select_related("county")
        .distinct()
        .order_by("short_name")
    )
    populations = latest_populations([m.code for m in evaluated] + [municipality.code])
    own_class = size_class(populations.get(municipality.code))
    similar = []
    for other in evaluated:
        reasons = []
        if municipality.kommungrupp and other.kommungrupp == municipality.kommungrupp:
            reasons.append(str(_("samma kommungrupp (%(group)s)") % {"group": municipality.kommungrupp_name}))
        if municipality.county_id and other.county_id == municipality.county_id:
            reasons.append(str(_("samma län")))
        if own_class and size_class(populations.get(other.code)) == own_class:
            reasons.append(str(_("samma storleksklass (%(label)s)") % {"label": own_class}))
        if reasons:
            similar.append(Similar(other, ", ".join(reasons)))
    same_group = str(_("samma kommungrupp"))
    same_county = str(_("samma län"))
    similar.sort(key=lambda s: (same_group not in s.reason, same_county not in s.reason, s.municipality.short_name))
    return similar[:limit]
