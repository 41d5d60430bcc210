"""Hostile text, one home: what kompass accepts from people and from machines.

People's text (forms, the admin, the API) is refused when it holds control characters: a NUL byte makes
PostgreSQL fail and, stored on SQLite, makes a backup that PostgreSQL cannot restore; other control
characters are invisible and have no business in a report. Bidirectional override and isolate characters
(U+202A–U+202E, U+2066–U+2069) can make a text read differently from what it says ("Trojan Source"), so
they are removed from what is stored. Tab, newline and carriage return are ordinary text.

Machine text (a PDF's text layer, an imported file) is not refused — there is nobody to ask — but cleaned:
`strip_control_characters` removes the same characters.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

CONTROL_CHARACTERS_MESSAGE = gettext_lazy(
    "Texten innehåller otillåtna tecken (kontrolltecken, t.ex. NUL). Ta bort dem och försök igen."
)

# C0 except tab, newline and carriage return; DEL; C1; lone surrogates; the noncharacters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Bidirectional embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Page and line breaks of machine text become newlines rather than vanishing and joining words.
_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")


class UnsafeTextError(ValueError):
    """User text with control characters; the message is Swedish."""

    def __init__(self) -> None:
        super().__init__(str(CONTROL_CHARACTERS_MESSAGE))


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def clean_user_text(text: str) -> str:
    """Check text a person typed: raise UnsafeTextError (Swedish message) when it holds control characters;
    otherwise return it without bidirectional override/isolate characters. No other change."""
    if has_control_characters(text):
        raise UnsafeTextError()
    return _BIDI.sub("", text)


def strip_control_characters(text: str) -> str:
    """Clean machine text (PDF text layers, imported files): page and line separators become newlines,
    other control characters and bidirectional overrides are removed. Never refuses."""
    return _BIDI.sub("", _CONTROL.sub("", _BREAKS.sub("\n", text)))
