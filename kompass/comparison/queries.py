"""Reusable querysets for the public comparison: what is published, filtered the way pages and API filter."""

from __future__ import annotations

import time
from typing import Any

from django.db.models import Count, F, Max, QuerySet

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
    kommungrupp: str | None = None,
    sort: str = DEFAULT_SORT,
    include_demo: bool = False,
) -> QuerySet[Evaluation]:
    """Published evaluations, filtered by criteria version code, year, county code, municipality code and
    kommungrupp, sorted by one of SORTS ("year" = newest first; unknown totals always last). The demo
    municipality is left out unless asked for: `include_demo`, or its code as `municipality`."""
    results = queries.published().select_related("municipality__county", "version")
    if not include_demo and not municipality:
        results = results.filter(municipality__is_demo=False)
    if kommungrupp:
        results = results.filter(municipality__kommungrupp=kommungrupp)
    if version:
        results = results.filter(version__code=version)
    if year:
        results = results.filter(year=year)
    if county:
        results = results.filter(municipality__county_id=county)
    if municipality:
        results = results.filter(municipality_id=municipality)
    first, *rest = SORTS.get(sort, SORTS[DEFAULT_SORT])
    if first.lstrip("-") == "total":
        order = F("total").desc(nulls_last=True) if first.startswith("-") else F("total").asc(nulls_last=True)
        return results.order_by(order, *rest, "sequence")
    return results.order_by(first, *rest, "sequence")


def statistics_scope() -> QuerySet[Evaluation]:
    """The evaluations that count in averages: published, not demo (`kompass.evaluations.queries.countable`)."""
    return queries.countable()


STAMP_SECONDS = 2.0
_stamp_memo: dict[str, Any] = {}


def data_stamp() -> tuple[Any, ...]:
    """A fingerprint of the published results: it changes whenever an evaluation is published,
    unpublished, deleted or has its scores or totals refreshed (the score services touch `updated_at`).
    Cached statistics are keyed by it. The query scans the published evaluations, so one process reuses
    its answer for STAMP_SECONDS (a page asks several times); saving an evaluation clears that memo at
    once in the saving process (see `forget_data_stamp`), other processes follow within STAMP_SECONDS."""
    now = time.monotonic()
    if _stamp_memo.get("until", 0) > now:
        return _stamp_memo["stamp"]
    row = queries.published().aggregate(n=Count("id"), last=Max("updated_at"), top=Max("id"))
    stamp = (row["n"], row["last"].isoformat() if row["last"] else "", row["top"])
    _stamp_memo.update(stamp=stamp, until=now + STAMP_SECONDS)
    return stamp


def forget_data_stamp() -> None:
    """Recompute the stamp on next use (called by comparison.signals when published results change)."""
    _stamp_memo.clear()
