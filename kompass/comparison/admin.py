from django.contrib import admin

from kompass.comparison.models import ReferenceAverage
from kompass.core.admin import KompassModelAdmin


@admin.register(ReferenceAverage)
class ReferenceAverageAdmin(KompassModelAdmin):
    list_display = ("scope", "period", "version", "statistic", "total")
