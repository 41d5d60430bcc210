"""SKR's municipality groups (kommungruppsindelning 2017): nine groups in three main groups."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kommungrupp(models.TextChoices):
    A1 = "A1", _("A1 Storstäder")
    A2 = "A2", _("A2 Pendlingskommun nära storstad")
    B3 = "B3", _("B3 Större stad")
    B4 = "B4", _("B4 Pendlingskommun nära större stad")
    B5 = "B5", _("B5 Lågpendlingskommun nära större stad")
    C6 = "C6", _("C6 Mindre stad/tätort")
    C7 = "C7", _("C7 Pendlingskommun nära mindre stad/tätort")
    C8 = "C8", _("C8 Landsbygdskommun")
    C9 = "C9", _("C9 Landsbygdskommun med besöksnäring")


class Huvudgrupp(models.TextChoices):
    A = "A", _("A Storstäder och storstadsnära kommuner")
    B = "B", _("B Större städer och kommuner nära större stad")
    C = "C", _("C Mindre städer/tätorter och landsbygdskommuner")


KOMMUNGRUPP_YEAR = 2017


def huvudgrupp(kommungrupp: str) -> Huvudgrupp | None:
    """ "B4" → Huvudgrupp.B; "" → None."""
    return Huvudgrupp(kommungrupp[0]) if kommungrupp and kommungrupp[0] in Huvudgrupp.values else None


def group_name(kommungrupp: str) -> str:
    """The group's name without its code: "B4" → "Pendlingskommun nära större stad"."""
    return str(Kommungrupp(kommungrupp).label).split(" ", 1)[1]
