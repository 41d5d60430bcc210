"""Hidden fields of the one way to refuse a stale edit (kompass.core.concurrency)."""

from __future__ import annotations

from typing import Any

from django import forms


class RevisionField(forms.IntegerField):
    """The revision a form was rendered with. Missing or empty reads as 0 ("nothing was saved when I
    began"), so a form that does not say what it started from can never overwrite a saved version."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any):
        super().__init__(min_value=0, required=False, **kwargs)

    def to_python(self, value: Any) -> int:
        return super().to_python(value) or 0


class CountField(forms.IntegerField):
    """The number of items a list had when an add form was rendered (empty: no check — adding never
    overwrites anything)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any):
        super().__init__(min_value=0, required=False, **kwargs)
