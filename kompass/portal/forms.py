"""Filter and selection forms of the public pages (GET forms: the address says what is shown)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompass.comparison.services import MAX_COMPARED, Grouping
from kompass.core.forms import KompassForm
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import queries
from kompass.municipalities.models import County, Municipality

SORT_CHOICES = [
    ("year", _("Nyast först")),
    ("-year", _("Äldst först")),
    ("municipality", _("Kommun A–Ö")),
    ("-municipality", _("Kommun Ö–A")),
    ("total", _("Högst totalpoäng först")),
    ("-total", _("Lägst totalpoäng först")),
]


def _published_municipality_choices() -> list[tuple[str, str]]:
    """Municipalities with at least one published evaluation (an unpublished one must not show here)."""
    published = Municipality.objects.filter(evaluations__in=queries.published()).distinct().order_by("short_name")
    return [(code, name) for code, name in published.values_list("code", "short_name")]


def _version_choices() -> list[tuple[str, str]]:
    return [(v.code, f"{v.code} – {v.name}") for v in CriteriaVersion.objects.order_by("used_from")]


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    """A form's choice field, typed as one (the choices are filled from the database per request)."""
    return cast(forms.ChoiceField, form.fields[name])


class ResultFilterForm(KompassForm):
    version = forms.ChoiceField(label=_("Kriterieversion"), required=False)
    year = forms.IntegerField(label=_("År"), required=False, min_value=1990, max_value=2100)
    county = forms.ChoiceField(label=_("Län"), required=False)
    # A text field, not a list: a list of every evaluated municipality grows with the data.
    municipality = forms.CharField(label=_("Kommun (namn eller kod)"), required=False, max_length=100)
    sort = forms.ChoiceField(label=_("Sortering"), required=False, choices=SORT_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, Any]] = [("", _("Alla"))]
        _choice_field(self, "version").choices = [*everything, *_version_choices()]
        _choice_field(self, "county").choices = [*everything, *((c.code, c.name) for c in County.objects.all())]

    def clean_municipality(self) -> str:
        text = self.cleaned_data["municipality"].strip()
        if not text:
            return ""
        code = (
            Municipality.objects.filter(Q(code=text) | Q(short_name__iexact=text) | Q(name__iexact=text))
            .values_list("code", flat=True)
            .first()
        )
        if code is None:
            raise forms.ValidationError(_("Ingen kommun heter eller har koden ”%(text)s”.") % {"text": text})
        return code


class CompareForm(KompassForm):
    version = forms.ChoiceField(label=_("Kriterieversion"))
    kommun = forms.MultipleChoiceField(
        label=_("Kommuner (högst %(max)s)") % {"max": MAX_COMPARED},
        help_text=_("Håll ned Ctrl (Cmd på Mac) för att välja flera."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "version").choices = _version_choices()
        _choice_field(self, "kommun").choices = _published_municipality_choices()
        self.fields["kommun"].widget.attrs["size"] = 10

    def clean_kommun(self) -> list[str]:
        codes: list[str] = self.cleaned_data["kommun"]
        if len(codes) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Välj högst %(max)s kommuner (du valde %(count)s).") % {"max": MAX_COMPARED, "count": len(codes)}
            )
        return codes


class AveragesForm(KompassForm):
    version = forms.ChoiceField(label=_("Kriterieversion"), required=False)
    by = forms.ChoiceField(label=_("Dela upp per"), required=False, choices=Grouping.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "version").choices = [("", _("Alla versioner")), *_version_choices()]
