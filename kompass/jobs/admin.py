from django.contrib import admin

from kompass.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    """Read-only: jobs are written by the worker."""

    list_display = ["title", "kind", "status", "done", "total", "started_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
