from typing import Any

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
        from kompass.accounts.permissions import is_administrator

        return bool(is_administrator(self))

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """kompass's own permissions are decided by the rules alone (docs/permissions.md), for superusers
        too: an administrator outside a team may read its scores but does not score. Django's model
        permissions (the admin) are held by every administrator."""
        import rules

        if rules.perm_exists(perm):
            return bool(rules.has_perm(perm, self, obj))
        return (self.is_active and self.is_administrator) or super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return (self.is_active and self.is_administrator) or super().has_module_perms(app_label)

    def __str__(self) -> str:
        return self.get_full_name() or self.username
