"""Template filters for Swedish number display; a missing value is shown as missing, never as 0."""

from decimal import Decimal

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def points(value: Decimal | None) -> str:
    """58 → "58", 426.5 → "426,5", None → "uppgift saknas" (as markup)."""
    if value is None:
        return format_html('<span class="missing">{}</span>', "uppgift saknas")
    text = f"{Decimal(value):.1f}".replace(".", ",")
    return text[:-2] if text.endswith(",0") else text
