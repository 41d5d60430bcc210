"""The base of every ModelAdmin in kompass."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from kompass.core.forms import KompassModelForm
from kompass.core.text import clean_user_text, has_control_characters


class KompassModelAdmin(admin.ModelAdmin):
    """The base of every ModelAdmin: its forms screen text, and its search ignores control characters
    (a NUL byte in the search box would otherwise make PostgreSQL fail)."""

    form = KompassModelForm

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Model], search_term: str
    ) -> tuple[QuerySet[Model], bool]:
        if has_control_characters(search_term):
            return queryset.none(), False
        return super().get_search_results(request, queryset, clean_user_text(search_term))


class KompassTabularInline(admin.TabularInline):
    """The base of every tabular inline: its forms screen text like every other form."""

    form = KompassModelForm
