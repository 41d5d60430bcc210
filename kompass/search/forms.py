"""The search form: the query and its filters, read from the address (GET) by the page and the JSON API."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.core.forms import KompassForm
from kompass.criteria.models import Area, CriteriaVersion
from kompass.municipalities.models import County, KeyFigure, Municipality
from kompass.search.enums import EntryKind, SizeClass
from kompass.search.indexing import POPULATION_FIGURES
from kompass.search.services import SearchFilters


def _area_choices() -> list[Any]:
    groups: dict[str, list[tuple[int, str]]] = {}
    for area in Area.objects.select_related("version").order_by("version__used_from", "number"):
        groups.setdefault(f"{area.version.code} – {area.version.name}", []).append((area.pk, str(area)))
    return [("", _("Alla områden")), *groups.items()]


class _NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class _ShortNamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.short_name)


class SearchForm(KompassForm):
    q = forms.CharField(
        label=_("Sökord"), required=False, strip=True, widget=forms.TextInput(attrs={"type": "search", "size": 40})
    )
    area = forms.TypedChoiceField(label=_("Område"), required=False, coerce=int, empty_value=None)
    same_version_only = forms.BooleanField(
        label=_("Bara området i just den kriterieversionen (inte motsvarande områden i andra versioner)"),
        required=False,
    )
    version = forms.ModelChoiceField(
        label=_("Kriterieversion"),
        queryset=CriteriaVersion.objects.order_by("used_from"),
        to_field_name="code",
        required=False,
        empty_label=_("Alla versioner"),
    )
    year_from = forms.IntegerField(label=_("Från år"), required=False, min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label=_("Till år"), required=False, min_value=1990, max_value=2100)
    county = _NamedChoiceField(
        label=_("Län"), queryset=County.objects.order_by("name"), required=False, empty_label=_("Alla län")
    )
    municipality = _ShortNamedChoiceField(
        label=_("Kommun"),
        queryset=Municipality.objects.filter(is_demo=False, is_synthetic=False).order_by("short_name"),
        required=False,
        empty_label=_("Alla kommuner"),
    )
    size = forms.ChoiceField(label=_("Kommunens storlek"), required=False)
    kinds = forms.MultipleChoiceField(
        label=_("Del av rapporten"), choices=EntryKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = _area_choices()
        cast(forms.ChoiceField, self.fields["size"]).choices = [("", _("Alla storlekar")), *SizeClass.choices]
        self.has_sizes = KeyFigure.objects.filter(name__in=POPULATION_FIGURES).exists()
        if not self.has_sizes:
            del self.fields["size"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            raise forms.ValidationError(_("”Från år” får inte vara senare än ”Till år”."))
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            area=data.get("area"),
            same_version_only=bool(data.get("same_version_only")),
            version=data["version"].pk if data.get("version") else None,
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            county=data["county"].pk if data.get("county") else None,
            municipality=data["municipality"].pk if data.get("municipality") else None,
            size=data.get("size") or None,
            kinds=tuple(data.get("kinds") or ()),
        )
