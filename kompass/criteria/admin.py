from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kompass.core.admin import KompassModelAdmin
from kompass.criteria.models import Area, AreaMapping, CriteriaVersion, Question, SubArea


class FrozenReadOnlyMixin:
    """Frozen versions are shown read-only: an evaluation has used them."""

    def _frozen(self, obj) -> bool:
        version = getattr(obj, "version", None) or getattr(getattr(obj, "area", None), "version", None) or obj
        return bool(version and isinstance(version, CriteriaVersion) and version.is_frozen)

    def has_change_permission(self, request, obj=None):
        return not (obj and self._frozen(obj)) and super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):
        return not (obj and self._frozen(obj)) and super().has_delete_permission(request, obj)  # type: ignore[misc]


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(FrozenReadOnlyMixin, KompassModelAdmin):
    list_display = ("code", "name", "edition", "used_from", "used_to", "is_frozen")
    readonly_fields = ("checksum", "source_name", "loaded_at")

    @admin.display(boolean=True, description=_("låst"))
    def is_frozen(self, obj: CriteriaVersion) -> bool:
        return obj.is_frozen


@admin.register(Area)
class AreaAdmin(FrozenReadOnlyMixin, KompassModelAdmin):
    list_display = ("version", "number", "name", "proposal")
    field_labels = {"version": _("kriterieversion")}
    list_filter = ("version",)


@admin.register(SubArea)
class SubAreaAdmin(FrozenReadOnlyMixin, KompassModelAdmin):
    list_display = ("area", "number", "name", "proposal")
    field_labels = {"area": _("huvudområde")}
    list_filter = ("area__version",)


@admin.register(Question)
class QuestionAdmin(FrozenReadOnlyMixin, KompassModelAdmin):
    list_display = ("code", "text", "max_points", "area")
    field_labels = {"code": _("kod"), "area": _("huvudområde"), "subarea": _("delområde")}
    list_filter = ("area__version",)
    search_fields = ("code", "text")


@admin.register(AreaMapping)
class AreaMappingAdmin(KompassModelAdmin):
    list_display = ("from_area", "to_area", "comparability")
    field_labels = {"from_area": _("från område"), "to_area": _("till område")}
