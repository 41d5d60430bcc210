from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kompass.accounts.forms import UserChangeForm, UserCreationForm
from kompass.accounts.models import User


@admin.register(User)
class KompassUserAdmin(UserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Kompass", {"fields": ("role", "municipality", "organisation")}))
    list_display = ("username", "first_name", "last_name", "role", "municipality", "is_staff")
    list_filter = ("role", "is_staff", "is_active")
