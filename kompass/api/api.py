"""The JSON API (django-ninja): read-only, public data only, calling the same services and queries as the
public pages. Rate limited (kompass/api/throttling.py); evaluations come through `get_evaluation_or_404`."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema, Status
from ninja.errors import Throttled, ValidationError
from ninja.pagination import PageNumberPagination, paginate

from kompass.api import schemas
from kompass.api.throttling import AnonymousRateLimit, SignedInRateLimit
from kompass.comparison import averages, comparing, profiles
from kompass.comparison import queries as comparison_queries
from kompass.comparison.models import ReferenceAverage
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.models import Evaluation
from kompass.evaluations.permissions import get_evaluation_or_404
from kompass.municipalities.models import Municipality
from kompass.search.enums import EntryKind, SizeClass

MAX_PAGE_SIZE = 100
# Codes and keys are short slugs; anything else (NUL bytes, slashes, long strings) is refused with 422 before
# it reaches the database.
SLUG = "^[A-Za-z0-9_-]{1,30}$"
KOMMUNGRUPP = "^[ABC][1-9]$"


api = NinjaAPI(
    title="kompass – Kommunkompassens öppna API",
    version="1.0.0",
    description=(
        "Publicerade resultat från Kommunkompassen: kommuner, kriterieversioner, utvärderingar, genomsnitt, "
        "jämförelser och goda exempel. Bara publicerade utvärderingar. Poäng som inte publicerats är null, "
        "aldrig 0. Anrop begränsas per klient (svar 429 med Retry-After). Felmeddelanden är på svenska."
    ),
    urls_namespace="api",
    docs_url=None,
    throttle=[AnonymousRateLimit(), SignedInRateLimit()],
)

# pydantic's error types → Swedish; the context (ge, le, …) fills the placeholders.
ERROR_MESSAGES = {
    "missing": "Parametern saknas.",
    "int_parsing": "Ange ett heltal.",
    "int_type": "Ange ett heltal.",
    "bool_parsing": "Ange true eller false.",
    "greater_than_equal": "Värdet måste vara minst %(ge)s.",
    "less_than_equal": "Värdet får vara högst %(le)s.",
    "string_too_short": "Värdet måste ha minst %(min_length)s tecken.",
    "string_too_long": "Värdet får ha högst %(max_length)s tecken.",
    "string_pattern_mismatch": "Värdet har fel form.",
    "enum": "Tillåtna värden: %(expected)s.",
    "literal_error": "Tillåtna värden: %(expected)s.",
}


def _message(error: dict[str, Any]) -> str:
    """One pydantic error in Swedish."""
    context = error.get("ctx") or {}
    if error.get("type") == "value_error" and "error" in context:
        return str(context["error"])  # our own validators speak Swedish already
    template = ERROR_MESSAGES.get(str(error.get("type")), "Ogiltigt värde.")
    try:
        return _(template) % {k: str(v) for k, v in context.items()}
    except (KeyError, ValueError, TypeError):
        return _("Ogiltigt värde.")


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(
        request, {"detail": _("För många anrop. Vänta en stund och försök igen.")}, status=429
    )
    if exc.wait:
        response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = sorted({".".join(str(p) for p in e.get("loc", [])[1:]) for e in exc.errors})
    detail = _("Ogiltiga parametrar: %(fields)s.") % {"fields": ", ".join(f or "?" for f in fields)}
    errors = [{"loc": list(e.get("loc", [])), "msg": _message(e)} for e in exc.errors]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    message = str(exc)
    if not message or message.endswith("matches the given query."):  # Django's own English text
        message = _("Finns inte.")
    return api.create_response(request, {"detail": message}, status=404)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _get(queryset: QuerySet[Any], what: str, **lookup: Any) -> Any:
    """The one object matching `lookup`, or 404 with a Swedish message naming `what`."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404(_("%(what)s finns inte.") % {"what": what})
    return found


def _with_points(evaluations: list[Evaluation]) -> list[Evaluation]:
    """Set `area_points` (area number → points) on each evaluation, in one query for the page."""
    points = averages.points_by_evaluation([e.pk for e in evaluations])
    for evaluation in evaluations:
        evaluation.area_points = points.get(evaluation.pk, {})  # type: ignore[attr-defined]
    return evaluations


class Pages(PageNumberPagination):
    """`page` (from 1) and `page_size` (1–100, default 50); lists answer count, page, pages and results.
    `prepare` may complete the page's rows (one query for the page, not one per row)."""

    items_attribute = "results"

    class Input(Schema):
        page: int = Field(1, ge=1, description="Sida, från 1")
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description="Rader per sida, 1–100")

    class Output(Schema):
        count: int
        page: int
        pages: int
        results: list[Any]

    def __init__(self, *, prepare: Any = None, **kwargs: Any) -> None:
        super().__init__(page_size=50, max_page_size=MAX_PAGE_SIZE, **kwargs)
        self.prepare = prepare

    def paginate_queryset(self, queryset: QuerySet[Model], pagination: Any, request: HttpRequest, **params: Any) -> Any:
        count = queryset.count()
        size = pagination.page_size
        rows = list(queryset[(pagination.page - 1) * size : pagination.page * size])
        return {
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
            "results": self.prepare(rows) if self.prepare else rows,
        }


def _average(profile: averages.AverageProfile) -> dict[str, Any]:
    return {
        "version": profile.version_code,
        "areas": [
            {"number": a.number, "name": a.name, "mean": _num(a.shown), "n": a.n, "reliable": a.reliable}
            for a in profile.areas
        ],
        "total_mean": _num(profile.total.shown),
        "total_n": profile.total_n,
        "evaluations_n": profile.evaluations_n,
        "min_n": profile.min_n,
    }


def _version(code: str) -> CriteriaVersion:
    return _get(CriteriaVersion.objects.all(), _("Kriterieversionen"), code=code)


INVALID = {422: schemas.ValidationFailure, 429: schemas.Error}
NOT_FOUND = {404: schemas.Error, **INVALID}


@api.get(
    "/municipalities",
    response={200: list[schemas.Municipality], **INVALID},
    tags=["kommuner"],
    summary="Lista kommuner",
)
@paginate(Pages)
def list_municipalities(
    request: HttpRequest,
    county: str | None = Query(None, description="Länskod, t.ex. 19", pattern=SLUG),
    evaluated: bool = Query(False, description="Bara kommuner med minst en publicerad utvärdering"),
    kommungrupp: str | None = Query(None, description="SKR:s kommungrupp, t.ex. B3", pattern=KOMMUNGRUPP),
    include_demo: bool = Query(False, description="Ta med demokommunen (9999)"),
) -> QuerySet[Municipality]:
    """Kommunregistret (SCB:s koder), sorterat på namn. Demokommunen bara med include_demo."""
    municipalities = Municipality.objects.select_related("county").order_by("short_name", "code")
    if not include_demo:
        municipalities = municipalities.filter(is_demo=False)
    if county:
        municipalities = municipalities.filter(county_id=county)
    if kommungrupp:
        municipalities = municipalities.filter(kommungrupp=kommungrupp)
    if evaluated:
        municipalities = municipalities.filter(code__in=comparison_queries.public_results().values("municipality_id"))
    return municipalities


@api.get(
    "/municipalities/{code}",
    response={200: schemas.MunicipalityDetail, **NOT_FOUND},
    tags=["kommuner"],
    summary="En kommun",
)
def get_municipality(request: HttpRequest, code: str = Path(..., pattern=SLUG)) -> Municipality:
    """En kommun med alla dess publicerade utvärderingar, äldst först."""
    municipality: Municipality = _get(Municipality.objects.select_related("county"), _("Kommunen"), code=code)
    municipality.published_evaluations = profiles.municipality_history(municipality).evaluations  # type: ignore[attr-defined]
    return municipality


@api.get(
    "/versions", response={200: list[schemas.Version], **INVALID}, tags=["kriterier"], summary="Lista kriterieversioner"
)
def list_versions(request: HttpRequest) -> list[CriteriaVersion]:
    """Kriterieversionerna, äldst först."""
    return list(CriteriaVersion.objects.order_by("used_from"))


@api.get(
    "/versions/{code}",
    response={200: schemas.VersionDetail, **NOT_FOUND},
    tags=["kriterier"],
    summary="En kriterieversion",
)
def get_version(request: HttpRequest, code: str = Path(..., pattern=SLUG)) -> dict[str, Any]:
    """En kriterieversion med sina åtta huvudområden."""
    version = _version(code)
    return {
        "code": version.code,
        "name": version.name,
        "edition": version.edition,
        "used_from": version.used_from,
        "used_to": version.used_to,
        "description": version.description,
        "areas": list(version.areas.order_by("number").values("number", "name", "aliases", "perspective")),
    }


@api.get(
    "/evaluations",
    response={200: list[schemas.Evaluation], **INVALID},
    tags=["utvärderingar"],
    summary="Lista publicerade utvärderingar",
)
@paginate(Pages, prepare=_with_points)
def list_evaluations(
    request: HttpRequest,
    version: str | None = Query(None, description="Kriterieversion, t.ex. kk2010", pattern=SLUG),
    year: int | None = Query(None, ge=1990, le=2100),
    county: str | None = Query(None, description="Länskod", pattern=SLUG),
    municipality: str | None = Query(None, description="Kommunkod", pattern=SLUG),
    kommungrupp: str | None = Query(None, description="SKR:s kommungrupp, t.ex. B3", pattern=KOMMUNGRUPP),
    include_demo: bool = Query(False, description="Ta med demokommunen (9999)"),
    sort: str = Query(
        "year", pattern="^-?(year|municipality|total)$", description="year, municipality, total; - vänder"
    ),
) -> QuerySet[Evaluation]:
    """Publicerade utvärderingar med poäng per område, filtrerade och sidindelade. Demokommunen bara med
    include_demo (eller med dess kod som municipality); okända totaler sist vid sortering på total."""
    return comparison_queries.public_results(
        version=version,
        year=year,
        county=county,
        municipality=municipality,
        kommungrupp=kommungrupp,
        sort=sort,
        include_demo=include_demo,
    )


@api.get(
    "/evaluations/{key}",
    response={200: schemas.EvaluationDetail, **NOT_FOUND},
    tags=["utvärderingar"],
    summary="En utvärdering",
)
def get_evaluation(request: HttpRequest, key: str = Path(..., pattern=SLUG)) -> Evaluation:
    """En utvärdering med poäng per område mot versionens genomsnitt (med N)."""
    evaluation = get_evaluation_or_404(request.user, key, "evaluations.view_evaluation")
    profile = profiles.evaluation_profile(evaluation)
    evaluation.area_points = {r.number: r.points for r in profile.rows if r.points is not None}  # type: ignore[attr-defined]
    evaluation.profile = [  # type: ignore[attr-defined]
        {
            "number": r.number,
            "name": r.name,
            "points": r.points,
            "average": r.average.shown if r.average else None,
            "average_n": r.average.n if r.average else 0,
        }
        for r in profile.rows
    ]
    evaluation.version_average = _average(profile.average)  # type: ignore[attr-defined]
    return evaluation


@api.get(
    "/averages/{version}",
    response={200: schemas.Averages, **NOT_FOUND},
    tags=["genomsnitt"],
    summary="Genomsnitt för en kriterieversion",
)
def get_averages(
    request: HttpRequest,
    version: str = Path(..., pattern=SLUG),
    by: averages.Grouping | None = Query(  # noqa: B008
        None, description="Dela upp per år (year), län (county) eller kommungrupp (kommungrupp)"
    ),
) -> dict[str, Any]:
    """Genomsnitt över publicerade utvärderingar på en version, med N per siffra; SKR:s publicerade
    referensvärden redovisas för sig i `published_references`."""
    criteria = _version(version)
    groups = averages.cached_grouped_averages(criteria, by=by) if by else []
    return {
        "version": criteria.code,
        "overall": _average(averages.cached_version_average(criteria)),
        "by": by,
        "groups": [{"key": g.key, "label": g.label, "average": _average(g.profile)} for g in groups],
        "published_references": [_reference(r) for r in averages.reference_averages(criteria)],
    }


def _reference(r: ReferenceAverage) -> dict[str, Any]:
    return {
        "scope": r.scope,
        "period": r.period,
        "statistic": r.statistic,
        "area_values": {k: float(v) for k, v in r.area_values.items()},
        "total": _num(r.total),
        "source_url": r.source_url,
        "note": r.notes,
    }


@api.get(
    "/comparison",
    response={200: schemas.Comparison, 400: schemas.Error, **NOT_FOUND},
    tags=["jämförelser"],
    summary="Jämför kommuner",
)
def get_comparison(
    request: HttpRequest,
    version: str = Query(..., description="Kriterieversion", pattern=SLUG),
    municipality: list[schemas.Slug] = Query(..., description="Kommunkoder, högst 8"),  # noqa: B008
) -> Any:
    """Kommunernas senaste publicerade utvärdering på versionen, sida vid sida med genomsnittet."""
    criteria = _version(version)
    try:
        result = comparing.compare_municipalities(municipality, version=criteria)
    except comparing.ComparisonError as exc:
        return Status(400, {"detail": str(exc)})
    return {
        "version": criteria.code,
        "municipalities": [
            {
                "municipality": c.municipality.code,
                "municipality_name": c.municipality.short_name,
                "evaluation": c.evaluation.key if c.evaluation else None,
                "year": c.evaluation.year if c.evaluation else None,
                "total": _num(c.evaluation.total) if c.evaluation else None,
                "areas": [{"number": n, "points": _num(c.points.get(n))} for n in range(1, 9)],
            }
            for c in result.columns
        ],
        "average": _average(result.average),
    }


@api.get(
    "/search",
    response={200: schemas.SearchPage, **NOT_FOUND},
    tags=["goda exempel"],
    summary="Sök goda exempel",
)
def search_texts(
    request: HttpRequest,
    q: schemas.UserText = Query(..., min_length=1, max_length=200, description="Sökord; ”citat” söker en fras"),  # noqa: B008
    version: str | None = Query(None, pattern=SLUG, description="Kriterieversion, t.ex. kk2010"),
    area: str | None = Query(
        None,
        pattern="^[a-z0-9_-]{2,30}:[1-8]$",
        description="Område som version:nummer, t.ex. kk2010:2; motsvarande områden i andra versioner räknas med",
    ),
    year_from: int | None = Query(None, ge=1990, le=2100),
    year_to: int | None = Query(None, ge=1990, le=2100),
    county: str | None = Query(None, pattern="^[0-9]{2}$", description="Länskod"),
    municipality: str | None = Query(None, pattern="^[0-9]{4}$", description="Kommunkod"),
    kinds: list[EntryKind] | None = Query(  # noqa: B008
        None, description="Del av rapporten (upprepas): general, subarea, strength, improvement"
    ),
    same_version_only: bool = Query(
        False, description="Bara området i just den versionen, inte motsvarande områden i andra versioner"
    ),
    size: SizeClass | None = Query(None, description="Kommunens storlek (när nyckeltal för folkmängd finns)"),  # noqa: B008
    page: int = Query(1, ge=1, le=50),
) -> Any:
    """Goda exempel: fritextsökning med svensk ordstamning i publicerade texter (Allmänt, delområden,
    styrkor, förbättringsmöjligheter), samma tjänst som sidan /goda-exempel/. Utdrag är escapad HTML med
    träffarna i <mark>."""
    from kompass.search.services import SearchFilters, search

    criteria = _version(version) if version else None
    area_pk = None
    if area is not None:
        code, _sep, number = area.partition(":")
        area_pk = _get(_version(code).areas.all(), _("Området"), number=int(number)).pk
    filters = SearchFilters(
        area=area_pk,
        same_version_only=same_version_only,
        size=size,
        kinds=tuple(kinds or ()),
        version=criteria.pk if criteria else None,
        year_from=year_from,
        year_to=year_to,
        county=county,
        municipality=municipality,
    )
    results = search(q, filters=filters, page=page)
    return {
        "query": results.query,
        "total": results.total,
        "total_is_capped": results.total_is_capped,
        "page": results.page,
        "pages": results.pages,
        "page_size": results.page_size,
        "messages": results.messages,
        "results": [hit.as_json() for hit in results.hits],
    }
