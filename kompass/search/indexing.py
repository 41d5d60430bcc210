"""The search index: one SearchEntry per published text. signals.py keeps it current when evaluations
and texts are saved or deleted; `kompass reindex_search` rebuilds it (`reindex_all`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from kompass.assessment.models import AreaText, Finding, SubAreaText
from kompass.evaluations import queries
from kompass.evaluations.enums import FindingKind, Status
from kompass.evaluations.models import Evaluation
from kompass.municipalities.models import KeyFigure
from kompass.search import backends
from kompass.search.enums import EntryKind, EntrySource, SizeClass
from kompass.search.models import SearchEntry
from kompass.search.text import (
    clean_text,
    stems,
)

POPULATION_FIGURES = ("folkmängd", "befolkning", "invånare", "population")
Populations = dict[str, list[tuple[int, Decimal]]]

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
