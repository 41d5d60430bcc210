from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "kompass.municipalities"
    verbose_name = "Kommuner"
