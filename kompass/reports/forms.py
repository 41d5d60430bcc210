from django import forms

from kompass.core.formfields import RevisionField
from kompass.core.forms import KompassModelForm
from kompass.reports.models import KeyFacts


class KeyFactsForm(KompassModelForm):
    """Kortfakta; `revision` is the revision the form was rendered with (0: none saved yet)."""

    revision = RevisionField()

    class Meta:
        model = KeyFacts
        fields = ["population", "area_km2", "employees", "budget_msek", "political_majority", "other", "source"]
        widgets = {"other": forms.Textarea(attrs={"rows": 4})}
