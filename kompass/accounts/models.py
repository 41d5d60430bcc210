from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import Role


class User(AbstractUser):
    """A person who logs in. Object-level access is decided per evaluation (see evaluations.permissions);
    the role says what kind of work the person does."""

    role = models.CharField(_("roll"), max_length=20, choices=Role.choices, default=Role.EVALUATOR)
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("kommun"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("För kommunkontakter: den kommun personen företräder."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")

    @property
    def is_administrator(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR

    def __str__(self) -> str:
        return self.get_full_name() or self.username
