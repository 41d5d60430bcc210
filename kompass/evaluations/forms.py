"""Forms for the work pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.core.forms import KompassForm
from kompass.criteria.models import CriteriaVersion, Question
from kompass.evaluations.models import Evaluation, InterviewGroup
from kompass.evaluations.widgets import DirectSelect, DirectSelectMultiple
from kompass.municipalities.models import Municipality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EvaluatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.organisation})" if obj.organisation else name


def _evaluators():  # type: ignore[no-untyped-def]
    return User.objects.filter(is_active=True).exclude(role=Role.CONTACT).order_by("first_name", "last_name")


class CreateEvaluationForm(KompassForm):
    municipality = forms.ModelChoiceField(
        label=_("Kommun"), queryset=Municipality.objects.order_by("name"), widget=DirectSelect
    )
    version = forms.ModelChoiceField(label=_("Kriterieversion"), queryset=CriteriaVersion.objects.none())
    year = forms.IntegerField(label=_("År"), min_value=1990, max_value=2100)
    lead = EvaluatorChoiceField(label=_("Huvudutvärderare"), queryset=User.objects.none())
    member = EvaluatorChoiceField(label=_("Utvärderare"), queryset=User.objects.none(), required=False)
    peer = EvaluatorChoiceField(
        label=_("Kollegial utvärderare"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Ofta en person från en annan kommun."),
    )
    visit_start = forms.DateField(label=_("Besöket börjar"), required=False, widget=DATE)
    visit_end = forms.DateField(label=_("Besöket slutar"), required=False, widget=DATE)
    feedback_date = forms.DateField(label=_("Återkopplingsmöte"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        with_questions = Question.objects.values("area__version_id")
        self.fields["version"].queryset = CriteriaVersion.objects.filter(pk__in=with_questions).order_by(  # type: ignore[attr-defined]
            "-used_from"
        )
        for name in ("lead", "member", "peer"):
            self.fields[name].queryset = _evaluators()  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


def question_choices(evaluation: Evaluation) -> list[tuple[str, list[tuple[int, str]]]]:
    """The evaluation's questions grouped by area, for a multiple select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    questions = Question.objects.filter(area__version_id=evaluation.version_id).select_related("area")
    for q in questions:
        label = q.text if len(q.text) <= 90 else q.text[:89] + "…"
        groups.setdefault(f"{q.area.number}. {q.area.name}", []).append((q.pk, f"{q.code} {label}"))
    return list(groups.items())


class _EvidenceForm(KompassForm):
    questions = forms.TypedMultipleChoiceField(
        label=_("Frågor som underlaget gäller"),
        coerce=int,
        widget=DirectSelectMultiple,
        help_text=_("Välj en eller flera (håll ned Ctrl eller Cmd för att välja flera)."),
    )

    def __init__(self, *args, evaluation: Evaluation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = question_choices(evaluation)  # type: ignore[attr-defined]
        self.fields["questions"].widget.attrs["size"] = 8

    def question_objects(self) -> list[Question]:
        return list(Question.objects.filter(pk__in=self.cleaned_data["questions"]).select_related("area"))


class InterviewNoteForm(_EvidenceForm):
    group = forms.ModelChoiceField(label=_("Intervjugrupp"), queryset=InterviewGroup.objects.none())
    text = forms.CharField(label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    field_order = ["group", "text", "questions"]

    def __init__(self, *args, evaluation: Evaluation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, evaluation=evaluation, **kwargs)
        self.fields["group"].queryset = evaluation.interview_groups.all()  # type: ignore[attr-defined]


class DocumentReferenceForm(_EvidenceForm):
    title = forms.CharField(label=_("Dokumentets titel"), max_length=300)
    date = forms.DateField(label=_("Dokumentets datum"), required=False, widget=DATE)
    page = forms.CharField(label=_("Sida"), max_length=50, required=False)
    note = forms.CharField(
        label=_("Vad dokumentet visar"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000
    )
    field_order = ["title", "date", "page", "note", "questions"]


class WebsiteObservationForm(_EvidenceForm):
    url = forms.URLField(label=_("Adress"), max_length=500, assume_scheme="https")
    seen_on = forms.DateField(label=_("Datum då sidan besöktes"), widget=DATE)
    finding = forms.CharField(label=_("Vad som hittades"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)
    field_order = ["url", "seen_on", "finding", "questions"]


class InterviewGroupForm(KompassForm):
    name = forms.CharField(label=_("Gruppens namn"), max_length=200)
    starts_at = forms.DateTimeField(label=_("Börjar"), required=False, widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Slutar"), required=False, widget=DATETIME)
    location = forms.CharField(label=_("Plats"), max_length=200, required=False)


class PersonForm(KompassForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    role = forms.CharField(label=_("Befattning eller uppdrag"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class ProposalForm(PersonForm):
    group = forms.ModelChoiceField(label=_("Intervjugrupp"), queryset=InterviewGroup.objects.none())
    field_order = ["group", "name", "role", "organisation"]

    def __init__(self, *args, evaluation: Evaluation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = evaluation.interview_groups.all()  # type: ignore[attr-defined]


class DocumentUploadForm(KompassForm):
    file = forms.FileField(label=_("Fil"), help_text=_("PDF, Word (.docx) eller Excel (.xlsx)."))
    question = forms.TypedChoiceField(
        label=_("Gäller fråga (valfritt)"), coerce=int, required=False, empty_value=None, widget=DirectSelect
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)

    def __init__(self, *args, evaluation: Evaluation, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("Hela frågeunderlaget")), *question_choices(evaluation)]  # type: ignore[attr-defined]
