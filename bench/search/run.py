"""Search benchmark: `search()` against the bare full-text SQL it runs, on a database of
synthetic published evaluations.

    .venv/bin/kompass synthetic 10000 --database-url sqlite:////tmp/syn.sqlite3
    DATABASE_URL=sqlite:////tmp/syn.sqlite3 .venv/bin/kompass reindex_search
    DATABASE_URL=sqlite:////tmp/syn.sqlite3 .venv/bin/python bench/search/run.py

(the same with a PostgreSQL DATABASE_URL). Prints p50/p95 in ms per query for the service and for the
bare full-text SQL it runs (SQLite: the one FTS5 statement giving the newest MAX_HITS + 1 matches with
bm25; PostgreSQL: max(id) and the id-window statements giving them with ts_rank), the ratio of the p95s,
and the p95 of *all* the SQL the service runs replayed bare (also the filters' area lookups and the
query that reads the page's 20 rows), so what is left of the service time is Python; and the service's p95
when every search opens a new database connection, as each request does with KOMPASS_DB_CONN_MAX_AGE=0.
"hits" is the total as search() reports it (MAX_HITS + 1 = "fler än 1 000")."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kompass.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from kompass.criteria.models import Area  # noqa: E402
from kompass.search import backends  # noqa: E402
from kompass.search.models import SearchEntry  # noqa: E402
from kompass.search.services import PAGE_SIZE, SearchFilters, search  # noqa: E402
from kompass.search.text import parse_query  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))


def cases() -> list[tuple[str, str, SearchFilters]]:
    area = Area.objects.get(version__code="kk2010", number=1).pk
    return [
        ("rare word", "kontaktcenter", SearchFilters()),
        ("common word", "medborgardialog", SearchFilters()),
        ("two words", "klagomålshantering uppföljning", SearchFilters()),
        ("phrase", '"följer regelbundet upp"', SearchFilters()),
        ("word + area (mapped) + years", "medborgardialog", SearchFilters(area=area, year_from=2010, year_to=2015)),
        ("word + county + kind", "medborgardialog", SearchFilters(county="19", kinds=("strength",))),
        ("page 5", "medborgardialog", SearchFilters()),
    ]


def backend_sql(query: str, filters: SearchFilters, page: int) -> list[str]:
    """The SQL statements the database-specific half of `search()` runs for this case (capped count,
    candidate windows on PostgreSQL, one ranked page of ids), captured once with their parameters."""
    parsed, lookups = parse_query(query), filters.lookups()
    run = backends.postgres_search if connection.vendor == "postgresql" else backends.sqlite_search
    with CaptureQueriesContext(connection) as captured:
        run(parsed, lookups, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    return [q["sql"] for q in captured.captured_queries]


def all_sql(query: str, filters: SearchFilters, page: int) -> list[str]:
    """Every statement `search()` runs for this case, captured once with its parameters."""
    with CaptureQueriesContext(connection) as captured:
        search(query, filters=filters, page=page)
    return [q["sql"] for q in captured.captured_queries]


def on_new_connection(fn):  # type: ignore[no-untyped-def]
    def run():  # type: ignore[no-untyped-def]
        connection.close()
        fn()

    return run


def bare(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
            cursor.fetchall()


def timed(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    fn()  # warm up
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    rows = SearchEntry.objects.count()
    evaluations = SearchEntry.objects.values("evaluation").distinct().count()
    print(f"{connection.vendor}: {rows} index rows from {evaluations} published evaluations, {ROUNDS} rounds")
    print(
        f"{'case':32} {'hits':>7} {'svc p50':>8} {'svc p95':>8} {'sql p50':>8} {'sql p95':>8} {'ratio':>6}"
        f" {'all-sql p95':>12} {'new-conn p95':>13}"
    )
    all_service: list[float] = []
    for name, query, filters in cases():
        page = 5 if name == "page 5" else 1
        service = timed(lambda: search(query, filters=filters, page=page), ROUNDS)  # noqa: B023
        statements = backend_sql(query, filters, page)
        sql = timed(lambda: bare(statements), ROUNDS)  # noqa: B023
        every = all_sql(query, filters, page)
        everything = timed(lambda: bare(every), ROUNDS)  # noqa: B023
        fresh = timed(on_new_connection(lambda: search(query, filters=filters, page=page)), ROUNDS)  # noqa: B023
        all_service += service
        hits = search(query, filters=filters, page=page).total
        print(
            f"{name:32} {hits:>7} {statistics.median(service):8.1f} {p95(service):8.1f} "
            f"{statistics.median(sql):8.1f} {p95(sql):8.1f} {p95(service) / p95(sql):6.2f} "
            f"{p95(everything):12.1f} {p95(fresh):13.1f}"
        )
    print(f"all cases: service p95 {p95(all_service):.1f} ms")


if __name__ == "__main__":
    main()
