"""The database-specific half of the search: schema and the full-text query, for PostgreSQL (Swedish
text-search configuration, GIN index on a stored tsvector) and SQLite (FTS5 over Snowball stems).

Both take the same cleaned query (text.ParsedQuery) and the same column filters (a dict of ORM lookups on
SearchEntry), match the filters as facet tokens inside the full-text index (`facet_groups`), and return
the total number of hits (capped) and one page of ids, best first."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper

from kompass.search.text import ParsedQuery, fts5_match

TABLE = "search_searchentry"
FTS_TABLE = "search_fts"
HEADING_WEIGHT = 4.0  # a match in the heading counts four times a match in the text (SQLite bm25)

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
FACET_VALUE = re.compile(r"[0-9A-Za-z_-]{1,40}")  # what ids, SCB codes, years and choice values look like

FACET_MARK = "§"  # PostgreSQL: the parser never keeps it in a lexeme, so no search word can equal a facet


def _postgres_facets() -> str:
    """The facet lexemes of a row in the generated `document` column (PostgreSQL): `§fa12 §fv3 §fy2012
    §fc19 §fm1980 §fssmall §fkstrength`, without positions, so that the GIN index intersects a word with
    its filters in one scan (and the planner estimates the combination from the lexemes' statistics)."""
    parts = [f"'{FACET_MARK}{prefix}' || lower(coalesce({column}::text, ''))" for prefix, column in FACET_COLUMNS]
    return "array_to_tsvector(ARRAY[" + ", ".join(parts) + "])"


POSTGRES_SCHEMA = [
    f"""ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish'::regconfig, coalesce(heading, '')), 'A')
        || setweight(to_tsvector('swedish'::regconfig, coalesce(text, '')), 'B')
        || {_postgres_facets()}) STORED""",
    f"CREATE INDEX IF NOT EXISTS search_entry_document_gin ON {TABLE} USING gin (document)",
]
POSTGRES_DROP = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS document",
]
MAX_HITS = 1000  # counted exactly up to here; above it "fler än 1 000", ranked among the newest MAX_HITS
FEW_MATCHES = 4 * MAX_HITS  # PostgreSQL: estimated matches read in one query, without an id window
YEARS = (1990, 2100)  # the facet tokens a year range expands to stay within these


def _facets(row: str) -> str:
    """The SQL (in a trigger, on `new`/`old` or the table) for the facet tokens of one index row: area,
    version, year, county, municipality, size and kind as words (`fa12 fv3 fy2012 fc19 fm1980 fssmall
    fkstrength`), so that FTS5 filters by intersecting posting lists instead of joining the rows."""
    parts = [f"'{prefix}' || coalesce({row}.{column}, '')" for prefix, column in FACET_COLUMNS]
    return " || ' ' || ".join(parts)


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


def facet_groups(filters: dict[str, Any]) -> list[list[str]] | None:
    """The filters as facet tokens: a list of groups, each matched if any of its tokens is (OR), all
    groups required (AND); a year range is the OR of its years within YEARS. None when nothing can
    match (an empty choice, an empty year range). Tokens are made from our own prefixes and the filters'
    values, never from the query."""
    groups = []
    for lookup, value in filters.items():
        column, _, operator = lookup.partition("__")
        if operator in ("gte", "lte", "not_in"):
            continue
        values = [str(v) for v in value] if operator == "in" else [str(value)]
        if not values or not all(FACET_VALUE.fullmatch(v) for v in values):
            return None  # no row has an empty choice or a value outside ids, codes and choice names
        groups.append([FACET_PREFIX[column] + v.lower() for v in values])
    if "year__gte" in filters or "year__lte" in filters:
        first = max(int(filters.get("year__gte", YEARS[0])), YEARS[0])
        last = min(int(filters.get("year__lte", YEARS[1])), YEARS[1])
        if first > last:
            return None
        groups.append([f"fy{year}" for year in range(first, last + 1)])
    return groups


def facet_exclusions(filters: dict[str, Any]) -> list[str]:
    """Facet tokens no hit may have (`municipality_id__not_in`: the demo left out of public search)."""
    tokens = []
    for lookup, values in filters.items():
        column, _, operator = lookup.partition("__")
        if operator == "not_in":
            tokens += [FACET_PREFIX[column] + str(v).lower() for v in values if FACET_VALUE.fullmatch(str(v))]
    return tokens


def sqlite_match(query: ParsedQuery, filters: dict[str, Any]) -> str:
    """The FTS5 MATCH expression: the query's stems in the text columns, ANDed with the filters as facet
    tokens in the facets column (`facets : ("fa1" OR "fa9")`). The user's text only reaches it as stems,
    quoted, in `text.fts5_match`; "" when nothing can match."""
    groups = facet_groups(filters)
    if groups is None:
        return ""
    parts = [f"{{heading_stems stems}} : ({fts5_match(query)})"]
    parts += ["facets : (" + " OR ".join(_quoted(token) for token in group) + ")" for group in groups]
    excluded = facet_exclusions(filters)
    match = " AND ".join(parts)
    if excluded:
        match = f"({match}) NOT facets : (" + " OR ".join(_quoted(token) for token in excluded) + ")"
    return match


RANK = f"bm25({FTS_TABLE}, {HEADING_WEIGHT}, 1.0, 0.0)"


def sqlite_sql() -> str:
    """The one FTS5 statement of a search (parameter: the match): the newest MAX_HITS + 1 matches with
    their bm25 rank, so that one pass over the posting lists gives both the capped count and the ranking
    (`rank_page`). Shared with the benchmark."""
    return f"SELECT rowid, {RANK} FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC LIMIT {MAX_HITS + 1}"


def rank_page(newest: list[tuple[int, float]], *, best_first: bool, limit: int, offset: int) -> list[int]:
    """One page of ids from the newest matches as (id, rank), newest first: the first MAX_HITS of them
    (all when there are no more) ordered by rank — ascending for bm25, whose best score is the lowest,
    descending for ts_rank — then by id, so equal ranks page stably."""
    sign = -1 if best_first else 1
    ranked = sorted(newest[:MAX_HITS], key=lambda row: (sign * row[1], row[0]))
    return [row[0] for row in ranked[offset : offset + limit]]


def sqlite_search(query: ParsedQuery, filters: dict[str, Any], *, limit: int, offset: int) -> tuple[int, list[int]]:
    """Everything in one FTS5 statement: the newest MAX_HITS + 1 matches with bm25, so the count stops at
    MAX_HITS + 1 and bm25 ranks the newest MAX_HITS (all of them when there are no more); a word in
    80,000 texts costs what one in 1,000 does."""
    match = sqlite_match(query, filters)
    if not match:
        return 0, []
    with default_connection.cursor() as cursor:
        cursor.execute(sqlite_sql(), [match])
        newest = cursor.fetchall()
    return len(newest), rank_page(newest, best_first=False, limit=limit, offset=offset)


def postgres_tsquery(query: ParsedQuery) -> tuple[str, list[str]]:
    """The words as a tsquery (SQL and parameters): each word through plainto_tsquery, each phrase
    through phraseto_tsquery, ANDed; PostgreSQL's Swedish configuration stems them. The user's text is
    only ever a parameter."""
    parts = [("plainto_tsquery('swedish'::regconfig, %s)", term) for term in query.terms]
    parts += [("phraseto_tsquery('swedish'::regconfig, %s)", " ".join(phrase)) for phrase in query.phrases]
    return "(" + " && ".join(sql for sql, _ in parts) + ")", [value for _, value in parts]


def postgres_facets(groups: list[list[str]], excluded: list[str] | None = None) -> str:
    """The facet groups as the text of a tsquery (`('§fa1' | '§fa9') & '§fkstrength' & !'§fm9999'`),
    passed as a parameter and cast (to_tsquery would drop the mark). Lexemes quoted, quotes doubled."""
    parts = ["(" + " | ".join(_lexeme(token) for token in group) + ")" for group in groups]
    parts += ["!" + _lexeme(token) for token in excluded or []]
    return " & ".join(parts)


def _lexeme(token: str) -> str:
    return "'" + (FACET_MARK + token).replace("\\", "\\\\").replace("'", "''") + "'"


def postgres_search(query: ParsedQuery, filters: dict[str, Any], *, limit: int, offset: int) -> tuple[int, list[int]]:
    """The newest MAX_HITS + 1 matches with their ts_rank (`_postgres_newest`): their number is the
    capped count, and the newest MAX_HITS of them are ranked (by the words only: every match has all
    its facets), so a frequent word does not make PostgreSQL read and rank tens of thousands of rows."""
    groups = facet_groups(filters)
    if groups is None:
        return 0, []
    words, params = postgres_tsquery(query)
    excluded = facet_exclusions(filters)
    if groups or excluded:
        match, match_params = f"({words} && %s::tsquery)", [*params, postgres_facets(groups, excluded)]
    else:
        match, match_params = words, params
    newest = _postgres_newest(match, match_params, rank=(words, params))
    return len(newest), rank_page(newest, best_first=True, limit=limit, offset=offset)


def postgres_sql(match: str, rank: str) -> tuple[str, str]:
    """The estimate and the window statements for the tsquery SQL `match` (parameters: match's; then
    rank's, match's and the floor id). The window finds the newest MAX_HITS + 1 matches above an id and
    ranks only those. It is ordered by `id + 0`: with statistics, PostgreSQL would otherwise walk the
    primary key backwards and test every row of the window (147 ms for two words in a 256k window)
    instead of AND-ing the GIN and primary-key bitmaps and sorting the matches."""
    estimate = f"EXPLAIN (FORMAT JSON) SELECT id FROM {TABLE} WHERE document @@ {match}"
    window = (
        f"SELECT id, ts_rank(document, {rank}) FROM {TABLE} WHERE id IN ("
        f"SELECT id FROM {TABLE} WHERE document @@ {match} AND id > %s ORDER BY id + 0 DESC LIMIT {MAX_HITS + 1}"
        ") ORDER BY id DESC"
    )
    return estimate, window


def _postgres_newest(match: str, params: list[str], *, rank: tuple[str, list[str]]) -> list[tuple[int, float]]:
    """(id, rank) of the newest MAX_HITS + 1 matches, newest first (all of them when there are fewer: so
    their number is the capped count). `ORDER BY id DESC LIMIT` alone would make PostgreSQL fetch every
    match from the heap (the GIN index has no order), so look in a window of the newest ids first and
    widen it until it holds enough matches or covers everything: the rows read stay near 16 × MAX_HITS
    whether the word is in 2 % or 80 % of the texts. When the planner expects few matches (FEW_MATCHES;
    its estimate comes from the lexemes' statistics, facets included) they are read in one query,
    without a window. The next window is sized from the density of matches in the last one
    (`_widening`), so sparse matches need two window queries rather than three or four."""
    estimate_sql, window_sql = postgres_sql(match, rank[0])
    with default_connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {TABLE}")
        top = cursor.fetchone()[0] or 0
        cursor.execute(estimate_sql, params)
        plan = cursor.fetchone()[0]
        estimated = int((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"])
        window = top if estimated <= FEW_MATCHES else 16 * MAX_HITS
        while True:
            floor = max(top - window, 0)
            cursor.execute(window_sql, [*rank[1], *params, floor])
            rows = cursor.fetchall()
            if len(rows) > MAX_HITS or floor == 0:
                return rows
            window *= _widening(len(rows))


def _widening(found: int) -> int:
    """How much to widen a window that held `found` (≤ MAX_HITS) matches: enough for MAX_HITS + 1 at the
    same density with half again as margin, at least ×4 (so the loop ends quickly) and at most ×256 (an
    empty window says little about the rest)."""
    return max(4, min(256, math.ceil(1.5 * (MAX_HITS + 1) / max(found, 1))))
