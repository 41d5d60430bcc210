"""Public pages. Evaluations come through `get_visible_evaluation` (404 for what one may not see) or the
published-only querysets in `kompass.comparison.queries`; nothing unpublished reaches a public list."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kompass.comparison import queries as comparison_queries
from kompass.comparison import services as comparison
from kompass.core import charts, formatting
from kompass.core.spreadsheet import safe_cell
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import FindingKind
from kompass.evaluations.models import Finding
from kompass.evaluations.permissions import get_visible_evaluation
from kompass.municipalities.models import Municipality
from kompass.portal.forms import AveragesForm, CompareForm, ResultFilterForm

PAGE_SIZE = 50
LATEST_ON_HOME = 10


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    latest = comparison_queries.public_results()[:LATEST_ON_HOME]
    versions = CriteriaVersion.objects.order_by("used_from")
    return render(request, "portal/home.html", {"latest": latest, "versions": versions})


@require_GET
def evaluations(request: HttpRequest) -> HttpResponse:
    form = ResultFilterForm(request.GET or None)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    results = comparison_queries.public_results(
        version=filters.get("version") or None,
        year=filters.get("year") or None,
        county=filters.get("county") or None,
        municipality=filters.get("municipality") or None,
        sort=filters.get("sort") or comparison_queries.DEFAULT_SORT,
    )
    if form.is_bound and not form.is_valid():
        results = results.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "portal/evaluations.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@require_GET
def evaluation(request: HttpRequest, key: str) -> HttpResponse:
    found = get_visible_evaluation(request.user, key)
    profile = comparison.evaluation_profile(found)
    findings: dict[int, dict[str, list[Finding]]] = {}
    for finding in Finding.objects.filter(evaluation=found).select_related("area"):
        findings.setdefault(finding.area.number, {}).setdefault(finding.kind, []).append(finding)
    areas = list(found.version.areas.order_by("number"))
    rows = [
        {
            "row": row,
            "area": area,
            "strengths": findings.get(row.number, {}).get(FindingKind.STRENGTH, []),
            "improvements": findings.get(row.number, {}).get(FindingKind.IMPROVEMENT, []),
        }
        for row, area in zip(profile.rows, areas, strict=True)
    ]
    return render(
        request,
        "portal/evaluation.html",
        {
            "evaluation": found,
            "profile": profile,
            "rows": rows,
            "has_findings": bool(findings),
            "radar": profile_radar(profile),
        },
    )


# The pages' radar: axes named by number only, so little room for labels; the figure is at most 30rem wide.
PAGE_RADAR: dict[str, Any] = {"width": 480, "radius": 135, "label_room": 50}


def profile_radar(profile: comparison.EvaluationProfile, *, chart_id: str = "radar") -> str:
    evaluation = profile.evaluation
    average = profile.average
    name = f"{evaluation.municipality} {evaluation.year}"
    average_name = _("Genomsnitt %(version)s (N = %(n)s)") % {
        "version": average.version_code,
        "n": average.evaluations_n,
    }
    return charts.radar_svg(
        [str(r.number) for r in profile.rows],
        [
            charts.Series(name, [r.points for r in profile.rows], charts.PALETTE[0]),
            charts.Series(
                average_name,
                [r.average.mean if r.average else None for r in profile.rows],
                charts.AVERAGE_COLOUR,
                dashed=True,
            ),
        ],
        title=_("%(name)s: poäng per område mot genomsnittet") % {"name": name},
        description=_describe_profile(profile),
        chart_id=chart_id,
        **PAGE_RADAR,
    )


def _describe_profile(profile: comparison.EvaluationProfile) -> str:
    parts = [
        _("Område %(number)s: %(points)s poäng, genomsnitt %(mean)s (N = %(n)s)")
        % {
            "number": r.number,
            "points": _text(r.points),
            "mean": _text(r.average.mean if r.average else None),
            "n": r.average.n if r.average else 0,
        }
        for r in profile.rows
    ]
    return "; ".join(parts) + "."


def _text(value: formatting.Number | None) -> str:
    return formatting.points(value, missing=_("uppgift saknas"))


@require_GET
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    history = comparison.municipality_history(found)
    if not history.evaluations:
        raise Http404(_("Kommunen har inga publicerade utvärderingar."))
    points = [charts.HistoryPoint(e.year, e.total, e.version.code, e.key) for e in history.evaluations]
    chart = charts.history_svg(
        points,
        title=_("%(name)s: totalpoäng per utvärdering") % {"name": found.short_name},
        description="; ".join(f"{p.year} ({p.version}): {_text(p.total)}" for p in points)
        + ". "
        + _("Linjer förbinder bara utvärderingar på samma kriterieversion."),
    )
    rows = [(e, [history.area_points.get(e.pk, {}).get(n) for n in range(1, 9)]) for e in history.evaluations]
    return render(
        request,
        "portal/municipality.html",
        {"municipality": found, "history": history, "rows": rows, "chart": chart},
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        version = CriteriaVersion.objects.get(code=form.cleaned_data["version"])
        try:
            result = comparison.compare_municipalities(form.cleaned_data["kommun"], version=version)
        except comparison.ComparisonError as exc:
            form.add_error(None, str(exc))
        else:
            context.update(_comparison_context(result))
            first = result.columns[0].municipality if result.columns else None
            if first is not None:
                context["similar"] = comparison.similar_municipalities(first, version=version)
                context["similar_to"] = first
    return render(request, "portal/compare.html", context)


def _comparison_context(result: comparison.Comparison) -> dict[str, Any]:
    areas = result.average.areas
    rows = [{"area": area, "values": [c.points.get(area.number) for c in result.columns]} for area in areas]
    series = [
        charts.Series(
            str(c.municipality) + (f" {c.evaluation.year}" if c.evaluation else ""),
            [c.points.get(a.number) for a in areas],
            charts.PALETTE[i % len(charts.PALETTE)],
        )
        for i, c in enumerate(result.columns)
        if c.evaluation is not None
    ]
    series.append(
        charts.Series(
            _("Genomsnitt %(version)s (N = %(n)s)")
            % {"version": result.version.code, "n": result.average.evaluations_n},
            [a.mean for a in areas],
            charts.AVERAGE_COLOUR,
            dashed=True,
        )
    )
    radar = charts.radar_svg(
        [str(a.number) for a in areas],
        series,
        title=_("Jämförelse på %(version)s: poäng per område") % {"version": result.version.code},
        description="; ".join(f"{s.name}: " + ", ".join(_text(v) for v in s.values) for s in series),
        **PAGE_RADAR,
    )
    return {"result": result, "rows": rows, "radar": radar}


@require_GET
def averages(request: HttpRequest) -> HttpResponse:
    form = AveragesForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    versions = CriteriaVersion.objects.order_by("used_from")
    if filters.get("version"):
        versions = versions.filter(code=filters["version"])
    by = filters.get("by") or comparison.Grouping.YEAR
    sections = [
        {
            "version": version,
            "average": comparison.cached_version_average(version),
            "groups": comparison.cached_grouped_averages(version, by=by),
            "references": comparison.reference_averages(version),
        }
        for version in versions
    ]
    return render(
        request,
        "portal/averages.html",
        {"form": form, "sections": sections, "by_label": comparison.Grouping(by).label, "area_numbers": range(1, 9)},
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/open_data.html",
        {
            "versions": CriteriaVersion.objects.order_by("used_from"),
            "columns": OPEN_DATA_DOCS,
        },
    )


OPEN_DATA_DOCS = [
    ("evaluation_key", "Utvärderingens beteckning: kommunkod-år (och -2 för en andra utvärdering samma år)."),
    ("municipality_code", "SCB:s kommunkod, fyra siffror."),
    ("municipality_name", "Kommunens namn."),
    ("county_code", "SCB:s länskod, två siffror."),
    ("county_name", "Länets namn."),
    ("year", "Året utvärderingen gjordes."),
    ("criteria_version", "Kriterieversion: kk2002, kk2010, kk2016 eller kk2020. Jämför bara inom samma version."),
    *[(f"area_{n}", f"Poäng för huvudområde {n} (0–100). Tom = uppgift saknas, aldrig noll.") for n in range(1, 9)],
    ("printed_total", "Totalpoäng (0–800) som rapporten tryckte den. Tom om den inte publicerats."),
    ("computed_total", "Summan av de åtta områdena när alla är kända. Kan skilja sig från printed_total."),
    ("total", "Totalen som jämförelser använder: printed_total när den finns, annars computed_total."),
    ("origin", "Radens källa: record = publicerat resultat, imported = importerad rapport, kompass = gjord i kompass."),
    ("source_url", "Var resultatet publicerades (adress eller dokument)."),
    ("evaluators", "Utvärderarna som rapporten anger dem."),
    ("published_at", "Datum då resultatet publicerades i kompass (ÅÅÅÅ-MM-DD)."),
    ("page_url", "Utvärderingens sida i kompass (relativ adress)."),
]


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.1f}".removesuffix(".0")
    return str(value)


@require_GET
@cache_control(public=True, max_age=300)
def open_data_csv(request: HttpRequest, version: str | None = None) -> HttpResponse:
    rows = _open_data_rows(version)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(comparison.OPEN_DATA_COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(safe_cell(row[c])) for c in comparison.OPEN_DATA_COLUMNS])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(version)}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
@cache_control(public=True, max_age=300)
def open_data_json(request: HttpRequest, version: str | None = None) -> HttpResponse:
    rows = _open_data_rows(version)
    payload = {"columns": comparison.OPEN_DATA_COLUMNS, "count": len(rows), "results": rows}
    response = HttpResponse(
        json.dumps(payload, cls=_DecimalEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name(version)}.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


class _DecimalEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def _open_data_rows(version: str | None) -> list[dict[str, Any]]:
    if version is not None and not CriteriaVersion.objects.filter(code=version).exists():
        raise Http404(_("Okänd kriterieversion."))
    return comparison.open_data_rows(version=version)


def _download_name(version: str | None) -> str:
    return f"kommunkompassen-resultat-{version}" if version else "kommunkompassen-resultat"
