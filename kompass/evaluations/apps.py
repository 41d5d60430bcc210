from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "kompass.evaluations"
    verbose_name = "Utvärderingar"

    def ready(self) -> None:
        from kompass.evaluations import signals  # noqa: F401  (derived scores follow question scores)
