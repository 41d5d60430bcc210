"""Forms of the scoring and writing pages. They read the shape of the input; the rules (points within the
question's maximum, whole or half points, text length, who may write) are the services'. Every form that
changes a saved thing carries the revision it was rendered with (`revision`; 0: nothing saved yet) and
every form that adds to a list the list's length (`count`), see kompass.core.concurrency."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kompass.assessment.enums import MoveDirection
from kompass.assessment.services import ScoreEntry
from kompass.core.formfields import CountField, RevisionField
from kompass.core.forms import KompassForm
from kompass.criteria.models import Question
from kompass.evaluations.enums import FindingKind
from kompass.municipalities.models import Municipality


class ScoringForm(KompassForm):
    """An evaluator's own scores for one area: per question points, rationale, evidence and revision.
    Questions whose points were not sent are left alone."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"points-{q.pk}"] = forms.CharField(required=False, max_length=20)
            self.fields[f"rationale-{q.pk}"] = forms.CharField(required=False, strip=False)
            self.fields[f"evidence-{q.pk}"] = forms.CharField(required=False, strip=False)
            self.fields[f"revision-{q.pk}"] = RevisionField()

    def entries(self) -> list[ScoreEntry]:
        return [
            ScoreEntry(
                question=q,
                points=self.cleaned_data[f"points-{q.pk}"],
                rationale=self.cleaned_data[f"rationale-{q.pk}"],
                evidence=self.cleaned_data[f"evidence-{q.pk}"],
                expected_revision=self.cleaned_data[f"revision-{q.pk}"],
            )
            for q in self.questions
            if f"points-{q.pk}" in self.data
        ]


class ConsensusForm(KompassForm):
    """The team's agreed score for one question of the area."""

    question = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.CharField(required=False, max_length=20)
    rationale = forms.CharField(required=False, strip=False)
    revision = RevisionField()


class TextForm(KompassForm):
    """Allmänt or a sub-area's text."""

    text = forms.CharField(required=False, strip=False)
    revision = RevisionField()


class AddFindingForm(KompassForm):
    kind = forms.ChoiceField(choices=FindingKind.choices)
    text = forms.CharField(required=False, strip=False)
    count = CountField()


class FindingForm(KompassForm):
    """Change (or, with only the revision, remove) a strength or improvement point."""

    text = forms.CharField(required=False, strip=False)
    revision = RevisionField()


class MoveFindingForm(KompassForm):
    direction = forms.ChoiceField(choices=MoveDirection.choices)


class ReferenceForm(KompassForm):
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.filter(is_demo=False),
        error_messages={
            "required": _("Välj en kommun ur registret."),
            "invalid_choice": _("Välj en kommun ur registret."),
        },
    )
    theme = forms.CharField(required=False, strip=False)
