"""Values written to CSV and Excel files: one rule for every export.

A spreadsheet program runs a cell that starts with = + - @ (and, in some programs, tab or carriage return)
as a formula — "=HYPERLINK(…)" or "=cmd|' /C calc'!A0" in a document name would run when a municipality
opens the export. Such text is written with a leading apostrophe (OWASP's rule for CSV injection), which
every spreadsheet program shows as text. Numbers, dates and empty values are left as they are, so numbers
stay numbers."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value` as it may be written to a CSV or Excel cell: text that a spreadsheet would run as a formula
    gets a leading apostrophe; anything that is not text is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
