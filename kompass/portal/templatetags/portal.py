"""Template filters of the public pages: an average is shown only when it rests on enough evaluations."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from kompass.comparison.averages import AreaAverage, too_few_label
from kompass.core.templatetags.kompass import points

register = template.Library()


@register.filter
def average(value: AreaAverage | None) -> str | SafeString:
    """58,7 — or "för få utvärderingar (N = 2)" / "uppgift saknas" marked as missing."""
    if value is None or value.mean is None:
        return points(None)
    if not value.reliable:
        return format_html('<span class="missing">{}</span>', too_few_label(value.n))
    return points(value.mean)


@register.filter
def reference_value(reference: Any, number: int) -> str | SafeString:
    """SKR's published value for area `number`, or "uppgift saknas"."""
    value = reference.value(number) if reference is not None else None
    return points(value) if value is not None else format_html('<span class="missing">{}</span>', _("uppgift saknas"))
