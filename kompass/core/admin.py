"""The base of every ModelAdmin in kompass."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst

from kompass.core.forms import KompassModelForm
from kompass.core.text import clean_user_text, has_control_characters


def _column(name: str, label: Any) -> Callable[[Any], Any]:
    """A list column showing field `name` under the Swedish heading `label`, sortable by the field."""

    @admin.display(description=label, ordering=name)
    def column(obj: Any) -> Any:
        return getattr(obj, name)

    column.__name__ = name
    return column


class KompassModelAdmin(admin.ModelAdmin):
    """The base of every ModelAdmin: its forms screen text, and its search ignores control characters
    (a NUL byte in the search box would otherwise make PostgreSQL fail)."""

    form = KompassModelForm
    # Swedish names for fields whose model has none (or an English one): used for list columns and form labels.
    field_labels: dict[str, Any] = {}

    def get_list_display(self, request: HttpRequest) -> Any:
        labels = self.field_labels
        columns = super().get_list_display(request)
        return [_column(n, labels[n]) if isinstance(n, str) and n in labels else n for n in columns]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if self.field_labels:
            labels = {name: capfirst(label) for name, label in self.field_labels.items()}
            kwargs["labels"] = {**labels, **(kwargs.get("labels") or {})}
        return super().get_form(request, obj, change, **kwargs)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Model], search_term: str
    ) -> tuple[QuerySet[Model], bool]:
        if has_control_characters(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, clean_user_text(search_term))


class KompassTabularInline(admin.TabularInline):
    """The base of every tabular inline: its forms screen text like every other form."""

    form = KompassModelForm
