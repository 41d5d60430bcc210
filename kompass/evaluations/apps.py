from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "kompass.evaluations"
    verbose_name = "Utvärderingar"
