"""Template filters for Swedish formatting (kompass.core.formatting); missing is shown as missing, never 0."""

from datetime import date
from decimal import Decimal

from django import template
from django.utils.html import format_html

from kompass.core import formatting

register = template.Library()


@register.filter
def points(value: Decimal | None) -> str:
    """58 → "58", 426.5 → "426,5", None → "uppgift saknas" (as markup)."""
    if value is None:
        return format_html('<span class="missing">{}</span>', "uppgift saknas")
    return formatting.points(value)


@register.filter
def decimal(value: formatting.Number | None, places: int = 1) -> str:
    """426.5 → "426,5", 58.0 → "58"; `|decimal:2` → two places. None → "" (templates say what is missing)."""
    return "" if value is None or value == "" else formatting.decimal(value, places=int(places))


@register.filter
def number(value: formatting.Number | None) -> str:
    """156789 → "156 789" (no-break space); None → ""."""
    return "" if value is None or value == "" else formatting.number(value)


@register.filter
def percent(value: formatting.Number | None) -> str:
    """0.625 → "63 %"; None → "–"."""
    return formatting.percent(value)


@register.filter
def sv_date(value: date | None, precision: str = "day") -> str:
    """`|sv_date` → "1 december 2012", `|sv_date:"month"` → "december 2012", `|sv_date:"year"` → "2012"."""
    return "" if value is None else formatting.date(value, precision=precision)


@register.filter
def genitive(name: str) -> str:
    """ "Luleå" → "Luleås", "Västerås" → "Västerås"."""
    return formatting.genitive(str(name))
