"""Forms for the plan page. They check the shape of the input; the rules live in the model
(Action.clean, EmailValidator) and the services call them too."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.actionplans.enums import ActionStatus, Priority
from kompass.actionplans.models import Action
from kompass.actionplans.services import TEXT_LIMIT
from kompass.core.formfields import CountField, RevisionField
from kompass.core.forms import KompassForm, KompassModelForm


class DateInput(forms.DateInput):
    input_type = "date"


class ActionForm(KompassModelForm):
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
    # Changing: the revision the form was rendered with. Adding: how many actions the point had.
    revision = RevisionField()
    count = CountField()

    class Meta:
        model = Action
        fields = ["description", "comment", "owner_name", "owner_role", "owner_email", "start", "due", "status"]

    def action_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NoteForm(KompassForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    text = forms.CharField(
        label=_("Lägesanteckning"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class PriorityForm(KompassForm):
    priority = forms.ChoiceField(label=_("Prioritet"), choices=Priority.choices, required=False)
    revision = RevisionField()


class PublishForm(KompassForm):
    is_public = forms.BooleanField(label=_("Alla får läsa handlingsplanen"), required=False)
