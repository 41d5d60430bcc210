"""Filters for the report's web page; the same formatting as the other formats."""

from django import template

from kompass.reports.content import fmt_points
from kompass.reports.renderers.common import paragraphs as split_paragraphs

register = template.Library()


@register.filter
def report_points(value: object) -> str:
    """58 → "58", 426.5 → "426,5", None → "uppgift saknas" (plain text; escaped by the template)."""
    return fmt_points(value)  # type: ignore[arg-type]


@register.filter
def paragraphs(text: str) -> list[str]:
    return split_paragraphs(text or "")
