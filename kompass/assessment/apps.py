from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "kompass.assessment"
    verbose_name = "Bedömning och text"
