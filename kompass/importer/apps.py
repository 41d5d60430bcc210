from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "kompass.importer"
    verbose_name = "Import av rapporter"
