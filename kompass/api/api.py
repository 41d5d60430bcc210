"""The JSON API (django-ninja): read-only, public data only, calling the same services and queries as the
public pages. Anonymous clients are rate-limited; evaluations come through `get_visible_evaluation`."""

from __future__ import annotations

import math
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import Throttled, ValidationError
from ninja.throttling import BaseThrottle

from kompass.api import schemas
from kompass.comparison import queries as comparison_queries
from kompass.comparison import services as comparison
from kompass.comparison.models import ReferenceAverage
from kompass.criteria.models import CriteriaVersion
from kompass.env import env_str
from kompass.evaluations.models import Evaluation
from kompass.evaluations.permissions import get_visible_evaluation
from kompass.municipalities.models import Municipality

DEFAULT_ANON_RATE = env_str("KOMPASS_API_ANON_RATE", "120/min")
MAX_PAGE_SIZE = 100
SORT_PATTERN = "^-?(year|municipality|total)$"
# Codes and keys are short slugs; anything else (NUL bytes, slashes, long strings) is refused with 422 before
# it reaches the database.
SLUG = "^[A-Za-z0-9_-]{1,30}$"
PERIODS = {"s": 1, "sec": 1, "min": 60, "m": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


class AnonymousRateLimit(BaseThrottle):
    """A small fixed-window counter in Django's cache, per client address, for anonymous requests only.
    The rate ("120/min") comes from the setting KOMPASS_API_ANON_RATE or the environment variable of
    the same name. With a shared cache (Redis, Memcached, database) it holds across app servers."""

    def allow_request(self, request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        count, seconds = self._rate()
        window = int(time.time() // seconds)
        key = f"api-rate:{self.get_ident(request)}:{seconds}:{window}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=seconds + 1)
            used = 1
        self._retry_after = seconds - int(time.time()) % seconds
        return used <= count

    def wait(self) -> float | None:
        return float(getattr(self, "_retry_after", 60))

    @staticmethod
    def _rate() -> tuple[int, int]:
        rate = getattr(settings, "KOMPASS_API_ANON_RATE", DEFAULT_ANON_RATE)
        count, _, period = rate.partition("/")
        return int(count), PERIODS[period]


api = NinjaAPI(
    title="kompass – Kommunkompassens öppna API",
    version="1.0.0",
    description=(
        "Publicerade resultat från Kommunkompassen: kommuner, kriterieversioner, utvärderingar, genomsnitt "
        "och jämförelser. Bara publicerade utvärderingar. Poäng som inte publicerats är null, aldrig 0. "
        "Anonyma anrop begränsas (svar 429 med Retry-After)."
    ),
    urls_namespace="api",
    docs_url=None,
    throttle=[AnonymousRateLimit()],
)


@api.exception_handler(Throttled)
def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    response = api.create_response(request, {"detail": "För många anrop. Vänta en stund och försök igen."}, status=429)
    if exc.wait:
        response["Retry-After"] = str(math.ceil(exc.wait))
    return response


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = sorted({".".join(str(p) for p in e.get("loc", [])[1:]) for e in exc.errors})
    detail = "Ogiltiga parametrar: " + ", ".join(f or "?" for f in fields) + "."
    errors = [{"loc": list(e.get("loc", [])), "msg": str(e.get("msg", ""))} for e in exc.errors]
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "Finns inte."}, status=404)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _page(results: QuerySet, page: int, page_size: int) -> tuple[list, dict[str, int]]:
    count = results.count()
    pages = max(1, math.ceil(count / page_size))
    start = (page - 1) * page_size
    return list(results[start : start + page_size]), {"count": count, "page": page, "pages": pages}


def _municipality(m: Municipality) -> dict[str, Any]:
    county = {"code": m.county.code, "name": m.county.name} if m.county else None
    return {"code": m.code, "name": m.short_name, "official_name": m.name, "county": county, "is_demo": m.is_demo}


def _evaluation(e: Evaluation, points: dict[int, Decimal]) -> dict[str, Any]:
    return {
        "key": e.key,
        "municipality": e.municipality_id,
        "municipality_name": e.municipality.short_name,
        "county": e.municipality.county_id,
        "year": e.year,
        "version": e.version.code,
        "printed_total": _num(e.printed_total),
        "computed_total": _num(e.computed_total),
        "total": _num(e.total),
        "origin": e.origin,
        "source_url": e.source_url,
        "is_demo": e.municipality.is_demo,
        "areas": [{"number": n, "points": _num(points.get(n))} for n in range(1, 9)],
        "url": e.get_absolute_url(),
    }


def _average(profile: comparison.AverageProfile) -> dict[str, Any]:
    return {
        "version": profile.version_code,
        "areas": [{"number": a.number, "name": a.name, "mean": _num(a.mean), "n": a.n} for a in profile.areas],
        "total_mean": _num(profile.total_mean),
        "total_n": profile.total_n,
        "evaluations_n": profile.evaluations_n,
    }


def _version(code: str) -> CriteriaVersion:
    return get_object_or_404(CriteriaVersion, code=code)


INVALID = {422: schemas.ValidationFailure, 429: schemas.Error}
NOT_FOUND = {404: schemas.Error, **INVALID}


@api.get("/municipalities", response={200: schemas.MunicipalityPage, **INVALID}, tags=["kommuner"])
def list_municipalities(
    request: HttpRequest,
    county: str | None = Query(None, description="Länskod, t.ex. 19", pattern=SLUG),
    evaluated: bool = Query(False, description="Bara kommuner med minst en publicerad utvärdering"),
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Kommunregistret (SCB:s koder), sorterat på namn."""
    municipalities = Municipality.objects.select_related("county").order_by("short_name", "code")
    if county:
        municipalities = municipalities.filter(county_id=county)
    if evaluated:
        municipalities = municipalities.filter(code__in=comparison_queries.public_results().values("municipality_id"))
    rows, meta = _page(municipalities, page, page_size)
    return {**meta, "results": [_municipality(m) for m in rows]}


@api.get("/municipalities/{code}", response={200: schemas.MunicipalityDetail, **NOT_FOUND}, tags=["kommuner"])
def get_municipality(request: HttpRequest, code: str = Path(..., pattern=SLUG)) -> dict[str, Any]:
    """En kommun med alla dess publicerade utvärderingar, äldst först."""
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    history = comparison.municipality_history(municipality)
    return {
        **_municipality(municipality),
        "evaluations": [
            {
                "key": e.key,
                "year": e.year,
                "version": e.version.code,
                "total": _num(e.total),
                "url": e.get_absolute_url(),
            }
            for e in history.evaluations
        ],
    }


def _evaluation_ref(e: Evaluation) -> dict[str, Any]:
    return {
        "key": e.key,
        "year": e.year,
        "version": e.version.code,
        "total": _num(e.total),
        "url": e.get_absolute_url(),
    }


@api.get("/versions", response={200: list[schemas.Version], **INVALID}, tags=["kriterier"])
def list_versions(request: HttpRequest) -> list[CriteriaVersion]:
    """Kriterieversionerna, äldst först."""
    return list(CriteriaVersion.objects.order_by("used_from"))


@api.get("/versions/{code}", response={200: schemas.VersionDetail, **NOT_FOUND}, tags=["kriterier"])
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


@api.get("/evaluations", response={200: schemas.EvaluationPage, **INVALID}, tags=["utvärderingar"])
def list_evaluations(
    request: HttpRequest,
    version: str | None = Query(None, description="Kriterieversion, t.ex. kk2010", pattern=SLUG),
    year: int | None = Query(None, ge=1990, le=2100),
    county: str | None = Query(None, description="Länskod", pattern=SLUG),
    municipality: str | None = Query(None, description="Kommunkod", pattern=SLUG),
    sort: str = Query(
        "year", pattern="^-?(year|municipality|total)$", description="year, municipality, total; - vänder"
    ),
    page: int = Query(1, ge=1),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
) -> dict[str, Any]:
    """Publicerade utvärderingar med poäng per område, filtrerade och sidindelade."""
    results = comparison_queries.public_results(
        version=version, year=year, county=county, municipality=municipality, sort=sort
    )
    rows, meta = _page(results, page, page_size)
    points = comparison.points_by_evaluation([e.pk for e in rows])
    return {**meta, "results": [_evaluation(e, points.get(e.pk, {})) for e in rows]}


@api.get("/evaluations/{key}", response={200: schemas.EvaluationDetail, **NOT_FOUND}, tags=["utvärderingar"])
def get_evaluation(request: HttpRequest, key: str = Path(..., pattern=SLUG)) -> dict[str, Any]:
    """En utvärdering med poäng per område mot versionens genomsnitt (med N)."""
    evaluation = get_visible_evaluation(request.user, key)
    profile = comparison.evaluation_profile(evaluation)
    points = {r.number: r.points for r in profile.rows if r.points is not None}
    return {
        **_evaluation(evaluation, points),
        "status": evaluation.status,
        "evaluators": evaluation.evaluators_label(),
        "profile": [
            {
                "number": r.number,
                "name": r.name,
                "points": _num(r.points),
                "average": _num(r.average.mean if r.average else None),
                "average_n": r.average.n if r.average else 0,
            }
            for r in profile.rows
        ],
        "version_average": _average(profile.average),
    }


@api.get("/averages/{version}", response={200: schemas.Averages, **NOT_FOUND}, tags=["genomsnitt"])
def get_averages(
    request: HttpRequest,
    version: str = Path(..., pattern=SLUG),
    by: comparison.Grouping | None = Query(None, description="Dela upp per år (year) eller län (county)"),  # noqa: B008
) -> dict[str, Any]:
    """Genomsnitt över publicerade utvärderingar på en version, med N per siffra; SKR:s publicerade
    referensvärden redovisas för sig i `published_references`."""
    criteria = _version(version)
    groups = comparison.cached_grouped_averages(criteria, by=by) if by else []
    return {
        "version": criteria.code,
        "overall": _average(comparison.cached_version_average(criteria)),
        "by": by,
        "groups": [{"key": g.key, "label": g.label, "average": _average(g.profile)} for g in groups],
        "published_references": [_reference(r) for r in comparison.reference_averages(criteria)],
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
)
def get_comparison(
    request: HttpRequest,
    version: str = Query(..., description="Kriterieversion", pattern=SLUG),
    municipality: list[str] = Query(..., description="Kommunkoder, högst 8"),  # noqa: B008
) -> Any:
    """Kommunernas senaste publicerade utvärdering på versionen, sida vid sida med genomsnittet."""
    criteria = _version(version)
    try:
        result = comparison.compare_municipalities(municipality, version=criteria)
    except comparison.ComparisonError as exc:
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


@api.get("/search", response={200: schemas.SearchPage, **NOT_FOUND}, tags=["goda exempel"])
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
    page: int = Query(1, ge=1, le=50),
) -> Any:
    """Goda exempel: fritextsökning med svensk ordstamning i publicerade texter (Allmänt, delområden,
    styrkor, förbättringsmöjligheter), samma tjänst som sidan /goda-exempel/. Utdrag är escapad HTML med
    träffarna i <mark>."""
    from kompass.search.services import SearchFilters, search

    criteria = _version(version) if version else None
    area_pk = None
    if area is not None:
        code, _, number = area.partition(":")
        area_pk = get_object_or_404(_version(code).areas, number=int(number)).pk
    filters = SearchFilters(
        area=area_pk,
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
        "messages": results.messages,
        "results": [hit.as_json() for hit in results.hits],
    }
