"""The Django admin's site: open to administrators (the rule `accounts.use_admin`), nobody else."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class KompassAdminSite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.has_perm("accounts.use_admin"))


class KompassAdminConfig(AdminConfig):
    default_site = "kompass.accounts.adminsite.KompassAdminSite"
