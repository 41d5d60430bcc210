from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kompass.core.admin import KompassModelAdmin
from kompass.municipalities.models import County, KeyFigure, Municipality


@admin.register(County)
class CountyAdmin(KompassModelAdmin):
    list_display = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(KompassModelAdmin):
    list_display = ("code", "short_name", "name", "county", "kommungrupp", "is_demo")
    list_filter = ("county", "kommungrupp", "is_demo")
    search_fields = ("code", "name", "short_name")


@admin.register(KeyFigure)
class KeyFigureAdmin(KompassModelAdmin):
    list_display = ("municipality", "year", "name", "value", "unit")
    field_labels = {"municipality": _("kommun")}
    list_filter = ("name", "year")
    search_fields = ("municipality__short_name",)
