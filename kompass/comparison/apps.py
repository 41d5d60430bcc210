from django.apps import AppConfig


class ComparisonConfig(AppConfig):
    name = "kompass.comparison"
    verbose_name = "Jämförelser"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from kompass.comparison.queries import forget_data_stamp
        from kompass.evaluations.models import AreaScore, Evaluation

        for model in (Evaluation, AreaScore):
            post_save.connect(forget_data_stamp, sender=model, dispatch_uid=f"comparison-stamp-save-{model.__name__}")
            post_delete.connect(forget_data_stamp, sender=model, dispatch_uid=f"comparison-stamp-del-{model.__name__}")
