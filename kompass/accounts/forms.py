from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import Role
from kompass.core.forms import KompassForm, KompassFormMixin
from kompass.core.widgets import DirectSelect
from kompass.municipalities.models import Municipality


class InvitationForm(KompassForm):
    email = forms.EmailField(label=_("E-postadress"))
    first_name = forms.CharField(label=_("Förnamn"), max_length=150)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150)
    role = forms.ChoiceField(label=_("Roll"), choices=Role.choices)
    municipality = forms.ModelChoiceField(
        label=_("Kommun (för kommunkontakter)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        widget=DirectSelect,
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class SecondFactorForm(KompassForm):
    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        help_text=_("Sex siffror från autentiseringsappen, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class LoginForm(KompassFormMixin, auth_forms.AuthenticationForm):
    """Django's login form, with the text check of every kompass form (shown above the form, as the login
    page shows no errors per field)."""

    refuse_as_form_error = True


class PasswordResetForm(KompassFormMixin, auth_forms.PasswordResetForm):
    """Django's "forgot password" form, with the text check of every kompass form."""


class SetPasswordForm(KompassFormMixin, auth_forms.SetPasswordForm):
    """Django's new-password form (invitations, password reset), with the text check."""


class UserChangeForm(KompassFormMixin, auth_forms.UserChangeForm):
    """The admin's user form, with the text check."""


class UserCreationForm(KompassFormMixin, auth_forms.AdminUserCreationForm):
    """The admin's new-user form, with the text check."""
