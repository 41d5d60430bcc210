from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "kompass.assessment"
    verbose_name = "Bedömning och text"

    def ready(self) -> None:
        from kompass.assessment import signals

        signals.connect()
