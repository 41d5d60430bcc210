from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kompass.search"
    verbose_name = "Goda exempel och förebilder"
