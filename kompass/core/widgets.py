"""Select widgets that render their options directly. Django's default renders one template per option
(about a millisecond each); the evidence page has three selects of ~170 questions, the invitation and
create pages a select of 290 municipalities."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class _DirectRender:
    allow_multiple_selected: bool
    attrs: dict[str, Any]
    choices: Any

    def render(self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)  # type: ignore[attr-defined]
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v is not None}

        def option(key: Any, label: Any) -> str:
            selected = mark_safe(" selected") if str(key) in chosen else ""
            return format_html('<option value="{}"{}>{}</option>', key, selected, label)

        parts: list[str] = []
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                inner = mark_safe("".join(option(k, lab) for k, lab in label))
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', key, inner))
            else:
                parts.append(option(key, label))
        multiple = mark_safe(" multiple") if self.allow_multiple_selected else ""
        return format_html(
            '<select name="{}"{}{}>{}</select>', name, multiple, flatatt(final), mark_safe("".join(parts))
        )


class DirectSelect(_DirectRender, forms.Select):
    pass


class DirectSelectMultiple(_DirectRender, forms.SelectMultiple):
    pass
