from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from kompass.accounts.forms import UserChangeForm, UserCreationForm
from kompass.accounts.models import User
from kompass.core.forms import KompassModelForm


@admin.register(User)
class KompassUserAdmin(UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Kompass", {"fields": ("role", "municipality", "organisation")}))
    list_display = ("username", "first_name", "last_name", "role", "municipality", "is_staff")
    list_filter = ("role", "is_staff", "is_active")


admin.site.unregister(Group)


@admin.register(Group)
class KompassGroupAdmin(GroupAdmin):
    """Django's group admin with the text check of every kompass form."""

    form = KompassModelForm
