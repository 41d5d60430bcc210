from django.contrib import admin

from kompass.core.admin import KompassModelAdmin
from kompass.reports.models import KeyFacts


@admin.register(KeyFacts)
class KeyFactsAdmin(KompassModelAdmin):
    list_display = ("evaluation", "population", "employees", "political_majority", "updated_at")
    search_fields = ("evaluation__key", "evaluation__municipality__short_name")
    readonly_fields = ("updated_by", "updated_at")
