from django.contrib import admin

from kompass.municipalities.models import County, KeyFigure, Municipality


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "name", "county", "kommungrupp", "is_demo")
    list_filter = ("county", "kommungrupp", "is_demo")
    search_fields = ("code", "name", "short_name")


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ("municipality", "year", "name", "value", "unit")
    list_filter = ("name", "year")
    search_fields = ("municipality__short_name",)
