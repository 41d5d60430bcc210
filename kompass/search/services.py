"""Good examples: full-text search over the published narratives.

`search` picks the database's full-text engine (backends.py) over the index (SearchEntry) that
indexing.py keeps; `related_areas` follows the criteria versions' area mappings, for search filters and
role models alike."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from kompass.criteria.models import Area, AreaMapping
from kompass.municipalities.services import DEMO_CODE
from kompass.search import backends
from kompass.search.enums import EntryKind
from kompass.search.models import SearchEntry
from kompass.search.text import (
    ParsedQuery,
    highlight,
    parse_query,
)

PAGE_SIZE = 20
MAX_PAGE = 250

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
    include_demo: bool = False  # public search leaves the demo municipality out unless asked for

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
        if not self.include_demo and self.municipality != DEMO_CODE:
            found["municipality_id__not_in"] = [DEMO_CODE]
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


def _excerpt(text: str, heading: str, query_stems: frozenset[str]) -> SafeString:
    """The text's excerpt with its matches marked; when only the heading matched (an imported report's
    sub-area heading), the marked heading leads the excerpt so that every hit shows why it matched."""
    excerpt = highlight(text, query_stems)
    if "<mark>" in excerpt or not heading:
        return excerpt
    marked_heading = highlight(heading, query_stems)
    if "<mark>" not in marked_heading:
        return excerpt
    return mark_safe(f"{marked_heading} – {excerpt}")


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
                excerpt=_excerpt(text, heading, query_stems),
                is_demo=is_demo,
            )
        )
    return hits
