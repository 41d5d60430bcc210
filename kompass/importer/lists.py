"""Splitting run-together text into items and headings, and matching printed headings to known names.

Scraped reports lose the bullets and line breaks of Styrkor, Förbättringsmöjligheter and the "Rubriker"
column, so items arrive as one line. How they are split (see README, "Hur listor delas"):

* Bullets (•, ▪, –, -) or line breaks, when present, separate items.
* Otherwise a new item starts after a sentence end (". ", "! ", "? ") before a capital letter, and also
  where a capitalised word follows a lowercase word without any sentence end ("…sociala medier Medborgarna
  kan…") — unless the capital word is an acronym (KF-, IT-), a municipality's name, follows a preposition
  or conjunction, or the item so far is one word ("Koppla Kommunövergripande strategi…").
* A run of three words without a full stop between two items is a quoted name that lost its quotation
  marks (…bemötandes betydelse "Alltid bästa möte") and stays with the item before it; one or two words
  are an item of their own ("Värdegrundsarbete", "Webbsända fullmäktigesammanträden").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from difflib import SequenceMatcher
from functools import lru_cache

SENTENCE_END = (".", "!", "?")
BULLETS = re.compile(r"(?:^|\n)[ \t]*(?:[•●▪◦■□·*]|[-–][ \t])[ \t]*|[ \t][•●▪◦■][ \t]*")
_NOT_BEFORE_NEW_ITEM = {
    "och", "eller", "samt", "i", "av", "för", "med", "till", "på", "om", "vid", "från", "som", "mot", "inom",
    "genom", "kring", "under", "efter", "mellan", "hos", "via", "t.ex.", "bl.a.", "s.k.", "kallad", "kallat",
    "kallas", "begreppet", "temat", "projektet", "modellen", "enligt", "än", "både", "såsom", "exempelvis",
    "ex.", "dvs.", "the", "of", "nämligen", "kallade", "heter",
}  # fmt: skip
_STOPWORDS = {"och", "i", "av", "för", "for", "med", "till", "på", "om", "samt", "den", "det", "en", "ett", "som"}
_TOKEN = re.compile(r"[0-9A-Za-zÅÄÖåäöÉéÜü]+")


def split_items(text: str, *, is_name: Callable[[str], bool] = lambda word: False) -> list[str]:
    """Split a Styrkor/Förbättringsmöjligheter block into items (module docstring)."""
    text = text.replace("\f", " ").strip()
    if not text:
        return []
    if BULLETS.search(text):
        pieces = [p for p in BULLETS.split(text) if p.strip()]
    else:
        pieces = [text]
    items: list[str] = []
    for piece in pieces:
        items.extend(_split_run_together(" ".join(piece.split()), is_name))
    # A stray mark (OCR noise, a lone bullet) is not an item.
    return _merge_quoted_names([item for item in items if sum(c.isalpha() for c in item) >= 2])


def _split_run_together(text: str, is_name: Callable[[str], bool]) -> list[str]:
    words = text.split(" ")
    items: list[list[str]] = [[]]
    for index, word in enumerate(words):
        current = items[-1]
        if current and _starts_new_item(current, word, words[index + 1] if index + 1 < len(words) else "", is_name):
            items.append([word])
        else:
            current.append(word)
    return [" ".join(item) for item in items if item]


def _starts_new_item(current: list[str], word: str, following: str, is_name: Callable[[str], bool]) -> bool:
    if not word[:1].isupper() and not word[:1].isdigit():
        return False
    previous = current[-1]
    if previous.endswith(SENTENCE_END):
        return previous.lower() not in {"t.ex.", "bl.a.", "s.k.", "ca.", "resp.", "jfr."}
    if len(current) < 2 or not word[:1].isupper():
        return False
    if len(word) > 1 and (word[1].isupper() or word[1] in "-/."):  # acronym: KF-sammanträdena, IT-stöd
        return False
    if previous[:1].isupper() or previous.lower() in _NOT_BEFORE_NEW_ITEM or previous.endswith((",", ":", "-", "/")):
        return False
    if not previous[-1:].isalpha() and not previous.endswith((")", "%")):
        return False
    return not is_name(word.strip(".,;:()")) and not is_name(f"{word} {following}".strip(".,;:()"))


def _merge_quoted_names(items: list[str]) -> list[str]:
    merged: list[str] = []
    for index, item in enumerate(items):
        short = len(item.split()) == 3 and not item.endswith(SENTENCE_END)
        if merged and short and index + 1 < len(items) and not merged[-1].endswith(SENTENCE_END):
            merged[-1] = f"{merged[-1]} {item}"
        else:
            merged.append(item)
    return merged


# ---------------------------------------------------------------- headings


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text) if t.lower() not in _STOPWORDS]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) >= 5 and (long.startswith(short[:-1]) or long.endswith(short)):
        return True
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 7


@lru_cache(maxsize=65536)
def similarity(printed: str, known: str) -> float:
    """How well a printed heading matches a known name (0–1): shared words (tolerating inflection,
    "medborgarna"/"medborgare", "motverka"/"motverkan") and spelling ("for"/"för", lost dashes)."""
    a, b = tokens(printed), tokens(known)
    if not a or not b:
        return 0.0
    matched = sum(1 for w in a if any(_same_word(w, v) for v in b))
    matched_known = sum(1 for v in b if any(_same_word(v, w) for w in a))
    dice = (matched + matched_known) / (len(a) + len(b))
    if matched_known == len(b) and len(a) <= len(b) + 2:
        dice = max(dice, 0.8)
    matcher = SequenceMatcher(None, " ".join(a), " ".join(b), autojunk=False)
    # The exact ratio is slow; skip it when its upper bounds cannot matter (below dice or below 0.6).
    if min(matcher.real_quick_ratio(), matcher.quick_ratio()) <= max(dice, 0.6):
        return dice
    return max(dice, matcher.ratio())


def shares_a_word(printed: str, known_words: set[str]) -> bool:
    """Cheap pre-check: does one of the first words of `printed` resemble a word of the known names?"""
    return any(_same_word(t, w) for t in tokens(" ".join(printed.split(" ")[:3])) for w in known_words)


def best_match(printed: str, names: Iterable[tuple[int, str]]) -> tuple[int | None, float]:
    """The (number, similarity) of the known name that best matches `printed`."""
    best: tuple[int | None, float] = (None, 0.0)
    for number, name in names:
        score = similarity(printed, name)
        if score > best[1]:
            best = (number, score)
    return best


HEADING_MATCH = 0.72


def split_headings(text: str, known: list[str]) -> list[str]:
    """Split a "Rubriker" block into headings as printed: one per line when the block has lines, else at
    each capitalised word, joining neighbours whose union matches a known sub-area name better."""
    headings: list[str] = []
    for line in (ln.strip(" \t\f-–•") for ln in text.replace("\f", "\n").split("\n")):
        if not line:
            continue
        if known and max((similarity(line, k) for k in known), default=0) >= 0.9:
            headings.append(line)
            continue
        headings.extend(_merge_heading_parts(_capital_parts(line), known))
    return headings


def _capital_parts(line: str) -> list[str]:
    parts: list[list[str]] = []
    for word in line.split():
        if word[:1].isupper() or not parts:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [" ".join(p) for p in parts]


def _merge_heading_parts(parts: list[str], known: list[str]) -> list[str]:
    def fit(text: str) -> float:
        return max((similarity(text, k) for k in known), default=0.0)

    result: list[str] = []
    for part in parts:
        if result and known:
            joined = f"{result[-1]} {part}"
            if fit(joined) >= HEADING_MATCH and fit(joined) > max(fit(result[-1]), fit(part)) + 0.05:
                result[-1] = joined
                continue
        result.append(part)
    return result
