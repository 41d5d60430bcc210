"""Published results, reference averages and averages computed over the database (PRODUCT.md §7)."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Avg, Count, QuerySet, TextChoices
from django.utils.translation import gettext_lazy as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.models import ReferenceAverage
from kompass.criteria.models import AreaMapping, CriteriaVersion
from kompass.evaluations import queries
from kompass.evaluations.enums import Origin, Status
from kompass.evaluations.models import AreaScore, Evaluation
from kompass.evaluations.services import ScoreError, create_evaluation, parse_points, set_published_scores
from kompass.municipalities.models import County, KeyFigure, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
AREA_COLUMNS = [f"a{n}" for n in range(1, 9)]
CACHE_SECONDS = 60 * 60
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


class DataFileError(ValueError):
    """A data file that cannot be loaded; names the file and line, in Swedish."""


# ---------------------------------------------------------------- averages


@dataclass(frozen=True)
class AreaAverage:
    number: int
    name: str
    mean: Decimal | None
    n: int


@dataclass(frozen=True)
class AverageProfile:
    """Averages over published evaluations on one version. Each figure says how many evaluations it
    covers; missing values are left out, never counted as zero."""

    version_code: str
    areas: list[AreaAverage]
    total_mean: Decimal | None
    total_n: int
    evaluations_n: int

    def area(self, number: int) -> AreaAverage | None:
        return next((a for a in self.areas if a.number == number), None)


def _round(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def version_average(
    version: CriteriaVersion,
    *,
    evaluations: QuerySet[Evaluation] | None = None,
    exclude: Evaluation | None = None,
) -> AverageProfile:
    """Average per area and of the total over the published (non-demo) evaluations on `version`,
    optionally narrowed by `evaluations` (a queryset, e.g. filtered by county or period)."""
    scope = (evaluations if evaluations is not None else queries.countable()).filter(version=version)
    if exclude is not None:
        scope = scope.exclude(pk=exclude.pk)
    rows: dict[int, Any] = {
        r["area__number"]: r
        for r in AreaScore.objects.filter(evaluation__in=scope, is_complete=True)
        .values("area__number")
        .annotate(mean=Avg("points"), n=Count("id"))
    }
    areas = [
        AreaAverage(a.number, a.name, _round(rows.get(a.number, {}).get("mean")), rows.get(a.number, {}).get("n", 0))
        for a in version.areas.order_by("number")
    ]
    total = scope.filter(total__isnull=False).aggregate(mean=Avg("total"), n=Count("id"))
    return AverageProfile(
        version_code=version.code,
        areas=areas,
        total_mean=_round(total["mean"]),
        total_n=total["n"],
        evaluations_n=scope.count(),
    )


# ---------------------------------------------------------------- loading published results


def parse_evaluators(text: str) -> list[dict[str, str]]:
    """ "Christine Feuk; Åsa Franzén (SKL)" → [{name, organisation}, …]."""
    people = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", part)
        name, organisation = (match.group(1), match.group(2)) if match else (part, "")
        people.append({"name": name.strip(), "organisation": organisation.strip()})
    return people


def ordinal_from_note(note: str) -> int | None:
    match = re.search(r"\b(" + "|".join(ORDINAL_WORDS) + r") evaluation", note.lower())
    return ORDINAL_WORDS[match.group(1)] if match else None


@dataclass(frozen=True)
class PublishedRow:
    line: int
    municipality: Municipality
    year: int
    version: CriteriaVersion
    area_points: dict[int, Decimal | None]
    printed_total: Decimal | None
    evaluators: list[dict[str, str]]
    source_url: str
    notes: str


def read_published_results(path: Path) -> list[PublishedRow]:
    """Read and check every row of published-results.csv; raises DataFileError naming the line."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"municipality_code", "year", "framework", "total", *AREA_COLUMNS} - set(reader.fieldnames or [])
        if missing:
            raise DataFileError(f"{path.name}: kolumner saknas: {', '.join(sorted(missing))}")
        for line, raw in enumerate(reader, start=2):
            rows.append(_published_row(path.name, line, raw, municipalities, versions))
    return rows


def _published_row(source, line, raw, municipalities, versions) -> PublishedRow:
    where = f"{source}, rad {line}"
    code = (raw.get("municipality_code") or "").strip()
    if code not in municipalities:
        raise DataFileError(f"{where}: okänd kommunkod ”{code}”")
    version_code = (raw.get("framework") or "").strip()
    if version_code not in versions:
        raise DataFileError(f"{where}: okänd kriterieversion ”{version_code}”")
    try:
        year = int(raw["year"])
        areas = {n: _optional_points(raw.get(f"a{n}")) for n in range(1, 9)}
        total = _optional_points(raw.get("total"))
    except (ValueError, ScoreError) as exc:
        raise DataFileError(f"{where}: {exc}") from None
    return PublishedRow(
        line=line,
        municipality=municipalities[code],
        year=year,
        version=versions[version_code],
        area_points=areas,
        printed_total=total,
        evaluators=parse_evaluators(raw.get("evaluators") or ""),
        source_url=(raw.get("source_url") or "").strip(),
        notes=(raw.get("notes") or "").strip(),
    )


def _optional_points(value: str | None) -> Decimal | None:
    return None if value is None or not value.strip() else parse_points(value)


@transaction.atomic
def load_published_results(path: Path = DATA_DIR / "published-results.csv") -> tuple[int, int]:
    """Load published results as published historical evaluations. Idempotent: a row whose evaluation
    was loaded before is updated in place. Returns (created, updated). All rows or none."""
    created = updated = 0
    for row in read_published_results(path):
        existing = Evaluation.objects.filter(
            municipality=row.municipality, year=row.year, origin=Origin.PUBLISHED_RECORD
        ).first()
        fields = {
            "evaluator_names": row.evaluators,
            "source_url": row.source_url[:500],
            "notes": row.notes,
            "ordinal": ordinal_from_note(row.notes),
        }
        if existing is None:
            evaluation = create_evaluation(
                row.municipality,
                version=row.version,
                year=row.year,
                status=Status.PUBLISHED,
                origin=Origin.PUBLISHED_RECORD,
                **fields,
            )
            created += 1
        else:
            evaluation = existing
            for key, value in fields.items():
                setattr(evaluation, key, value)
            evaluation.save()
            updated += 1
        try:
            set_published_scores(evaluation, area_points=row.area_points, printed_total=row.printed_total)
        except ScoreError as exc:
            raise DataFileError(f"{path.name}, rad {row.line}: {exc}") from None
    return created, updated


@transaction.atomic
def load_reference_averages(path: Path = DATA_DIR / "published-averages.csv") -> int:
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            where = f"{path.name}, rad {line}"
            version = versions.get((raw.get("framework") or "").strip())
            if version is None:
                raise DataFileError(f"{where}: okänd kriterieversion ”{raw.get('framework')}”")
            try:
                points = {n: _optional_points(raw.get(f"a{n}")) for n in range(1, 9)}
                values = {str(n): float(p) for n, p in points.items() if p is not None}
                total = _optional_points(raw.get("total"))
            except ScoreError as exc:
                raise DataFileError(f"{where}: {exc}") from None
            ReferenceAverage.objects.update_or_create(
                scope=raw["scope"].strip(),
                period=raw["period"].strip(),
                version=version,
                statistic=raw["statistic"].strip(),
                defaults={
                    "area_values": values,
                    "total": total,
                    "source_url": raw.get("source_url", "")[:500],
                    "notes": raw.get("notes", ""),
                },
            )
            count += 1
    return count


# ---------------------------------------------------------------- averages by period and county, cached


class Grouping(TextChoices):
    YEAR = "year", _("år")
    COUNTY = "county", _("län")


@dataclass(frozen=True)
class GroupAverage:
    """The averages of one group (a year or a county) within one criteria version."""

    key: str
    label: str
    profile: AverageProfile


def grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    """Averages per year or per county over the countable evaluations on `version`, in three aggregate
    queries whatever the number of evaluations. Same rules as `version_average`: missing values left out,
    N per figure, one version only."""
    field = {Grouping.YEAR: "year", Grouping.COUNTY: "municipality__county_id"}[Grouping(by)]
    scope = comparison_queries.statistics_scope().filter(version=version)
    areas = list(version.areas.order_by("number"))
    area_rows: dict[Any, dict[int, dict[str, Any]]] = {}
    for row in (
        AreaScore.objects.filter(evaluation__in=scope, is_complete=True)
        .values(f"evaluation__{field}", "area__number")
        .annotate(mean=Avg("points"), n=Count("id"))
        .order_by()
    ):
        area_rows.setdefault(row[f"evaluation__{field}"], {})[row["area__number"]] = row
    totals = {
        r[field]: r
        for r in scope.filter(total__isnull=False).values(field).annotate(mean=Avg("total"), n=Count("id")).order_by()
    }
    counts = {r[field]: r["n"] for r in scope.values(field).annotate(n=Count("id")).order_by()}
    labels = _group_labels(by, counts)
    groups = []
    for key in sorted(counts, key=lambda k: (k is None, str(k))):
        rows = area_rows.get(key, {})
        profile = AverageProfile(
            version_code=version.code,
            areas=[_area_average(a, rows.get(a.number, {})) for a in areas],
            total_mean=_round(totals.get(key, {}).get("mean")),
            total_n=totals.get(key, {}).get("n", 0),
            evaluations_n=counts[key],
        )
        groups.append(GroupAverage(key="" if key is None else str(key), label=labels[key], profile=profile))
    return groups


def _area_average(area: Any, row: dict[str, Any]) -> AreaAverage:
    return AreaAverage(area.number, area.name, _round(row.get("mean")), row.get("n", 0))


def points_by_evaluation(evaluation_ids: Any) -> dict[int, dict[int, Decimal]]:
    """evaluation id → area number → points, in one query (`evaluation_ids` may be a queryset)."""
    points: dict[int, dict[int, Decimal]] = {}
    rows = AreaScore.objects.filter(evaluation__in=evaluation_ids)
    for evaluation_id, number, value in rows.values_list("evaluation_id", "area__number", "points"):
        points.setdefault(evaluation_id, {})[number] = value
    return points


def _group_labels(by: str, keys: dict[Any, int]) -> dict[Any, str]:
    if by == Grouping.YEAR:
        return {k: str(k) for k in keys}
    names = dict(County.objects.filter(code__in=[k for k in keys if k]).values_list("code", "name"))
    return {k: names.get(k, str(_("utan län"))) for k in keys}


def _cached(name: str, compute: Callable[[], Any]) -> Any:
    """`compute()` through Django's cache, keyed by the data stamp: correct with several app servers and
    a shared cache, and never older than the published results."""
    key = "comparison:" + hashlib.sha256(repr((name, comparison_queries.data_stamp())).encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=CACHE_SECONDS)
    return value


def cached_version_average(version: CriteriaVersion) -> AverageProfile:
    """`version_average(version)` through the cache (pages, API and embeds call this)."""
    return _cached(f"version:{version.pk}", lambda: version_average(version))


def cached_grouped_averages(version: CriteriaVersion, *, by: str) -> list[GroupAverage]:
    return _cached(f"grouped:{version.pk}:{by}", lambda: grouped_averages(version, by=by))


def reference_averages(version: CriteriaVersion) -> list[ReferenceAverage]:
    """SKR's published reference figures for `version`, shown beside ours and never mixed in."""
    return list(ReferenceAverage.objects.filter(version=version).order_by("period", "scope", "statistic"))


# ---------------------------------------------------------------- one evaluation's profile


@dataclass(frozen=True)
class ProfileRow:
    number: int
    name: str
    points: Decimal | None
    average: AreaAverage | None


@dataclass(frozen=True)
class EvaluationProfile:
    """An evaluation's area scores beside its version's average (the radar chart and the embed)."""

    evaluation: Evaluation
    rows: list[ProfileRow]
    average: AverageProfile


def evaluation_profile(evaluation: Evaluation) -> EvaluationProfile:
    """The evaluation's known area scores and its version's average, in two or three queries."""
    points = dict(evaluation.area_scores.values_list("area__number", "points"))
    average = cached_version_average(evaluation.version)
    rows = [ProfileRow(a.number, a.name, points.get(a.number), a) for a in average.areas]
    return EvaluationProfile(evaluation=evaluation, rows=rows, average=average)


def latest_published(municipality: Municipality) -> Evaluation | None:
    return comparison_queries.public_results(municipality=municipality.code).order_by("-year", "-sequence").first()


# ---------------------------------------------------------------- a municipality's history


@dataclass(frozen=True)
class VersionChange:
    """Where the criteria version changes between two consecutive evaluations, with the mapping's note."""

    year: int
    from_version: str
    to_version: str
    note: str
    comparability: list[tuple[int, int, str]]  # (from area, to area, label)


@dataclass(frozen=True)
class History:
    municipality: Municipality
    evaluations: list[Evaluation]
    area_points: dict[int, dict[int, Decimal]]  # evaluation id → area number → points
    changes: list[VersionChange]


def municipality_history(municipality: Municipality) -> History:
    """Every published evaluation of `municipality`, oldest first, with its area scores and the version
    changes between them. Scores of different versions are never joined: the chart draws one line per
    version and marks each change."""
    evaluations = list(comparison_queries.public_results(municipality=municipality.code).order_by("year", "sequence"))
    area_points = points_by_evaluation([e.pk for e in evaluations])
    changes = [
        _version_change(before, after)
        for before, after in zip(evaluations, evaluations[1:], strict=False)
        if before.version_id != after.version_id
    ]
    return History(municipality=municipality, evaluations=evaluations, area_points=area_points, changes=changes)


def _version_change(before: Evaluation, after: Evaluation) -> VersionChange:
    mappings = list(
        AreaMapping.objects.filter(
            from_area__version_id=before.version_id, to_area__version_id=after.version_id
        ).select_related("from_area", "to_area")
    )
    note = mappings[0].note.strip() if mappings else str(_("Ingen mappning mellan versionerna finns inläst."))
    return VersionChange(
        year=after.year,
        from_version=before.version.code,
        to_version=after.version.code,
        note=note,
        comparability=[(m.from_area.number, m.to_area.number, m.get_comparability_display()) for m in mappings],
    )


# ---------------------------------------------------------------- comparing municipalities

MAX_COMPARED = 8
POPULATION = "folkmängd"
SIZE_CLASSES: list[tuple[int, int | None, str]] = [
    (0, 15_000, "under 15 000 invånare"),
    (15_000, 50_000, "15 000–49 999 invånare"),
    (50_000, 100_000, "50 000–99 999 invånare"),
    (100_000, None, "100 000 invånare eller fler"),
]


class ComparisonError(ValueError):
    """A comparison that cannot be made; the message is Swedish."""


@dataclass(frozen=True)
class ComparedMunicipality:
    municipality: Municipality
    evaluation: Evaluation | None
    points: dict[int, Decimal]


@dataclass(frozen=True)
class Comparison:
    version: CriteriaVersion
    columns: list[ComparedMunicipality]
    average: AverageProfile


def compare_municipalities(codes: list[str], *, version: CriteriaVersion) -> Comparison:
    """Each municipality's latest published evaluation on `version`, side by side with the version's
    average. Raises ComparisonError for more than MAX_COMPARED municipalities or an unknown code."""
    unique = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if len(unique) > MAX_COMPARED:
        raise ComparisonError(f"Jämför högst {MAX_COMPARED} kommuner åt gången (du valde {len(unique)}).")
    malformed = [c for c in unique if not re.fullmatch(r"[0-9A-Za-z]{4}", c)]
    if malformed:
        raise ComparisonError(f"Okänd kommunkod: {', '.join(repr(c) for c in malformed)}.")
    municipalities = Municipality.objects.in_bulk(unique)
    unknown = [c for c in unique if c not in municipalities]
    if unknown:
        raise ComparisonError(f"Okänd kommunkod: {', '.join(unknown)}.")
    latest: dict[str, Evaluation] = {}
    for evaluation in (
        comparison_queries.public_results(version=version.code)
        .filter(municipality_id__in=unique)
        .order_by("-year", "-sequence")
    ):
        latest.setdefault(evaluation.municipality_id, evaluation)
    points = points_by_evaluation([e.pk for e in latest.values()])
    columns = [
        ComparedMunicipality(
            municipalities[code], latest.get(code), points.get(latest[code].pk, {}) if code in latest else {}
        )
        for code in unique
    ]
    return Comparison(version=version, columns=columns, average=cached_version_average(version))


def size_class(population: Decimal | int | None) -> str | None:
    if population is None:
        return None
    for low, high, label in SIZE_CLASSES:
        if population >= low and (high is None or population < high):
            return label
    return None


def latest_populations(codes: list[str] | None = None) -> dict[str, Decimal]:
    """The newest loaded population figure per municipality (key figure POPULATION)."""
    figures = KeyFigure.objects.filter(name=POPULATION)
    if codes is not None:
        figures = figures.filter(municipality_id__in=codes)
    result: dict[str, Decimal] = {}
    for code, value in figures.order_by("municipality_id", "-year").values_list("municipality_id", "value"):
        result.setdefault(code, value)
    return result


@dataclass(frozen=True)
class Similar:
    municipality: Municipality
    reason: str


def similar_municipalities(municipality: Municipality, *, version: CriteriaVersion, limit: int = 8) -> list[Similar]:
    """Municipalities with a published evaluation on `version` in the same county, and (when population
    figures are loaded) of the same size class. Same county first."""
    evaluated = list(
        Municipality.objects.filter(evaluations__in=comparison_queries.statistics_scope().filter(version=version))
        .exclude(pk=municipality.pk)
        .select_related("county")
        .distinct()
        .order_by("short_name")
    )
    populations = latest_populations([m.code for m in evaluated] + [municipality.code])
    own_class = size_class(populations.get(municipality.code))
    similar = []
    for other in evaluated:
        reasons = []
        if municipality.county_id and other.county_id == municipality.county_id:
            reasons.append(str(_("samma län")))
        if own_class and size_class(populations.get(other.code)) == own_class:
            reasons.append(str(_("samma storleksklass (%(label)s)") % {"label": own_class}))
        if reasons:
            similar.append(Similar(other, ", ".join(reasons)))
    similar.sort(key=lambda s: (not s.reason.startswith(str(_("samma län"))), s.municipality.short_name))
    return similar[:limit]


# ---------------------------------------------------------------- open data

OPEN_DATA_COLUMNS = [
    "evaluation_key",
    "municipality_code",
    "municipality_name",
    "county_code",
    "county_name",
    "year",
    "criteria_version",
    *[f"area_{n}" for n in range(1, 9)],
    "printed_total",
    "computed_total",
    "total",
    "origin",
    "source_url",
    "evaluators",
    "published_at",
    "page_url",
]


def open_data_rows(*, version: str | None = None) -> list[dict[str, Any]]:
    """Every countable published evaluation (demo left out) as one flat row with OPEN_DATA_COLUMNS,
    oldest first; optionally one criteria version. Missing scores are None (an empty CSV cell), never 0.
    Two queries whatever the number of rows."""
    evaluations = comparison_queries.statistics_scope().select_related("municipality__county", "version")
    if version:
        evaluations = evaluations.filter(version__code=version)
    evaluations = evaluations.order_by("year", "municipality_id", "sequence")
    points = points_by_evaluation(evaluations.values("pk"))
    return [_open_data_row(e, points.get(e.pk, {})) for e in evaluations]


def _open_data_row(evaluation: Evaluation, points: dict[int, Decimal]) -> dict[str, Any]:
    county = evaluation.municipality.county
    return {
        "evaluation_key": evaluation.key,
        "municipality_code": evaluation.municipality_id,
        "municipality_name": evaluation.municipality.short_name,
        "county_code": county.code if county else None,
        "county_name": county.name if county else None,
        "year": evaluation.year,
        "criteria_version": evaluation.version.code,
        **{f"area_{n}": points.get(n) for n in range(1, 9)},
        "printed_total": evaluation.printed_total,
        "computed_total": evaluation.computed_total,
        "total": evaluation.total,
        "origin": evaluation.origin,
        "source_url": evaluation.source_url,
        "evaluators": evaluation.evaluators_label(),
        "published_at": evaluation.published_at.date().isoformat() if evaluation.published_at else None,
        "page_url": evaluation.get_absolute_url(),
    }
