from django.apps import AppConfig


class ActionplansConfig(AppConfig):
    name = "kompass.actionplans"
    verbose_name = "Handlingsplaner"
