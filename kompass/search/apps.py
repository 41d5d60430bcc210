from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kompass.search"
    verbose_name = "Goda exempel och förebilder"

    def ready(self) -> None:
        from kompass.search import signals  # noqa: F401  (connects the index to saves and deletes)
