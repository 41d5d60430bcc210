from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import Role
from kompass.core.widgets import DirectSelect
from kompass.municipalities.models import Municipality


class InvitationForm(forms.Form):
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


class SecondFactorForm(forms.Form):
    code = forms.CharField(
        label=_("Kod"),
        max_length=20,
        help_text=_("Sex siffror från autentiseringsappen, eller en av dina reservkoder."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )
