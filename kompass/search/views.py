"""Good examples: the public search page, its JSON endpoint, and the role-models page for a report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kompass.evaluations.permissions import get_evaluation_or_404
from kompass.search import rolemodels, services
from kompass.search.forms import SearchForm


def _run(form: SearchForm) -> services.SearchResults | None:
    if not form.is_valid():
        return None
    return services.search(form.cleaned_data["q"], filters=form.filters(), page=form.cleaned_data["page"] or 1)


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = _run(form) if form.is_bound else None
    return render(request, "search/search.html", {"form": form, "results": results})


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    """GET /goda-exempel/api/sok?q=…&area=…&version=kk2010&year_from=…&year_to=…&county=…&municipality=…
    &kinds=strength&page=2 → hits with highlighted excerpts (HTML, escaped, matches in <mark>)."""
    form = SearchForm(request.GET)
    results = _run(form)
    if results is None:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    return JsonResponse(
        {
            "query": results.query,
            "total": results.total,
            "total_is_capped": results.total_is_capped,
            "page": results.page,
            "pages": results.pages,
            "page_size": results.page_size,
            "messages": results.messages,
            "results": [hit.as_json() for hit in results.hits],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def role_models_page(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "evaluations.view_evaluation")
    areas = rolemodels.role_models_for_report(evaluation)
    return render(request, "search/rolemodels.html", {"evaluation": evaluation, "areas": areas})
