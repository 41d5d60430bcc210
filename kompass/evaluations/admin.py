from django.contrib import admin

from kompass.evaluations.models import (
    AreaScore,
    AreaText,
    Evaluation,
    Finding,
    QuestionScore,
    ReferenceMunicipality,
    SubAreaText,
    TeamMembership,
)


class TeamInline(admin.TabularInline):
    model = TeamMembership
    extra = 0


class AreaScoreInline(admin.TabularInline):
    model = AreaScore
    extra = 0


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ("key", "municipality", "year", "version", "status", "origin", "total")
    list_filter = ("status", "origin", "version")
    search_fields = ("key", "municipality__short_name")
    readonly_fields = ("key", "computed_total", "total", "created_at", "updated_at")
    inlines = [TeamInline, AreaScoreInline]


@admin.register(QuestionScore)
class QuestionScoreAdmin(admin.ModelAdmin):
    list_display = ("evaluation", "question", "points", "updated_by", "updated_at")
    list_filter = ("evaluation__version",)


admin.site.register(AreaText)
admin.site.register(SubAreaText)
admin.site.register(Finding)
admin.site.register(ReferenceMunicipality)
