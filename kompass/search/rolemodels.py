"""Role models: municipalities ranked by their scores in an area or sub-area, across mapped criteria
versions, with the strengths their reports gave them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Sum

from kompass.assessment.models import Finding
from kompass.comparison.queries import data_stamp
from kompass.criteria.models import Area, AreaMapping, Question, SubArea
from kompass.evaluations import queries
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import AreaScore, Evaluation, QuestionScore
from kompass.search.services import mapping_links, related_areas
from kompass.search.text import (
    stem,
    words,
)

# ---------------------------------------------------------------- role models


@dataclass(frozen=True)
class RoleModel:
    """A municipality that scored well in an area or sub-area, with the strengths its report named."""

    evaluation_key: str
    evaluation_url: str
    municipality: str
    year: int
    version_code: str
    area_number: int
    area_name: str
    percent: Decimal
    basis: str  # "area" or "subarea"
    mapped: bool
    comparability: str
    strengths: tuple[str, ...]


# A ranking row: evaluation id, percent, area id (the area or the mapped one scored), municipality code.
Ranked = list[tuple[int, Decimal, int, str]]

RANKING_KEPT = 25  # municipalities kept in a cached area ranking: enough for limit ≤ 24 with one left out
RANKING_ROWS = 400  # area scores read per ranking (best first) to find RANKING_KEPT distinct municipalities
RANKING_CACHE_SECONDS = 600


def role_models(
    area: Area,
    *,
    subarea: SubArea | None = None,
    exclude_evaluation: Evaluation | None = None,
    limit: int = 5,
    relevant_to: str = "",
    max_strengths: int = 3,
) -> list[RoleModel]:
    """The municipalities that scored best in `area` (or in `subarea`, when sub-area scores exist),
    among published non-demo evaluations on the same version or a mapped one (marked `mapped`). One
    evaluation per municipality, its best; the municipality of `exclude_evaluation` is left out. Each
    comes with its report's strengths in that area, those sharing most words with `relevant_to` (e.g.
    an improvement point) first. A fixed number of queries; the area ranking is cached (see
    `_area_ranking`). No side effects other than that cache."""
    related = related_areas(area)
    exclude = exclude_evaluation.municipality_id if exclude_evaluation is not None else None
    ranked = _subarea_ranking(subarea, exclude_evaluation, limit) if subarea is not None else []
    basis = "subarea" if ranked else "area"
    if not ranked:
        ranked = _area_ranking(related, exclude, limit)
    return _build_role_models([(area, related, ranked, basis)], relevant_to, max_strengths)[0]


def role_models_for_areas(
    evaluation: Evaluation, *, areas: list[Area] | None = None, limit: int = 5, max_strengths: int = 3
) -> dict[int, list[RoleModel]]:
    """Role models for several areas at once (default: every area of the evaluation's version), leaving
    out the evaluation's municipality: area id → `role_models(area, exclude_evaluation=evaluation)`.
    For pages that show all areas: a fixed number of queries for all of them (the rankings come from
    the cache when the published results have not changed). No side effects other than that cache."""
    if areas is None:
        areas = list(evaluation.version.areas.order_by("number"))
    links = mapping_links()
    items = []
    for area in areas:
        related = related_areas(area, links=links)
        items.append((area, related, _area_ranking(related, evaluation.municipality_id, limit), "area"))
    built = _build_role_models(items, "", max_strengths)
    return {area.pk: models for area, models in zip(areas, built, strict=True)}


def _build_role_models(
    items: list[tuple[Area, dict[int, str], Ranked, str]], relevant_to: str, max_strengths: int
) -> list[list[RoleModel]]:
    """RoleModels for each (area, related areas, ranking, basis): three queries whatever the number."""
    evaluation_ids = {row[0] for _, _, ranked, _ in items for row in ranked}
    if not evaluation_ids:
        return [[] for _ in items]
    evaluations = Evaluation.objects.select_related("municipality", "version").in_bulk(evaluation_ids)
    all_related = {area_id for _, related, _, _ in items for area_id in related}
    strengths = _strengths(sorted(evaluation_ids), sorted(all_related))
    areas = Area.objects.in_bulk({row[2] for _, _, ranked, _ in items for row in ranked})
    comparability_labels = dict(AreaMapping._meta.get_field("comparability").choices or [])
    result = []
    for area, related, ranked, basis in items:
        models = []
        for evaluation_id, percent, area_id, _municipality in ranked:
            evaluation = evaluations[evaluation_id]
            texts = [text for found_area, text in strengths.get(evaluation_id, []) if found_area in related]
            models.append(
                RoleModel(
                    evaluation_key=evaluation.key,
                    evaluation_url=evaluation.get_absolute_url(),
                    municipality=evaluation.municipality.short_name,
                    year=evaluation.year,
                    version_code=evaluation.version.code,
                    area_number=areas[area_id].number,
                    area_name=areas[area_id].name,
                    percent=percent,
                    basis=basis,
                    mapped=area_id != area.pk,
                    comparability=str(comparability_labels.get(related.get(area_id, ""), "")),
                    strengths=tuple(rank_strengths(texts, relevant_to)[:max_strengths]),
                )
            )
        result.append(models)
    return result


def _candidates(exclude_evaluation: Evaluation | None):
    scope = queries.countable()
    if exclude_evaluation is not None:
        scope = scope.exclude(municipality_id=exclude_evaluation.municipality_id)
    return scope


def _area_ranking(related: dict[int, str], exclude_municipality: str | None, limit: int) -> Ranked:
    """The best complete area scores in the `related` areas, one per municipality (its best), without
    `exclude_municipality`, at most `limit`. The ranking of the first RANKING_KEPT municipalities is cached
    (Django's cache, RANKING_CACHE_SECONDS) under the comparison app's fingerprint of the published results
    (`comparison.queries.data_stamp`) and the set of areas, so it follows publishing, unpublishing and
    score refreshes; the page then only pays for the few chosen evaluations."""
    if limit + 1 > RANKING_KEPT:
        return _best_per_municipality(related, exclude_municipality, keep=limit)
    key = "search:rolemodels:" + hashlib.sha256(repr((data_stamp(), sorted(related))).encode()).hexdigest()
    ranking = cache.get(key)
    if ranking is None:
        ranking = _best_per_municipality(related, None, keep=RANKING_KEPT)
        cache.set(key, ranking, RANKING_CACHE_SECONDS)
    return [row for row in ranking if row[3] != exclude_municipality][:limit]


def _best_per_municipality(related: dict[int, str], exclude_municipality: str | None, *, keep: int) -> Ranked:
    """One query: the best RANKING_ROWS complete area scores of countable evaluations (the conditions of
    `queries.countable()`, written as joins: an `IN (subquery)` makes SQLite walk every evaluation), best
    first, newest first among equals; then the first `keep` municipalities in Python."""
    scores = AreaScore.objects.filter(
        area_id__in=list(related),
        is_complete=True,
        evaluation__status=Status.PUBLISHED,
        evaluation__municipality__is_demo=False,
    )
    if exclude_municipality is not None:
        scores = scores.exclude(evaluation__municipality_id=exclude_municipality)
    rows = scores.order_by("-points", "-evaluation__year", "evaluation__key").values_list(
        "evaluation_id", "points", "area_id", "evaluation__municipality_id"
    )[:RANKING_ROWS]
    return _first_per_municipality(list(rows), keep)


def _first_per_municipality(rows: Ranked, keep: int) -> Ranked:
    chosen: Ranked = []
    seen: set[str] = set()
    for row in rows:
        if row[3] not in seen:
            seen.add(row[3])
            chosen.append(row)
            if len(chosen) == keep:
                break
    return chosen


def _subarea_ranking(subarea: SubArea, exclude: Evaluation | None, limit: int) -> Ranked:
    """Share of the sub-area's maximum, from published sub-area scores or complete question scores."""
    questions = Question.objects.filter(subarea=subarea).aggregate(n=Count("id"), maximum=Sum("max_points"))
    shares: dict[int, Decimal] = {}
    for row in subarea.scores.filter(evaluation__in=_candidates(exclude)).values(
        "evaluation_id", "points", "max_points"
    ):
        maximum = row["max_points"] or questions["maximum"]
        if maximum:
            shares[row["evaluation_id"]] = row["points"] * 100 / maximum
    computed = (
        QuestionScore.objects.filter(question__subarea=subarea, evaluation__in=_candidates(exclude))
        .values("evaluation_id")
        .annotate(points=Sum("points"), n=Count("id"))
        .filter(n=questions["n"])
    )
    for evaluation_id, points in computed.values_list("evaluation_id", "points"):
        if questions["maximum"]:
            shares.setdefault(evaluation_id, points * 100 / questions["maximum"])
    best = sorted(shares.items(), key=lambda pair: (-pair[1], pair[0]))[:RANKING_ROWS]
    municipalities = dict(Evaluation.objects.filter(pk__in=[pk for pk, _ in best]).values_list("pk", "municipality_id"))
    rows = [(pk, share.quantize(Decimal("0.1")), subarea.area_id, municipalities[pk]) for pk, share in best]
    return _first_per_municipality(rows, limit)


def _strengths(evaluation_ids: list[int], area_ids: list[int]) -> dict[int, list[tuple[int, str]]]:
    """Evaluation id → [(area id, text)] of its Styrkor in those areas, in report order."""
    found: dict[int, list[tuple[int, str]]] = {}
    for evaluation_id, area_id, text in (
        Finding.objects.filter(evaluation_id__in=evaluation_ids, area_id__in=area_ids, kind=FindingKind.STRENGTH)
        .order_by("evaluation_id", "position", "id")
        .values_list("evaluation_id", "area_id", "text")
    ):
        found.setdefault(evaluation_id, []).append((area_id, text))
    return found


def rank_strengths(strengths: list[str], relevant_to: str) -> list[str]:
    """Strengths sharing the most (stemmed, non-trivial) words with `relevant_to` first; order kept
    among equals."""
    if not relevant_to:
        return list(strengths)
    wanted = {stem(w) for w in words(relevant_to) if len(w) > 3}
    return sorted(strengths, key=lambda s: -len(wanted & {stem(w) for w in words(s)}))


@dataclass(frozen=True)
class ImprovementWithModels:
    text: str
    role_models: list[RoleModel]


@dataclass(frozen=True)
class AreaRoleModels:
    number: int
    name: str
    improvements: list[ImprovementWithModels]
    role_models: list[RoleModel]

    @property
    def without_strengths(self) -> list[str]:
        """ "Kramfors 2013" for each role model whose report has no strengths in the area (said once)."""
        return [f"{m.municipality} {m.year}" for m in self.role_models if not m.strengths]


def role_models_for_report(evaluation: Evaluation, *, limit: int = 3) -> list[AreaRoleModels]:
    """Per area of `evaluation` with improvement points: the role models, with their strengths ordered
    by relevance to each point. Queries per area, not per point. No side effects."""
    points: dict[int, list[str]] = {}
    for area_id, text in (
        Finding.objects.filter(evaluation=evaluation, kind=FindingKind.IMPROVEMENT)
        .order_by("area__number", "position", "id")
        .values_list("area_id", "text")
    ):
        points.setdefault(area_id, []).append(text)
    areas = list(evaluation.version.areas.filter(pk__in=list(points)).order_by("number"))
    per_area = role_models_for_areas(evaluation, areas=areas, limit=limit, max_strengths=100)
    result = []
    for area in areas:
        models = per_area[area.pk]
        everything = _strengths_by_key(models)
        improvements = [
            ImprovementWithModels(
                text=text,
                role_models=[
                    _with_strengths(m, rank_strengths(everything[m.evaluation_key], text)[:2]) for m in models
                ],
            )
            for text in points[area.pk]
        ]
        # Each municipality once per area, its strengths ordered by relevance to all the area's points.
        joined = " ".join(points[area.pk])
        shown = [_with_strengths(m, rank_strengths(everything[m.evaluation_key], joined)[:3]) for m in models]
        result.append(AreaRoleModels(area.number, area.name, improvements, shown))
    return result


def _strengths_by_key(models: list[RoleModel]) -> dict[str, list[str]]:
    return {m.evaluation_key: list(m.strengths) for m in models}


def _with_strengths(model: RoleModel, strengths: list[str]) -> RoleModel:
    return replace(model, strengths=tuple(strengths))
