"""Swedish formatting in one place: decimals, points, numbers, percentages, dates and the genitive.

Plain functions rather than Django's localisation (`number_format`, `date_format`): the same text is needed
where no request and no activated language exist — the PDF, Word and Excel renderers, SVG charts,
management commands, e-mails sent by the worker — and it must not change with a setting such as
USE_THOUSAND_SEPARATOR (which would also group years and ids in every template). Templates reach the same
functions through the filters in `kompass/core/templatetags/kompass.py`.

A missing value is shown as missing ("uppgift saknas"), never as 0."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

MISSING = "uppgift saknas"
NBSP = "\u00a0"
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)

Number = Decimal | float | int | Fraction


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


def _exact(value: Number) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def decimal(value: Number, *, places: int = 1, trim: bool = True) -> str:
    """426.5 → "426,5"; with `trim` a zero decimal part is left out (58.0 → "58"); places=2 → "0,62"."""
    text = f"{_exact(value):.{places}f}".replace(".", ",")
    if trim and places and text.endswith("," + "0" * places):
        text = text[: -(places + 1)]
    return "0" if text == "-0" else text


def points(value: Number | None, *, missing: str = MISSING) -> str:
    """Points as the reports print them: 58 → "58", 426.5 → "426,5", None → "uppgift saknas"."""
    return missing if value is None else decimal(value)


def number(value: Number | None, *, places: int = 0, missing: str = MISSING) -> str:
    """Swedish grouping with a no-break space: 156789 → "156 789", 1234.5 (places=1) → "1 234,5"."""
    if value is None:
        return missing
    text = f"{_exact(value):,.{places}f}"
    return text.replace(",", NBSP).replace(".", ",")


def percent(fraction: Number | None, *, places: int = 0, missing: str = "–") -> str:
    """A share as a percentage with a no-break space: 0.625 → "63 %" (places=1: "62,5 %")."""
    if fraction is None:
        return missing
    return f"{decimal(_exact(fraction) * 100, places=places)}{NBSP}%"


def date(value: dt.date | None, *, precision: Precision | str = Precision.DAY, missing: str = MISSING) -> str:
    """1 december 2012 (day), december 2012 (month), 2012 (year); None → "uppgift saknas"."""
    if value is None:
        return missing
    if precision == Precision.YEAR:
        return str(value.year)
    if precision == Precision.MONTH:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def period(start: dt.date | None, end: dt.date | None, *, missing: str = MISSING) -> str:
    """11–12 mars 2025; 30 maj–2 juni 2011; one known date alone; else "uppgift saknas"."""
    if start is None or end is None or start == end:
        return date(start or end, missing=missing)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]}–{date(end)}"
    return f"{date(start)}–{date(end)}"


def genitive(name: str) -> str:
    """The Swedish genitive of a name: "Luleå" → "Luleås", "Sala" → "Salas"; a name ending in s, x or z
    takes no extra s ("Västerås" → "Västerås", "Borås" → "Borås")."""
    stripped = name.rstrip()
    if not stripped or stripped[-1].lower() in "sxz":
        return stripped
    return stripped + "s"


def file_size(size: int) -> str:
    """2_500_000 → "2,4 MB"; 2_000 → "2 kB" (at least 1 kB)."""
    if size >= 1024 * 1024:
        return f"{decimal(size / (1024 * 1024), trim=False)} MB"
    return f"{max(1, round(size / 1024))} kB"
