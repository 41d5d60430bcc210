"""Public pages. Evaluations come through `get_evaluation_or_404` (404 for what one may not see) or the
published-only querysets in `kompass.comparison.queries`; nothing unpublished reaches a public list."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_GET, require_safe

from kompass.assessment.models import Finding
from kompass.comparison import averages as comparison_averages
from kompass.comparison import comparing, opendata, profiles
from kompass.comparison import queries as comparison_queries
from kompass.comparison import rankings as comparison_rankings
from kompass.core import charts, formatting
from kompass.core.spreadsheet import safe_cell
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import FindingKind
from kompass.evaluations.permissions import get_evaluation_or_404
from kompass.municipalities.models import Municipality
from kompass.portal import exports
from kompass.portal.forms import AveragesForm, CompareForm, RankingForm, ResultFilterForm

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
        kommungrupp=filters.get("kommungrupp") or None,
        sort=filters.get("sort") or comparison_queries.DEFAULT_SORT,
        include_demo=bool(filters.get("demo")),
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
    found = get_evaluation_or_404(request.user, key, "evaluations.view_evaluation")
    profile = profiles.evaluation_profile(found)
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


def profile_radar(profile: profiles.EvaluationProfile, *, chart_id: str = "radar") -> str:
    evaluation = profile.evaluation
    name = f"{evaluation.municipality} {evaluation.year}"
    return charts.radar_svg(
        [str(r.number) for r in profile.rows],
        [
            charts.Series(name, [r.points for r in profile.rows], charts.PALETTE[0]),
            *average_series(profile.average),
        ],
        title=_("%(name)s: poäng per område mot genomsnittet") % {"name": name},
        description=_describe_profile(profile),
        chart_id=chart_id,
        **PAGE_RADAR,
    )


def average_series(average: comparison_averages.AverageProfile) -> list[charts.Series]:
    """The version's average as drawn in every radar (page, comparison, embed): only figures over at least
    the minimum N; where ours has too few and SKR published a mean, SKR's is drawn, labelled as SKR's."""
    shown: list[charts.Value] = [a.shown for a in average.areas]
    if any(v is not None for v in shown):
        label = _("Genomsnitt %(version)s i kompass (%(n)s)")
    else:
        label = _("Genomsnitt %(version)s i kompass: för få utvärderingar (%(n)s)")
    series = [
        charts.Series(
            label % {"version": average.version_code, "n": average.n_label},
            shown,
            charts.AVERAGE_COLOUR,
            dashed=True,
        )
    ]
    reference = average.reference_instead
    if reference is not None:
        series.append(
            charts.Series(
                _("%(label)s för %(version)s") % {"label": reference.label, "version": average.version_code},
                [reference.value(a.number) for a in average.areas],
                charts.REFERENCE_COLOUR,
                dashed=True,
            )
        )
    return series


def _describe_profile(profile: profiles.EvaluationProfile) -> str:
    reference = profile.average.reference_instead
    parts = []
    for r in profile.rows:
        text = _("Område %(number)s: %(points)s poäng, genomsnitt %(average)s") % {
            "number": r.number,
            "points": _text(r.points),
            "average": r.average.label if r.average else _("uppgift saknas"),
        }
        if reference is not None and r.average is not None and not r.average.reliable:
            text += ", " + _("SKR:s medelvärde %(value)s") % {"value": _text(reference.value(r.number))}
        parts.append(text)
    return "; ".join(parts) + "."


def _text(value: formatting.Number | None) -> str:
    return formatting.points(value, missing=_("uppgift saknas"))


@require_GET
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    history = profiles.municipality_history(found)
    if not history.evaluations:
        raise Http404(_("Kommunen har inga publicerade utvärderingar."))
    points = [charts.HistoryPoint(e.year, e.total, e.version.code, e.key) for e in history.evaluations]
    note = _development_note(points)
    chart = ""
    if not note:
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
        {"municipality": found, "history": history, "rows": rows, "chart": chart, "development_note": note},
    )


def _comparison(form: CompareForm) -> comparing.Comparison | None:
    """The comparison a valid form asks for; errors go onto the form."""
    if not form.is_valid():
        return None
    version = CriteriaVersion.objects.get(code=form.cleaned_data["version"])
    try:
        return comparing.compare_municipalities(form.cleaned_data["kommun"], version=version)
    except comparing.ComparisonError as exc:
        form.add_error(None, str(exc))
        return None


def _development_note(points: list[charts.HistoryPoint]) -> str:
    """Why there is no development chart, in words ("" when there is one: two known totals or more)."""
    known = [p for p in points if p.total is not None]
    if len(known) >= 2:
        return ""
    if len(points) == 1:
        text = _("En utvärdering (%(year)s) – utvecklingen visas när det finns två.") % {"year": points[0].year}
    else:
        text = _(
            "%(count)s utvärderingar, men totalpoängen är publicerad för %(known)s av dem – utvecklingen visas "
            "när minst två har en känd totalpoäng."
        ) % {"count": len(points), "known": len(known)}
    missing = [str(p.year) for p in points if p.total is None]
    if missing:
        text += " " + _("Totalpoängen för %(years)s är inte publicerad; områdespoängen står i tabellen.") % {
            "years": ", ".join(missing)
        }
    return text


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    form = CompareForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    result = _comparison(form)
    if result is not None:
        context.update(_comparison_context(result))
        context["excel_query"] = request.GET.urlencode()
        first = result.columns[0].municipality if result.columns else None
        if first is not None:
            context["similar"] = comparing.similar_municipalities(first, version=result.version)
            context["similar_to"] = first
    return render(request, "portal/compare.html", context)


@require_GET
def compare_excel(request: HttpRequest) -> HttpResponse:
    """The comparison as an Excel workbook; an invalid choice goes back to the page with its message."""
    form = CompareForm(request.GET or None)
    result = _comparison(form)
    if result is None:
        return render(request, "portal/compare.html", {"form": form}, status=400)
    filename, content_type, content = exports.comparison_workbook(result)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def rankings(request: HttpRequest) -> HttpResponse:
    newest = CriteriaVersion.objects.order_by("-used_from").values_list("code", flat=True).first() or ""
    form = RankingForm(request.GET or {"version": newest})
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        version = CriteriaVersion.objects.get(code=form.cleaned_data["version"])
        area = int(form.cleaned_data["omrade"]) if form.cleaned_data.get("omrade") else None
        result = comparison_rankings.ranking(version, area=area, kommungrupp=form.cleaned_data.get("kommungrupp"))
        context.update(_ranking_context(result))
    return render(request, "portal/rankings.html", context)


def _ranking_context(result: comparison_rankings.Ranking) -> dict[str, Any]:
    area = result.version.areas.filter(number=result.area).first() if result.area else None
    what = _("område %(number)s %(name)s") % {"number": area.number, "name": area.name} if area else _("totalpoäng")
    average = result.average
    reference_label = _("Genomsnitt %(label)s") % {"label": average.label}
    title = _("%(version)s: %(what)s per kommun, högst först") % {"version": result.version.code, "what": what}
    chart = charts.ranking_svg(
        [charts.Bar(f"{r.evaluation.municipality} {r.evaluation.year}", r.value) for r in result.rows],
        maximum=100 if area else 800,
        title=title,
        description="; ".join(f"{r.evaluation.municipality} {r.evaluation.year}: {_text(r.value)}" for r in result.rows)
        + ". "
        + _("Genomsnitt: %(average)s.") % {"average": average.label},
        reference=average.shown,
        reference_label=reference_label,
    )
    return {"ranking": result, "area": area, "what": what, "title": title, "chart": chart}


def _comparison_context(result: comparing.Comparison) -> dict[str, Any]:
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
    series.extend(average_series(result.average))
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
    by = filters.get("by") or comparison_averages.Grouping.YEAR
    sections = [
        {
            "version": version,
            "average": comparison_averages.cached_version_average(version),
            "groups": comparison_averages.cached_grouped_averages(version, by=by),
            "references": comparison_averages.reference_averages(version),
        }
        for version in versions
    ]
    return render(
        request,
        "portal/averages.html",
        {
            "form": form,
            "sections": sections,
            "by_label": comparison_averages.Grouping(by).label,
            "area_numbers": range(1, 9),
            "min_n": comparison_averages.min_average_n(),
        },
    )


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/open_data.html",
        {
            "versions": CriteriaVersion.objects.order_by("used_from"),
            "columns": OPEN_DATA_DOCS,
            "licence": opendata.metadata(),
        },
    )


OPEN_DATA_DOCS = [
    (
        "evaluation_key",
        gettext_lazy("Utvärderingens beteckning: kommunkod-år (och -2 för en andra utvärdering samma år)."),
    ),
    ("municipality_code", gettext_lazy("SCB:s kommunkod, fyra siffror.")),
    ("municipality_name", gettext_lazy("Kommunens namn.")),
    ("county_code", gettext_lazy("SCB:s länskod, två siffror.")),
    ("county_name", gettext_lazy("Länets namn.")),
    ("year", gettext_lazy("Året utvärderingen gjordes.")),
    (
        "criteria_version",
        gettext_lazy("Kriterieversion: kk2002, kk2010, kk2016 eller kk2020. Jämför bara inom samma version."),
    ),
    *[
        (f"area_{n}", gettext_lazy("Poäng för huvudområdet (0–100). Tom = uppgift saknas, aldrig noll."))
        for n in range(1, 9)
    ],
    ("printed_total", gettext_lazy("Totalpoäng (0–800) som rapporten tryckte den. Tom om den inte publicerats.")),
    (
        "computed_total",
        gettext_lazy("Summan av de åtta områdena när alla är kända. Kan skilja sig från printed_total."),
    ),
    ("total", gettext_lazy("Totalen som jämförelser använder: printed_total när den finns, annars computed_total.")),
    (
        "origin",
        gettext_lazy(
            "Radens källa: record = publicerat resultat, imported = importerad rapport, kompass = gjord i kompass."
        ),
    ),
    ("source_url", gettext_lazy("Var resultatet publicerades (adress eller dokument).")),
    ("evaluators", gettext_lazy("Utvärderarna som rapporten anger dem.")),
    ("published_at", gettext_lazy("Datum då resultatet publicerades i kompass (ÅÅÅÅ-MM-DD).")),
    ("page_url", gettext_lazy("Utvärderingens sida i kompass (relativ adress).")),
]


def _csv_value(value: Any, *, decimal_comma: bool = False) -> str:
    """One open-data cell: a decimal point (or comma for the Excel variant), text made formula-safe."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return formatting.decimal(value) if decimal_comma else formatting.decimal(value).replace(",", ".")
    return str(safe_cell(value))


def _open_data_etag(request: HttpRequest, version: str | None = None) -> str:
    stamp = comparison_queries.data_stamp()
    name = request.resolver_match.url_name if request.resolver_match else ""
    return hashlib.sha256(repr((stamp, version, name)).encode()).hexdigest()[:32]


def _open_data_modified(request: HttpRequest, version: str | None = None) -> datetime | None:
    return opendata.last_modified()


def _open_data_file(view: Any) -> Any:
    """HEAD and conditional GET (ETag, Last-Modified → 304), cacheable by anyone, readable cross-origin."""
    view = condition(etag_func=_open_data_etag, last_modified_func=_open_data_modified)(view)
    return require_safe(cache_control(public=True, max_age=300)(view))


def _download(content: str | bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv(rows: list[dict[str, Any]], *, delimiter: str, decimal_comma: bool) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: Excel then reads UTF-8 ("Östergötlands län", not "Ã–stergÃ¶tlands län")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(opendata.OPEN_DATA_COLUMNS)
    for row in rows:
        writer.writerow([_csv_value(row[c], decimal_comma=decimal_comma) for c in opendata.OPEN_DATA_COLUMNS])
    return buffer.getvalue()


@_open_data_file
def open_data_csv(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """UTF-8 with BOM, comma separator, decimal point (for programs and most spreadsheets)."""
    content = _csv(_open_data_rows(version), delimiter=",", decimal_comma=False)
    return _download(content, content_type="text/csv; charset=utf-8", filename=f"{_download_name(version)}.csv")


@_open_data_file
def open_data_excel_csv(request: HttpRequest, version: str | None = None) -> HttpResponse:
    """ "Excel (svensk)": semicolon separator and decimal comma, as Excel with Swedish settings expects."""
    content = _csv(_open_data_rows(version), delimiter=";", decimal_comma=True)
    filename = f"{_download_name(version)}-excel.csv"
    return _download(content, content_type="text/csv; charset=utf-8", filename=filename)


@_open_data_file
def open_data_json(request: HttpRequest, version: str | None = None) -> HttpResponse:
    rows = _open_data_rows(version)
    payload = {
        **opendata.metadata(),
        "columns": opendata.OPEN_DATA_COLUMNS,
        "count": len(rows),
        "results": rows,
    }
    return _download(
        json.dumps(payload, cls=_DecimalEncoder, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
        filename=f"{_download_name(version)}.json",
    )


class _DecimalEncoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)
        return super().default(o)


def _open_data_rows(version: str | None) -> list[dict[str, Any]]:
    if version is not None and not CriteriaVersion.objects.filter(code=version).exists():
        raise Http404(_("Okänd kriterieversion."))
    return opendata.open_data_rows(version=version)


def _download_name(version: str | None) -> str:
    return f"kommunkompassen-resultat-{version}" if version else "kommunkompassen-resultat"
