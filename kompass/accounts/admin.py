from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from kompass.accounts.forms import UserChangeForm, UserCreationForm
from kompass.accounts.models import PersonalDataRead, User
from kompass.core.forms import KompassModelForm


@admin.register(User)
class KompassUserAdmin(UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Kompass", {"fields": ("role", "municipality", "organisation")}))
    list_display = ("username", "first_name", "last_name", "role", "municipality", "is_staff")
    list_filter = ("role", "is_staff", "is_active")


@admin.register(PersonalDataRead)
class PersonalDataReadAdmin(admin.ModelAdmin):
    """Who read personal data: for administrators, read-only (nobody adds, changes or deletes a row here)."""

    list_display = ("read_at", "reader_name", "evaluation_key", "what", "path", "address")
    list_filter = ("what", "read_at")
    search_fields = ("reader_name", "evaluation_key")
    date_hierarchy = "read_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.unregister(Group)


@admin.register(Group)
class KompassGroupAdmin(GroupAdmin):
    """Django's group admin with the text check of every kompass form."""

    form = KompassModelForm
