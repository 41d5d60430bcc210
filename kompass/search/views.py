"""Good examples: the public search page and the role-models page for a report. The same search as JSON
is the API's /api/search (kompass.api)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
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
def role_models_page(request: HttpRequest, key: str) -> HttpResponse:
    evaluation = get_evaluation_or_404(request.user, key, "evaluations.view_evaluation")
    areas = rolemodels.role_models_for_report(evaluation)
    return render(request, "search/rolemodels.html", {"evaluation": evaluation, "areas": areas})
