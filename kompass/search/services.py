"""Good examples (full-text search over published narratives) and role models (PRODUCT.md §7).

The index (SearchEntry) holds one row per published text; signals.py keeps it current when evaluations
and texts are saved or deleted, `kompass reindex_search` rebuilds it. `search` picks the database's
full-text engine (backends.py); `role_models` ranks municipalities by their scores in an area or
sub-area, across mapped criteria versions, with the strengths their reports gave them."""

from __future__ import annotations

import hashlib
import math
from collections import deque
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kompass.comparison.queries import data_stamp
from kompass.criteria.models import Area, AreaMapping, Question, SubArea
from kompass.evaluations import queries
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import AreaScore, AreaText, Evaluation, Finding, QuestionScore, SubAreaText
from kompass.municipalities.models import KeyFigure
from kompass.search import backends
from kompass.search.enums import EntryKind, EntrySource, SizeClass
from kompass.search.models import SearchEntry
from kompass.search.text import (
    ParsedQuery,
    clean_text,
    highlight,
    parse_query,
    stem,
    stems,
    words,
)

PAGE_SIZE = 20
MAX_PAGE = 250
POPULATION_FIGURES = ("folkmängd", "befolkning", "invånare", "population")
Populations = dict[str, list[tuple[int, Decimal]]]

# ---------------------------------------------------------------- area mappings


def mapping_links() -> dict[int, list[tuple[int, str]]]:
    """Every AreaMapping as an undirected graph: area id → [(linked area id, comparability)]. One query."""
    links: dict[int, list[tuple[int, str]]] = {}
    for source, target, comparability in AreaMapping.objects.values_list("from_area_id", "to_area_id", "comparability"):
        links.setdefault(source, []).append((target, comparability))
        links.setdefault(target, []).append((source, comparability))
    return links


def related_areas(area: Area, *, links: dict[int, list[tuple[int, str]]] | None = None) -> dict[int, str]:
    """`area` and every area linked to it through AreaMapping in either direction, transitively
    (kk2010 area 1 ↔ kk2016 area 1 ↔ kk2020 area 1). Maps area id → comparability ("" for itself).
    Pass `links` (from `mapping_links()`) to look up several areas with one query."""
    if links is None:
        links = mapping_links()
    found = {area.pk: ""}
    todo = deque([area.pk])
    while todo:
        current = todo.popleft()
        for other, comparability in links.get(current, []):
            if other not in found:
                found[other] = comparability
                todo.append(other)
    return found


# ---------------------------------------------------------------- indexing


def _population_figures(municipality_ids: set[str] | None = None) -> Populations:
    """Population key figures per municipality, newest first."""
    figures = KeyFigure.objects.filter(name__in=POPULATION_FIGURES).order_by("-year")
    if municipality_ids is not None:
        figures = figures.filter(municipality_id__in=municipality_ids)
    found: Populations = {}
    for municipality_id, year, value in figures.values_list("municipality_id", "year", "value"):
        found.setdefault(municipality_id, []).append((year, value))
    return found


def _size_class(population: list[tuple[int, Decimal]], year: int) -> str:
    """From the newest population figure up to `year` (or the oldest one there is)."""
    if not population:
        return ""
    value = next((v for y, v in population if y <= year), population[-1][1])
    for limit, size in ((15_000, SizeClass.SMALL), (50_000, SizeClass.MEDIUM), (100_000, SizeClass.LARGE)):
        if value < limit:
            return size
    return SizeClass.XLARGE


def _common_fields(
    evaluation: Evaluation, figures: dict[str, list[tuple[int, Decimal]]] | None = None
) -> dict[str, Any]:
    if figures is None:
        figures = _population_figures({evaluation.municipality_id})
    return {
        "evaluation_id": evaluation.pk,
        "version_id": evaluation.version_id,
        "year": evaluation.year,
        "municipality_id": evaluation.municipality_id,
        "county_id": evaluation.municipality.county_id,
        "size_class": _size_class(figures.get(evaluation.municipality_id, []), evaluation.year),
    }


def _entry_values(item: AreaText | SubAreaText | Finding) -> dict[str, Any] | None:
    """What the index holds for one text, or None when there is nothing to search."""
    values: dict[str, Any]
    if isinstance(item, AreaText):
        values = {"source": EntrySource.AREA_TEXT, "kind": EntryKind.GENERAL, "heading": "", "position": 0}
        text = item.general_text
        values["subarea_id"] = None
    elif isinstance(item, SubAreaText):
        values = {"source": EntrySource.SUBAREA_TEXT, "kind": EntryKind.SUBAREA, "position": item.position}
        values["heading"], values["subarea_id"] = clean_text(item.heading)[:300], item.subarea_id
        text = item.text
    else:
        kind = EntryKind.STRENGTH if item.kind == FindingKind.STRENGTH else EntryKind.IMPROVEMENT
        values = {"source": EntrySource.FINDING, "kind": kind, "heading": "", "position": item.position}
        values["subarea_id"] = None
        text = item.text
    values["text"] = clean_text(text).strip()
    if not values["text"] and not values["heading"]:
        return None
    with_stems = backends.uses_stems()
    values["heading_stems"] = stems(values["heading"]) if with_stems else ""
    values["stems"] = stems(values["text"]) if with_stems else ""
    values["area_id"], values["source_id"] = item.area_id, item.pk
    return values


@transaction.atomic
def index_evaluation(evaluation: Evaluation) -> int:
    """Replace the evaluation's index rows: all its texts when it is published, none otherwise.
    Returns the number of rows. Side effect: writes SearchEntry (and, on SQLite, the FTS5 table)."""
    SearchEntry.objects.filter(evaluation_id=evaluation.pk).delete()
    if evaluation.status != Status.PUBLISHED:
        return 0
    common = _common_fields(evaluation)
    items: list[AreaText | SubAreaText | Finding] = [
        *AreaText.objects.filter(evaluation=evaluation),
        *SubAreaText.objects.filter(evaluation=evaluation),
        *Finding.objects.filter(evaluation=evaluation),
    ]
    rows = [SearchEntry(**common, **values) for item in items if (values := _entry_values(item))]
    SearchEntry.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def sync_evaluation(evaluation: Evaluation) -> None:
    """After an evaluation was saved: drop its rows when it is not published; (re)build them when it is
    published and they are missing or describe it differently (year, municipality, version).
    Side effect: writes SearchEntry."""
    entries = SearchEntry.objects.filter(evaluation_id=evaluation.pk)
    if evaluation.status != Status.PUBLISHED:
        entries.delete()
        return
    stale = entries.exclude(
        year=evaluation.year, municipality_id=evaluation.municipality_id, version_id=evaluation.version_id
    )
    if not entries.exists() or stale.exists():
        index_evaluation(evaluation)


@transaction.atomic
def index_text(item: AreaText | SubAreaText | Finding) -> None:
    """After a text was saved: (re)write its index row if its evaluation is published, else make sure
    it has none. Side effect: writes SearchEntry."""
    source = _source_of(item)
    evaluation = Evaluation.objects.select_related("municipality").filter(pk=item.evaluation_id).first()
    values = _entry_values(item) if evaluation is not None and evaluation.status == Status.PUBLISHED else None
    if values is None or evaluation is None:
        SearchEntry.objects.filter(source=source, source_id=item.pk).delete()
        return
    SearchEntry.objects.update_or_create(
        source=source, source_id=item.pk, defaults={**_common_fields(evaluation), **values}
    )


def unindex_text(item: AreaText | SubAreaText | Finding) -> None:
    """After a text was deleted. Side effect: deletes its SearchEntry."""
    SearchEntry.objects.filter(source=_source_of(item), source_id=item.pk).delete()


def _source_of(item: AreaText | SubAreaText | Finding) -> str:
    if isinstance(item, AreaText):
        return EntrySource.AREA_TEXT
    return EntrySource.SUBAREA_TEXT if isinstance(item, SubAreaText) else EntrySource.FINDING


def reindex_all(*, batch: int = 2000) -> tuple[int, int]:
    """Rebuild the whole index from the published evaluations, in batches (a few queries per batch, not
    per evaluation). Returns (evaluations, rows). Side effects: replaces every SearchEntry; on SQLite
    recreates the FTS5 table and triggers if missing and rebuilds the FTS5 index from the rows."""
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        evaluations = {e.pk: e for e in queries.published().select_related("municipality")}
        figures = _population_figures()
        common = {pk: _common_fields(e, figures) for pk, e in evaluations.items()}
        rows: list[SearchEntry] = []
        written = 0
        for model in (AreaText, SubAreaText, Finding):
            items = model.objects.filter(evaluation__status=Status.PUBLISHED).order_by("pk")
            for item in items.iterator(chunk_size=batch):
                if item.evaluation_id in common and (values := _entry_values(item)):
                    rows.append(SearchEntry(**common[item.evaluation_id], **values))
                if len(rows) >= batch:
                    written += len(SearchEntry.objects.bulk_create(rows))
                    rows = []
        written += len(SearchEntry.objects.bulk_create(rows))
    backends.rebuild_fulltext()
    return len(evaluations), written


# ---------------------------------------------------------------- search


@dataclass(frozen=True)
class SearchFilters:
    """Narrowing a search. Ids and codes as stored: `area` is an Area pk (its mapped areas in other
    versions count too unless `same_version_only`), `county` and `municipality` are SCB codes."""

    area: int | None = None
    same_version_only: bool = False
    version: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    county: str | None = None
    municipality: str | None = None
    size: str | None = None
    kinds: tuple[str, ...] = ()

    def lookups(self) -> dict[str, Any]:
        """As ORM lookups on SearchEntry (also read by the SQLite backend as plain column filters)."""
        found: dict[str, Any] = {}
        if self.area is not None:
            area = Area.objects.filter(pk=self.area).first()
            ids = [self.area] if self.same_version_only or area is None else sorted(related_areas(area))
            found["area_id__in"] = ids
        for name, value in (
            ("version_id", self.version),
            ("year__gte", self.year_from),
            ("year__lte", self.year_to),
            ("county_id", self.county),
            ("municipality_id", self.municipality),
            ("size_class", self.size),
        ):
            if value not in (None, ""):
                found[name] = value
        if self.kinds:
            found["kind__in"] = list(self.kinds)
        return found


@dataclass(frozen=True)
class SearchHit:
    evaluation_key: str
    evaluation_url: str
    municipality: str
    year: int
    version_code: str
    area_number: int
    area_name: str
    kind: str
    kind_label: str
    heading: str
    excerpt: SafeString
    is_demo: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "evaluation": self.evaluation_key,
            "url": self.evaluation_url,
            "municipality": self.municipality,
            "year": self.year,
            "version": self.version_code,
            "area": {"number": self.area_number, "name": self.area_name},
            "kind": self.kind,
            "kind_label": self.kind_label,
            "heading": self.heading,
            "excerpt_html": str(self.excerpt),
            "demo": self.is_demo,
        }


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    page: int
    page_size: int = PAGE_SIZE
    messages: list[str] = field(default_factory=list)

    @property
    def total_is_capped(self) -> bool:
        """More than MAX_HITS matches: `total` is then MAX_HITS + 1, shown as "fler än 1 000", and the
        hits are the best of the newest MAX_HITS matches (see backends.MAX_HITS)."""
        return self.total > backends.MAX_HITS

    @property
    def shown_total(self) -> int:
        return min(self.total, backends.MAX_HITS)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, math.ceil(self.shown_total / self.page_size)) if self.total else 0

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search(
    query: str, *, filters: SearchFilters | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> SearchResults:
    """Full-text search over published texts, best first, with highlighted excerpts. Never raises on
    what a user typed: the query is cleaned (text.parse_query) and reaches the database only as
    parameters. A fixed number of queries whatever the number of hits. No side effects."""
    parsed = parse_query(query)
    page = max(1, min(int(page), MAX_PAGE))
    messages = _query_messages(parsed)
    if parsed.is_empty:
        return SearchResults(query=parsed.display(), hits=[], total=0, page=page, messages=messages)
    lookups = (filters or SearchFilters()).lookups()
    run = backends.postgres_search if connection.vendor == "postgresql" else backends.sqlite_search
    total, ids = run(parsed, lookups, limit=page_size, offset=(page - 1) * page_size)
    return SearchResults(
        query=parsed.display(),
        hits=_hits(ids, parsed),
        total=total,
        page=page,
        page_size=page_size,
        messages=messages,
    )


def _query_messages(parsed: ParsedQuery) -> list[str]:
    messages = []
    if parsed.is_empty:
        messages.append(
            _("Sökningen innehöll bara vanliga småord. Skriv ett mer särskiljande ord.")
            if parsed.dropped_stop_words
            else _("Skriv ett eller flera ord att söka efter.")
        )
    if parsed.truncated:
        messages.append(_("Sökningen var lång; bara de första orden användes."))
    return messages


HIT_COLUMNS = (
    "id",
    "text",
    "heading",
    "kind",
    "year",
    "evaluation__key",
    "municipality__short_name",
    "municipality__is_demo",
    "version__code",
    "area__number",
    "area__name",
)


def _hits(ids: list[int], parsed: ParsedQuery) -> list[SearchHit]:
    """The page's hits: one query for just the columns shown (tuples, not model instances, and not the
    stems), the kind labels looked up once; the excerpts are made for these rows only."""
    if not ids:
        return []
    rows = SearchEntry.objects.filter(id__in=ids).values_list(*HIT_COLUMNS)
    by_id = {row[0]: row for row in rows}
    kind_labels = {value: str(label) for value, label in EntryKind.choices}
    # One reverse() for the page: keys are SCB code and year ("1980-2012"), nothing to quote.
    url_of = reverse("portal:evaluation", kwargs={"key": "0000-0000"}).replace("0000-0000", "{}")
    query_stems = parsed.stems
    hits = []
    for row in (by_id[i] for i in ids if i in by_id):
        _pk, text, heading, kind, year, key, municipality, is_demo, version_code, area_number, area_name = row
        hits.append(
            SearchHit(
                evaluation_key=key,
                evaluation_url=url_of.format(key),
                municipality=municipality,
                year=year,
                version_code=version_code,
                area_number=area_number,
                area_name=area_name,
                kind=kind,
                kind_label=kind_labels.get(kind, kind),
                heading=heading,
                # One highlighter for both databases: PostgreSQL's ts_headline drops whatever looks like
                # markup from the text, and the Snowball stemmer here is the one its Swedish configuration
                # uses.
                excerpt=highlight(text, query_stems),
                is_demo=is_demo,
            )
        )
    return hits


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
        shown = [_with_strengths(m, list(m.strengths)[:3]) for m in models]
        result.append(AreaRoleModels(area.number, area.name, improvements, shown))
    return result


def _strengths_by_key(models: list[RoleModel]) -> dict[str, list[str]]:
    return {m.evaluation_key: list(m.strengths) for m in models}


def _with_strengths(model: RoleModel, strengths: list[str]) -> RoleModel:
    return replace(model, strengths=tuple(strengths))
