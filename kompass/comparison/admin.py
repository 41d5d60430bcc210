from django.contrib import admin

from kompass.comparison.models import ReferenceAverage


@admin.register(ReferenceAverage)
class ReferenceAverageAdmin(admin.ModelAdmin):
    list_display = ("scope", "period", "version", "statistic", "total")
