from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kompass.core"
    verbose_name = "Kärna"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app's permissions.py declares its part of the permission table (django-rules) on import.
        autodiscover_modules("permissions")
