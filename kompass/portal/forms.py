"""Filter and selection forms of the public pages (GET forms: the address says what is shown)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kompass.comparison.averages import Grouping
from kompass.comparison.comparing import MAX_COMPARED
from kompass.core.forms import KompassForm
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations import queries
from kompass.municipalities.enums import Kommungrupp
from kompass.municipalities.models import County, Municipality
from kompass.municipalities.services import match_municipality

SORT_CHOICES = [
    ("year", _("Nyast först")),
    ("-year", _("Äldst först")),
    ("municipality", _("Kommun A–Ö")),
    ("-municipality", _("Kommun Ö–A")),
    ("total", _("Högst totalpoäng först")),
    ("-total", _("Lägst totalpoäng först")),
]


def _published_municipality_choices() -> list[tuple[str, str]]:
    """Municipalities with at least one published evaluation (an unpublished one must not show here; nor the
    demo)."""
    published = (
        Municipality.objects.filter(evaluations__in=queries.published())
        .filter(Q(is_demo=False))
        .distinct()
        .order_by("short_name")
    )
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
    kommungrupp = forms.ChoiceField(
        label=_("Kommungrupp (SKR)"), required=False, choices=[("", _("Alla")), *Kommungrupp.choices]
    )
    sort = forms.ChoiceField(label=_("Sortering"), required=False, choices=SORT_CHOICES)
    demo = forms.BooleanField(label=_("Visa även demokommunen"), required=False)

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
    """A version and up to MAX_COMPARED municipalities typed by name or code in separate text inputs (a
    <datalist> offers the names as you type; without JavaScript or datalist support the server matches the
    typed names). `kommun` repeats in the address: ?version=kk2010&kommun=Kramfors&kommun=1880."""

    version = forms.ChoiceField(label=_("Kriterieversion"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "version").choices = _version_choices()
        self.names = _published_municipality_choices()
        getlist = getattr(self.data, "getlist", None)
        self.typed = [t.strip()[:100] for t in (getlist("kommun") if getlist else []) if t.strip()]

    @property
    def inputs(self) -> list[tuple[int, str]]:
        """(number, typed value) for every input, so a re-shown form keeps what was typed."""
        values = [*self.typed, *[""] * MAX_COMPARED][: max(MAX_COMPARED, len(self.typed))]
        return list(enumerate(values, start=1))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.typed:
            raise forms.ValidationError(_("Skriv namnet på minst en kommun."))
        if len(self.typed) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Välj högst %(max)s kommuner (du valde %(count)s).") % {"max": MAX_COMPARED, "count": len(self.typed)}
            )
        codes, unknown = [], []
        for text in self.typed:
            code = self._match(text)
            if code is None:
                unknown.append(text)
            else:
                codes.append(code)
        if unknown:
            raise forms.ValidationError(
                _("Ingen kommun med publicerad utvärdering heter eller har koden %(names)s.")
                % {"names": ", ".join(f"”{t}”" for t in unknown)}
            )
        cleaned["kommun"] = codes
        return cleaned

    def _match(self, text: str) -> str | None:
        """A code, a name (any case, "Västerås stad" too) or an unambiguous beginning of a name."""
        lowered = text.lower()
        for code, name in self.names:
            if lowered in (code.lower(), name.lower()):
                return code
        found = match_municipality(text)
        if found is not None and any(code == found.code for code, _name in self.names):
            return found.code
        starts = [code for code, name in self.names if name.lower().startswith(lowered)]
        return starts[0] if len(starts) == 1 else None


class AveragesForm(KompassForm):
    version = forms.ChoiceField(label=_("Kriterieversion"), required=False)
    by = forms.ChoiceField(label=_("Dela upp per"), required=False, choices=Grouping.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "version").choices = [("", _("Alla versioner")), *_version_choices()]


class RankingForm(KompassForm):
    version = forms.ChoiceField(label=_("Kriterieversion"))
    omrade = forms.ChoiceField(label=_("Poäng"), required=False)
    kommungrupp = forms.ChoiceField(
        label=_("Kommungrupp (SKR)"), required=False, choices=[("", _("Alla")), *Kommungrupp.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice_field(self, "version").choices = _version_choices()
        _choice_field(self, "omrade").choices = [
            ("", _("Totalpoäng")),
            *((str(n), _("Område %(number)s") % {"number": n}) for n in range(1, 9)),
        ]
