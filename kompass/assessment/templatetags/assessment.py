"""Small template helpers for the assessment pages."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import template

from kompass.core import formatting

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """mapping[key] or None: for per-form errors and posted values keyed by id."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def percent(value: Fraction | None) -> str:
    """Fraction(3, 4) → "75 %"; None → "–"."""
    return formatting.percent(value)


@register.filter
def kappa(value: Fraction | None) -> str:
    """Fraction → "0,62"; None → "–" (undefined)."""
    return "–" if value is None else formatting.decimal(value, places=2, trim=False)


@register.filter
def form_key(prefix: str, suffix: Any) -> str:
    """ "finding"|form_key:12 → "finding-12": the id of one form on a page with many."""
    return f"{prefix}-{suffix}"
