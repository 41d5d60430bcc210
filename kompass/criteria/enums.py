from django.db import models
from django.utils.translation import pgettext_lazy


class Edition(models.TextChoices):
    KOMPASS = "kompass", pgettext_lazy("criteria edition", "kompass egen utgåva")
    SKR = "skr", pgettext_lazy("criteria edition", "SKR:s officiella kriterier")


class Comparability(models.TextChoices):
    SAME = "same", pgettext_lazy("comparability", "samma område")
    CLOSE = "close", pgettext_lazy("comparability", "i stort sett jämförbart")
    PARTIAL = "partial", pgettext_lazy("comparability", "delvis jämförbart")
