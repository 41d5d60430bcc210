from django.apps import AppConfig


class CriteriaConfig(AppConfig):
    name = "kompass.criteria"
    verbose_name = "Kriterier"
