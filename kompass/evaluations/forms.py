"""Forms for the work pages. They check the shape of the input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kompass.accounts.enums import Role
from kompass.accounts.models import User
from kompass.core.formfields import CountField, RevisionField
from kompass.core.forms import KompassForm, KompassModelForm
from kompass.core.widgets import DirectSelect, DirectSelectMultiple
from kompass.criteria.models import CriteriaVersion, Question
from kompass.evaluations.models import Answer, Evaluation, InterviewGroup
from kompass.municipalities.models import Municipality

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TextareaField(forms.CharField):
    """A multi-line text: line ends as the browser sends them (CRLF) read as newlines, so that comparing
    with the value the page was rendered with sees only real changes."""

    widget = forms.Textarea

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n")


class EvaluatorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.organisation})" if obj.organisation else name


def _evaluators():
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_questions = Question.objects.values("area__version_id")
        self.fields["version"].queryset = CriteriaVersion.objects.filter(pk__in=with_questions).order_by(  # type: ignore[attr-defined]
            "-used_from"
        )
        for name in ("lead", "member", "peer"):
            self.fields[name].queryset = _evaluators()  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dates = {name: data.get(name) for name in ("visit_start", "visit_end", "feedback_date")}
        try:
            Evaluation(**dates).clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                self.add_error(field, messages)
        return data


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

    def __init__(self, *args, evaluation: Evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = question_choices(evaluation)  # type: ignore[attr-defined]
        self.fields["questions"].widget.attrs["size"] = 8

    # Adding: the number of items listed when the form was rendered; changing: the item's revision.
    count = CountField()
    revision = RevisionField()

    def question_objects(self) -> list[Question]:
        return list(Question.objects.filter(pk__in=self.cleaned_data["questions"]).select_related("area"))

    def evidence_values(self) -> dict[str, Any]:
        """What the services take: the written fields and the question objects."""
        values = {k: v for k, v in self.cleaned_data.items() if k not in ("count", "revision")}
        values["questions"] = self.question_objects()
        return values


class InterviewNoteForm(_EvidenceForm):
    group = forms.ModelChoiceField(label=_("Intervjugrupp"), queryset=InterviewGroup.objects.none())
    text = forms.CharField(label=_("Anteckning"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000)
    field_order = ["group", "text", "questions"]

    def __init__(self, *args, evaluation: Evaluation, **kwargs):
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


class InterviewGroupForm(KompassModelForm):
    """An interview group; its time rules are InterviewGroup.clean()'s. `count` (adding: how many groups
    the page listed) and `revision` (changing) let the service refuse a save over someone else's."""

    count = CountField()
    revision = RevisionField()

    class Meta:
        model = InterviewGroup
        fields = ["name", "starts_at", "ends_at", "location"]
        labels = {"name": _("Gruppens namn"), "starts_at": _("Börjar"), "ends_at": _("Slutar"), "location": _("Plats")}
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def group_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonForm(KompassForm):
    name = forms.CharField(label=_("Namn"), max_length=200)
    role = forms.CharField(label=_("Befattning eller uppdrag"), max_length=200, required=False)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class ProposalForm(PersonForm):
    group = forms.ModelChoiceField(label=_("Intervjugrupp"), queryset=InterviewGroup.objects.none())
    field_order = ["group", "name", "role", "organisation"]

    def __init__(self, *args, evaluation: Evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = evaluation.interview_groups.all()  # type: ignore[attr-defined]


class QuestionnaireAreaForm(KompassForm):
    """The contact's answers to one area's questions: per question the text, links (one per line) and
    the revision of the saved answer. Hidden copies of the values the page showed tell which answers the
    person changed; only those go to the service (services.questionnaire.save_answers)."""

    def __init__(self, *args: Any, questions: list[Question], answers: dict[int, Answer], **kwargs: Any):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            answer = answers.get(q.pk)
            self.fields[f"text-{q.pk}"] = TextareaField(
                required=False, strip=False, show_hidden_initial=True, initial=answer.text if answer else ""
            )
            self.fields[f"text-{q.pk}"].widget.attrs["rows"] = 3
            self.fields[f"links-{q.pk}"] = TextareaField(
                required=False, show_hidden_initial=True, initial="\n".join(answer.links) if answer else ""
            )
            self.fields[f"links-{q.pk}"].widget.attrs["rows"] = 2
            self.fields[f"revision-{q.pk}"] = RevisionField()
            self.fields[f"revision-{q.pk}"].initial = answer.revision if answer else 0

    def bound_fields(self, question: Question) -> tuple[Any, Any, Any]:
        return (self[f"text-{question.pk}"], self[f"links-{question.pk}"], self[f"revision-{question.pk}"])

    def changed_answers(self) -> dict[Question, tuple[str, str]]:
        changed = set(self.changed_data)
        return {
            q: (self.cleaned_data[f"text-{q.pk}"], self.cleaned_data[f"links-{q.pk}"])
            for q in self.questions
            if {f"text-{q.pk}", f"links-{q.pk}"} & changed
        }

    def revisions(self) -> dict[int, int]:
        values = {q.pk: self.cleaned_data.get(f"revision-{q.pk}") for q in self.questions}
        return {pk: revision for pk, revision in values.items() if revision is not None}


class DocumentUploadForm(KompassForm):
    file = forms.FileField(label=_("Fil"), help_text=_("PDF, Word (.docx) eller Excel (.xlsx)."))
    question = forms.TypedChoiceField(
        label=_("Gäller fråga (valfritt)"), coerce=int, required=False, empty_value=None, widget=DirectSelect
    )
    description = forms.CharField(label=_("Beskrivning"), max_length=300, required=False)

    def __init__(self, *args, evaluation: Evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [("", _("Hela frågeunderlaget")), *question_choices(evaluation)]  # type: ignore[attr-defined]


class MoveForm(KompassForm):
    """The lifecycle step to move to; which steps are allowed is the service's rule."""

    to = forms.CharField(max_length=20)


class EraseConfirmForm(KompassForm):
    confirm = forms.BooleanField()
