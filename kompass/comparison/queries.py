"""Reusable querysets for the public comparison: what is published, filtered the way pages and API filter."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet

from kompass.evaluations import queries
from kompass.evaluations.models import Evaluation

SORTS = {
    "year": ("-year", "municipality__short_name"),
    "-year": ("year", "municipality__short_name"),
    "municipality": ("municipality__short_name", "-year"),
    "-municipality": ("-municipality__short_name", "-year"),
    "total": ("-total", "-year"),
    "-total": ("total", "-year"),
}
DEFAULT_SORT = "year"


def public_results(
    *,
    version: str | None = None,
    year: int | None = None,
    county: str | None = None,
    municipality: str | None = None,
    sort: str = DEFAULT_SORT,
) -> QuerySet[Evaluation]:
    """Published evaluations (the demo included, pages mark it), filtered by criteria version code, year,
    county code and municipality code, sorted by one of SORTS ("year" = newest first)."""
    results = queries.published().select_related("municipality__county", "version")
    if version:
        results = results.filter(version__code=version)
    if year:
        results = results.filter(year=year)
    if county:
        results = results.filter(municipality__county_id=county)
    if municipality:
        results = results.filter(municipality_id=municipality)
    return results.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]), "sequence")


def statistics_scope() -> QuerySet[Evaluation]:
    """The evaluations that count in averages: published, not demo (`kompass.evaluations.queries.countable`)."""
    return queries.countable()


def data_stamp() -> tuple[Any, ...]:
    """A cheap fingerprint of the published results: it changes whenever an evaluation is published,
    unpublished, deleted or has its scores or totals refreshed (the score services touch `updated_at`).
    Cached statistics are keyed by it, so a cache never serves figures older than the data."""
    row = queries.published().aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    return (row["n"], row["last"].isoformat() if row["last"] else "", row["top"])
