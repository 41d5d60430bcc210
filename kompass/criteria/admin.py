from django.contrib import admin

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
class CriteriaVersionAdmin(FrozenReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "name", "edition", "used_from", "used_to", "is_frozen")
    readonly_fields = ("checksum", "source_name", "loaded_at")

    @admin.display(boolean=True, description="låst")
    def is_frozen(self, obj: CriteriaVersion) -> bool:
        return obj.is_frozen


@admin.register(Area)
class AreaAdmin(FrozenReadOnlyMixin, admin.ModelAdmin):
    list_display = ("version", "number", "name", "proposal")
    list_filter = ("version",)


@admin.register(SubArea)
class SubAreaAdmin(FrozenReadOnlyMixin, admin.ModelAdmin):
    list_display = ("area", "number", "name", "proposal")
    list_filter = ("area__version",)


@admin.register(Question)
class QuestionAdmin(FrozenReadOnlyMixin, admin.ModelAdmin):
    list_display = ("code", "text", "max_points", "area")
    list_filter = ("area__version",)
    search_fields = ("code", "text")


@admin.register(AreaMapping)
class AreaMappingAdmin(admin.ModelAdmin):
    list_display = ("from_area", "to_area", "comparability")
