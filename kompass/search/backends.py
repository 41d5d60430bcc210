"""The database-specific half of the search: schema and the full-text query, for PostgreSQL (Swedish
text-search configuration, GIN index on a stored tsvector) and SQLite (FTS5 over Snowball stems).

Both take the same cleaned query (text.ParsedQuery) and the same column filters (a dict of ORM lookups on
SearchEntry) and return the total number of hits and one page of (id, rank), best first."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Expression

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
SQLITE_SCHEMA = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(heading_stems, stems,
        content='{TABLE}', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, heading_stems, stems) VALUES (new.id, new.heading_stems, new.stems);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_stems, stems)
        VALUES ('delete', old.id, old.heading_stems, old.stems);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, heading_stems, stems)
        VALUES ('delete', old.id, old.heading_stems, old.stems);
        INSERT INTO {FTS_TABLE}(rowid, heading_stems, stems) VALUES (new.id, new.heading_stems, new.stems);
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
    """Rebuild the FTS5 table from the index rows (SQLite; PostgreSQL's column is generated)."""
    if connection.vendor == "sqlite":
        create_fulltext_schema(connection)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


# ---------------------------------------------------------------- queries

_SQL_OPERATORS = {"exact": "= %s", "gte": ">= %s", "lte": "<= %s"}


def _sqlite_where(filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """`year__gte=2012, area_id__in=[1, 2]` → SQL on the alias `e`. Column names come from our own code,
    values are always parameters."""
    clauses, params = [], []
    for lookup, value in filters.items():
        column, _, operator = lookup.partition("__")
        if operator == "in":
            values = list(value)
            clauses.append(f"e.{column} IN ({', '.join(['%s'] * len(values))})" if values else "0 = 1")
            params += values
        else:
            clauses.append(f"e.{column} {_SQL_OPERATORS[operator or 'exact']}")
            params.append(value)
    return "".join(f" AND {c}" for c in clauses), params


def sqlite_bare_sql(query: ParsedQuery, filters: dict[str, Any]) -> tuple[str, str, list[Any]]:
    """The page query and the count query, with their parameters (shared with the benchmark)."""
    where, params = _sqlite_where(filters)
    base = f"FROM {FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE} MATCH %s{where}"
    rank = f"bm25({FTS_TABLE}, {HEADING_WEIGHT}, 1.0)"
    page = f"SELECT e.id, {rank} AS rank {base} ORDER BY rank, e.id LIMIT %s OFFSET %s"
    return page, f"SELECT count(*) {base}", [fts5_match(query), *params]


def sqlite_search(query: ParsedQuery, filters: dict[str, Any], *, limit: int, offset: int) -> tuple[int, list[int]]:
    page_sql, count_sql, params = sqlite_bare_sql(query, filters)
    with default_connection.cursor() as cursor:
        cursor.execute(count_sql, params)
        total = cursor.fetchone()[0]
        if total <= offset:
            return total, []
        cursor.execute(page_sql, [*params, limit, offset])
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
    from kompass.search.models import SearchEntry

    tsquery = postgres_query(query)
    matches = SearchEntry.objects.filter(**filters).alias(document=Document()).filter(document=tsquery)
    total = matches.count()
    if total <= offset:
        return total, []
    ranked = matches.annotate(rank=SearchRank(Document(), tsquery)).order_by("-rank", "id")
    return total, list(ranked.values_list("id", flat=True)[offset : offset + limit])


class Document(Expression):
    """The generated `document` column (PostgreSQL), which Django's model state does not know about."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]  # noqa: ANN001, ARG002
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.document", []
