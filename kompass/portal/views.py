"""Public pages: only published evaluations are ever shown here."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kompass.comparison.services import version_average
from kompass.evaluations import queries
from kompass.evaluations.scoretable import build_score_table


def home(request: HttpRequest) -> HttpResponse:
    evaluations = (
        queries.published().select_related("municipality", "version").order_by("-year", "municipality__short_name")
    )
    return render(request, "portal/home.html", {"evaluations": evaluations})


def evaluation(request: HttpRequest, key: str) -> HttpResponse:
    found = queries.published().select_related("municipality", "version").filter(key=key).first()
    if found is None:
        raise Http404("Utvärderingen finns inte eller är inte publicerad.")
    table = build_score_table(found)
    average = version_average(found.version)
    rows = [(area, average.area(area.number)) for area in table.areas]
    return render(
        request, "portal/evaluation.html", {"evaluation": found, "table": table, "average": average, "rows": rows}
    )
