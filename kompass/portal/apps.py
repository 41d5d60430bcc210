from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kompass.portal"
    verbose_name = "Publik portal"
