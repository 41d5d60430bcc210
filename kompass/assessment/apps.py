from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "kompass.assessment"
    verbose_name = "Bedömning och text"

    def ready(self) -> None:
        from kompass.assessment import signals  # noqa: F401  (the change history's receivers)
