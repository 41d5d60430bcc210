from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    name = "kompass.comparison"
    verbose_name = "Jämförelser"
