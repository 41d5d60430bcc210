"""Base forms: every form in kompass inherits the text check of `kompass.core.text`.

Before a form cleans anything, every submitted value is screened: a value with control characters (a NUL
byte, an escape …) gives its field the Swedish message and nothing of the form is valid, so nothing is
stored; bidirectional override characters are removed from every value. Uploaded files are screened by
name: control characters are refused and the name is capped. The screen runs on the raw values, so a NUL
byte never reaches a field's own cleaning or a database query (PostgreSQL refuses NUL with an error).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from kompass.core.text import (
    CONTROL_CHARACTERS_MESSAGE,
    clean_user_text,
    has_control_characters,
    strip_control_characters,
)

MAX_FILENAME_CHARS = 200
FILENAME_CONTROL_MESSAGE = _("Filnamnet innehåller otillåtna tecken (kontrolltecken). Byt namn på filen.")
FILENAME_LENGTH_MESSAGE = _("Filnamnet är för långt (högst %(n)s tecken). Byt namn på filen.")


def _screen_value(value: Any) -> tuple[Any, bool]:
    """(value without bidi overrides, whether it held control characters). Non-text values pass as they are."""
    if not isinstance(value, str):
        return value, False
    if has_control_characters(value):
        return strip_control_characters(value), True  # shown again without them, next to the message
    return clean_user_text(value), False


def _screen_values(values: Any) -> tuple[list[Any], bool]:
    screened = [_screen_value(value) for value in values]
    return [value for value, _bad in screened], any(bad for _value, bad in screened)


def _screen_data(data: Any) -> tuple[Any, set[str]]:
    """A copy of submitted data with every text value screened, and the keys that were refused."""
    refused: set[str] = set()
    if isinstance(data, MultiValueDict):
        screened: Any = data.copy()
        for key, values in data.lists():
            clean, bad = _screen_values(values)
            screened.setlist(key, clean)
            if bad:
                refused.add(key)
        return screened, refused
    screened = {}
    for key, raw in dict(data).items():
        many = isinstance(raw, list | tuple)
        clean, bad = _screen_values(raw if many else [raw])
        screened[key] = clean if many else clean[0]
        if bad:
            refused.add(key)
    return screened, refused


def _screen_files(files: Any) -> tuple[Any, dict[str, str]]:
    """A copy of the uploads without those whose names are refused, and the refused keys with the reason.
    Bidirectional overrides are removed from the names that pass."""
    refused: dict[str, str] = {}
    if not files:
        return files, refused
    if not isinstance(files, MultiValueDict):
        files = MultiValueDict({key: [upload] for key, upload in dict(files).items()})
    screened = files.copy()
    for key, uploads in files.lists():
        kept = []
        for upload in uploads:
            name = str(getattr(upload, "name", "") or "")
            if has_control_characters(name):
                refused[key] = str(FILENAME_CONTROL_MESSAGE)
                continue
            name = clean_user_text(name)
            if len(name) > MAX_FILENAME_CHARS:
                refused[key] = str(FILENAME_LENGTH_MESSAGE % {"n": MAX_FILENAME_CHARS})
                continue
            upload.name = name
            kept.append(upload)
        screened.setlist(key, kept)
    return screened, refused


class KompassFormMixin:
    """Screens every submitted value (see the module docstring) before the form's own cleaning."""

    # True for forms whose page shows only the form's own errors (the login page).
    refuse_as_form_error = False

    def full_clean(self) -> None:
        form: Any = self
        if not form.is_bound:
            return super().full_clean()  # type: ignore[misc]
        form.data, refused_keys = _screen_data(form.data)
        form.files, refused_files = _screen_files(form.files)
        super().full_clean()  # type: ignore[misc]
        messages = {key: str(CONTROL_CHARACTERS_MESSAGE) for key in refused_keys}
        messages.update(refused_files)
        for key, message in messages.items():
            name = None if self.refuse_as_form_error else self._field_for_key(key)
            form._errors[name or "__all__"] = form.error_class([message])
            if name and hasattr(form, "cleaned_data"):
                form.cleaned_data.pop(name, None)

    def error_text(self) -> str:
        """Every error of the form in one line, for pages that show a message rather than errors per field
        (each field's label first where it has one; the same message once)."""
        form: Any = self
        parts: list[str] = []
        for name, errors in form.errors.items():
            field = form.fields.get(name)
            label = f"{field.label}: " if field is not None and field.label else ""
            for error in errors:
                if f"{label}{error}" not in parts:
                    parts.append(f"{label}{error}")
        return " ".join(parts)

    def _field_for_key(self, key: str) -> str | None:
        """The field a submitted key belongs to (prefixes and multi-widget suffixes such as _0 allowed)."""
        form: Any = self
        for name in form.fields:
            html_name = form.add_prefix(name)
            if key == html_name or key.startswith(html_name + "_"):
                return str(name)
        return None


class KompassForm(KompassFormMixin, forms.Form):
    """The base of every plain form."""


class KompassModelForm(KompassFormMixin, forms.ModelForm):
    """The base of every model form (and of the admin's forms, through KompassModelAdmin)."""
