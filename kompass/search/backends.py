"""The database-specific half of the search: schema and the full-text query, for PostgreSQL (Swedish
text-search configuration, GIN index on a stored tsvector) and SQLite (FTS5 over Snowball stems).

Both take the same cleaned query (text.ParsedQuery) and the same column filters (a dict of ORM lookups on
SearchEntry) and return the total number of hits and one page of (id, rank), best first."""

from __future__ import annotations

import math
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression, F

from kompass.search.text import ParsedQuery, fts5_match

TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
HEADING_WEIGHT = 4.0  # a match in the heading counts four times a match in the text (SQLite bm25)

POSTGRES_SCHEMA = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish'::regconfig, coalesce(heading, '')), 'A')
        || setweight(to_tsvector('swedish'::regconfig, coalesce(text, '')), 'B')) STORED""",
    f"CREATE INDEX IF NOT EXISTS search_entry_document_gin ON {TABLE} USING gin (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS document",
]
MAX_HITS = 1000  # counted exactly up to here; above it "fler än 1 000", ranked among the newest MAX_HITS
YEARS = (1990, 2100)  # the facet tokens a year range expands to (SQLite) stay within these


def _facets(row: str) -> str:
    """The SQL (in a trigger, on `new`/`old` or the table) for the facet tokens of one index row: area,
    version, year, county, municipality, size and kind as words (`fa12 fv3 fy2012 fc19 fm1980 fssmall
    fkstrength`), so that FTS5 filters by intersecting posting lists instead of joining the rows."""
    parts = [f"'{prefix}' || coalesce({row}.{column}, '')" for prefix, column in FACET_COLUMNS]
    return " || ' ' || ".join(parts)


FACET_COLUMNS = (
    ("fa", "area_id"),
    ("fv", "version_id"),
    ("fy", "year"),
    ("fc", "county_id"),
    ("fm", "municipality_id"),
    ("fs", "size_class"),
    ("fk", "kind"),
)
FACET_PREFIX = {column: prefix for prefix, column in FACET_COLUMNS}

SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(heading_stems, stems, facets,
        content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, heading_stems, stems, facets)
        VALUES (new.id, new.heading_stems, new.stems, {_facets("new")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_stems, stems, facets)
        VALUES ('delete', old.id, old.heading_stems, old.stems, {_facets("old")});
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_stems, stems, facets)
        VALUES ('delete', old.id, old.heading_stems, old.stems, {_facets("old")});
        INSERT INTO {FTS_TABLE}(rowid, heading_stems, stems, facets)
        VALUES (new.id, new.heading_stems, new.stems, {_facets("new")});
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]


def uses_stems(connection: BaseDatabaseWrapper = default_connection) -> bool:
    """Whether index rows need Python-made stems (SQLite) rather than the database's own (PostgreSQL)."""
    return connection.vendor != "postgresql"


def create_fulltext_schema(connection: BaseDatabaseWrapper = default_connection) -> None:
    """Create the full-text column/index or FTS5 table and triggers; safe to run again (e.g. after a
    migration on SQLite rebuilt the table and so dropped its triggers)."""
    statements = {"postgresql": POSTGRES_SCHEMA, "sqlite": SQLITE_SCHEMA}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop_fulltext_schema(connection: BaseDatabaseWrapper = default_connection) -> None:
    statements = {"postgresql": POSTGRES_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def rebuild_fulltext(connection: BaseDatabaseWrapper = default_connection) -> None:
    """After the index rows were replaced in bulk. SQLite: rebuild the FTS5 table from them. PostgreSQL
    (whose column is generated): refresh the planner's statistics of the table with ANALYZE. Without
    them the planner guesses that any tsquery matches ~12 rows and so fetches every match from the heap
    before applying the id window (`_postgres_newest`): measured on 649k rows, a phrase of frequent
    words took ~400 ms instead of ~25 ms, and a server with autovacuum off never gathers them. Side
    effect: replaces the FTS5 index / the table's statistics."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
    if connection.vendor == "sqlite":
        create_fulltext_schema(connection)
        with connection.cursor() as cursor:
            # Not FTS5's 'rebuild': the facets column is computed, the content table has no such column.
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, heading_stems, stems, facets) "
                f"SELECT id, heading_stems, stems, {_facets(TABLE)} FROM {TABLE}"
            )


# ---------------------------------------------------------------- queries


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def sqlite_match(query: ParsedQuery, filters: dict[str, Any]) -> str:
    """The FTS5 MATCH expression: the query's stems in the text columns, ANDed with the filters as facet
    tokens (`facets : ("fa1" OR "fa9")`). Built from our own prefixes and the filters' values, quoted;
    never from the user's text (which only reaches it as stems, quoted, in `text.fts5_match`)."""
    parts = [f"{{heading_stems stems}} : ({fts5_match(query)})"]
    for lookup, value in filters.items():
        column, _, operator = lookup.partition("__")
        prefix = FACET_PREFIX[column]
        if operator == "in":
            values = [str(v) for v in value]
        elif operator in ("gte", "lte"):
            continue
        else:
            values = [str(value)]
        if not values:
            return ""
        parts.append("facets : (" + " OR ".join(_quoted(prefix + v.lower()) for v in values) + ")")
    if "year__gte" in filters or "year__lte" in filters:
        first = max(int(filters.get("year__gte", YEARS[0])), YEARS[0])
        last = min(int(filters.get("year__lte", YEARS[1])), YEARS[1])
        if first > last:
            return ""
        parts.append("facets : (" + " OR ".join(_quoted(f"fy{y}") for y in range(first, last + 1)) + ")")
    return " AND ".join(parts)


RANK = f"bm25({FTS_TABLE}, {HEADING_WEIGHT}, 1.0, 0.0)"


def sqlite_sql() -> tuple[str, str]:
    """The capped count and the page query (parameters: match; match, limit, offset); shared with the
    benchmark."""
    count = f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT {MAX_HITS + 1})"
    page = (
        f"SELECT id FROM (SELECT rowid AS id, {RANK} AS rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
        f"ORDER BY rowid DESC LIMIT {MAX_HITS}) ORDER BY rank, id LIMIT %s OFFSET %s"
    )
    return count, page


def sqlite_search(query: ParsedQuery, filters: dict[str, Any], *, limit: int, offset: int) -> tuple[int, list[int]]:
    """Everything in the FTS5 table: the count stops at MAX_HITS + 1, and bm25 ranks the newest MAX_HITS
    matches (all of them when there are no more), so a word in 80,000 texts costs what one in 1,000 does."""
    match = sqlite_match(query, filters)
    if not match:
        return 0, []
    count_sql, page_sql = sqlite_sql()
    with default_connection.cursor() as cursor:
        cursor.execute(count_sql, [match])
        total = cursor.fetchone()[0]
        if min(total, MAX_HITS) <= offset:
            return total, []
        cursor.execute(page_sql, [match, limit, offset])
        return total, [row[0] for row in cursor.fetchall()]


def postgres_query(query: ParsedQuery):  # type: ignore[no-untyped-def]
    """The tsquery: each word through plainto_tsquery, each phrase through phraseto_tsquery, ANDed.
    Values are parameters; PostgreSQL's Swedish configuration stems them."""
    parts = [SearchQuery(term, config="swedish", search_type="plain") for term in query.terms]
    parts += [SearchQuery(" ".join(p), config="swedish", search_type="phrase") for p in query.phrases]
    combined = parts[0]
    for part in parts[1:]:
        combined = combined & part
    return combined


def postgres_search(query: ParsedQuery, filters: dict[str, Any], *, limit: int, offset: int) -> tuple[int, list[int]]:
    """The count stops at MAX_HITS + 1; ts_rank ranks all matches when there are at most MAX_HITS, else
    the newest MAX_HITS (see `_postgres_newest`), so a frequent word does not make PostgreSQL read and
    rank tens of thousands of rows."""
    from kompass.search.models import SearchEntry

    tsquery = postgres_query(query)
    matches = SearchEntry.objects.filter(**filters).alias(document=Document()).filter(document=tsquery)
    ids = _postgres_newest(matches)
    total = len(ids)
    if min(total, MAX_HITS) <= offset:
        return total, []
    # One array parameter rather than `IN (%s, … × 1000)`, which costs psycopg and Django ~20 ms to build.
    candidates = SearchEntry.objects.extra(where=[f'"{TABLE}"."id" = ANY(%s)'], params=[ids[:MAX_HITS]])
    ranked = candidates.annotate(rank=SearchRank(Document(), tsquery)).order_by("-rank", "id")
    return total, list(ranked.values_list("id", flat=True)[offset : offset + limit])


def _postgres_newest(matches) -> list[int]:  # type: ignore[no-untyped-def]  # noqa: ANN001
    """The ids of the newest MAX_HITS + 1 matches (all of them when there are fewer: so their number is
    the capped count). `ORDER BY id DESC LIMIT` alone would make PostgreSQL fetch every match from the
    heap (the GIN index has no order), so look in a window of the newest ids first and widen it until
    it holds enough matches or covers everything: the rows read stay near 16 × MAX_HITS whether the
    word is in 2 % or 80 % of the texts, and rare words cost a few cheap index lookups. The next window
    is sized from the density of matches in the last one (`_widening`), so sparse matches (selective
    filters, several words) need two window queries rather than three or four."""
    from kompass.search.models import SearchEntry

    top = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    window = 16 * MAX_HITS
    while True:
        floor = top - window
        # `id + 0`: with statistics, PostgreSQL would otherwise walk the primary key backwards and test
        # every row of the window (147 ms for two words in a 256k window; here a bitmap AND of the GIN
        # and primary-key ranges and a sort of the matches, 70 ms).
        newest = matches.order_by((F("id") + 0).desc()).values_list("id", flat=True)
        ids = list((newest.filter(id__gt=floor) if floor > 0 else newest)[: MAX_HITS + 1])
        if len(ids) > MAX_HITS or floor <= 0:
            return ids
        window *= _widening(len(ids))


def _widening(found: int) -> int:
    """How much to widen a window that held `found` (≤ MAX_HITS) matches: enough for MAX_HITS + 1 at the
    same density with half again as margin, at least ×4 (so the loop ends quickly) and at most ×256 (an
    empty window says little about the rest)."""
    return max(4, min(256, math.ceil(1.5 * (MAX_HITS + 1) / max(found, 1))))


class Document(Expression):
    """The generated `document` column (PostgreSQL), which Django's model state does not know about."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]  # noqa: ANN001, ARG002
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.document", []
