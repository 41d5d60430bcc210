from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    name = "kompass.comparison"
    verbose_name = "Jämförelser"

    def ready(self) -> None:
        from kompass.comparison import signals  # noqa: F401  (forgets the published-results stamp)
