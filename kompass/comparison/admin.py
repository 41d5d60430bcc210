from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kompass.comparison.models import ReferenceAverage
from kompass.core.admin import KompassModelAdmin


@admin.register(ReferenceAverage)
class ReferenceAverageAdmin(KompassModelAdmin):
    list_display = ("scope", "period", "version", "statistic", "total")
    field_labels = {"version": _("kriterieversion")}
