from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import PersonalDataKind, Role


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


class PersonalDataRead(models.Model):
    """One row each time a page showed someone interview notes or participant lists (who, when, which
    evaluation, what). Written by `record_personal_data_read`; read-only in the Django admin."""

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("läst av"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reader_name = models.CharField(_("användarnamn"), max_length=150)
    read_at = models.DateTimeField(_("tidpunkt"), auto_now_add=True, db_index=True)
    evaluation = models.ForeignKey(
        "evaluations.Evaluation", verbose_name=_("utvärdering"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    evaluation_key = models.CharField(_("utvärderingens beteckning"), max_length=40)
    what = models.CharField(_("vad"), max_length=20, choices=PersonalDataKind.choices)
    path = models.CharField(_("sida"), max_length=300)
    address = models.GenericIPAddressField(_("adress"), null=True, blank=True)

    class Meta:
        verbose_name = _("läsning av personuppgifter")
        verbose_name_plural = _("läsningar av personuppgifter")
        ordering = ["-read_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reader_name} {self.evaluation_key} {self.get_what_display()}"
