"""Forms for the plan page. They check the shape of the input; the services check the rules again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.actionplans.enums import ActionStatus, Priority
from kompass.actionplans.services import TEXT_LIMIT
from kompass.core.forms import KompassForm


class DateInput(forms.DateInput):
    input_type = "date"


class ActionForm(KompassForm):
    description = forms.CharField(
        label=_("Åtgärd/aktivitet"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    owner_name = forms.CharField(label=_("Ansvarig (namn)"), required=False, max_length=200)
    owner_role = forms.CharField(label=_("Ansvarigs roll"), required=False, max_length=200)
    owner_email = forms.EmailField(
        label=_("Ansvarigs e-post"),
        required=False,
        help_text=_("Påminnelser skickas hit när åtgärden snart ska vara klar eller är försenad."),
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    due = forms.DateField(label=_("Klart (datum)"), required=False, widget=DateInput)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.NOT_STARTED)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, due = data.get("start"), data.get("due")
        if start and due and due < start:
            self.add_error("due", _("Klart-datumet kan inte vara före startdatumet."))
        return data

    def action_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "revision"}


class NoteForm(KompassForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    text = forms.CharField(
        label=_("Lägesanteckning"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class PriorityForm(KompassForm):
    priority = forms.ChoiceField(label=_("Prioritet"), choices=Priority.choices, required=False)
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PublishForm(KompassForm):
    is_public = forms.BooleanField(label=_("Alla får läsa handlingsplanen"), required=False)
