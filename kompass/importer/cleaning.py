"""Cleaning a report's raw text before extraction: scraper preamble, page headers and numbers (kept as a
page-break mark, \\f), words hyphenated across lines, and trailing material that is not part of the report
(a scrape often ends with a list of other documents: a title line followed by a snippet of the same words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_BREAK = "\f"

# "12 Sveriges Kommuner och Landsting (30)" at the top of each scraped page, and the PDF variants
# "Sveriges Kommuner och Landsting 2017-05-10 2 (25)", "Sveriges Kommuner och Regioner 3 (28)".
_PAGE_HEADER = re.compile(
    r"(?:^[ \t]*\d{1,3}[ \t]+)?Sveriges Kommuner och (?:Landsting|Regioner)[ \t]*"
    r"(?:\d{4}-\d{2}-\d{2}[ \t]+)?(?:\d{1,3}[ \t]*)?\(\d{1,3}\)",
    re.MULTILINE,
)
# pdfslide repeats "Page 3: <title>" on its own line; 5dok puts "(3)" on its own line; SKL's 2010–2011
# reports head each page "RAPPORT 3 (34)".
_BANNER_LINE = re.compile(
    r"^[ \t]*(?:Page[ \t]+\d{1,3}:[^\n]*|\(\d{1,3}\)|RAPPORT(?:[ \t]+\d{1,3})?[ \t]+\(\d{1,3}\))[ \t]*$", re.M
)
# 5dok's own metadata after the document ("Uppladdat 2023-02-14 · Kategori: … · År: 2023").
_SITE_METADATA = re.compile(
    r"^[ \t]*(?:Uppladdat|Laddades upp|Publicerat på)\b[^\n]*(?:Kategori|Visningar|År)\b[^\n]*$", re.M
)
_PAGE_NUMBER_LINE = re.compile(r"^[ \t]*(?:[Ss]ida[ \t]+)?\d{1,3}(?:[ \t]*(?:\(|av|/)[ \t]*\d{1,3}\)?)?[ \t]*$", re.M)
# A word broken at a line end that a scraper joined into one line ("ut- fallet"); not "synpunkts- och".
_HYPHENATED_INLINE = re.compile(r"([a-zåäöé])- (?!(?:och|eller|samt|till|respektive|som|resp)\b)([a-zåäöé])")
# A word broken at a line end ("lö-\npande"), possibly with a page break in between; not "Kompetens- och".
_HYPHENATED = re.compile(r"(\w)-[ \t]*\n[ \t\f\n]*(?!(?:och|eller|samt|till|respektive|som)\b)([a-zåäöé])")
_WORD = re.compile(r"[\wåäöÅÄÖé]+")
_OTHER_REPORT = re.compile(r"^\s*kommunkompassen\b", re.IGNORECASE)
_AREA_MARK = re.compile(r"\bOmråde\s+\d\b", re.IGNORECASE)


@dataclass(frozen=True)
class CleanText:
    text: str
    dropped_lines: int  # trailing lines left out


def clean_text(raw: str) -> CleanText:
    """Return the report's text with page headers turned into \\f, hyphenation joined and trailing
    material cut off."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "").replace("\x00", "")
    lines = _drop_scraper_preamble(text.split("\n"))
    lines, dropped = _cut_trailing_material(lines)
    text = "\n".join(lines)
    text = _SITE_METADATA.sub("", text)
    text = _BANNER_LINE.sub(PAGE_BREAK, text)
    text = _PAGE_HEADER.sub(PAGE_BREAK, text)
    text = _PAGE_NUMBER_LINE.sub(PAGE_BREAK, text)
    # A PDF's own page break next to a page header is one break; keep the line count for line numbers.
    text = re.sub(r"\f(?:[ \t\n]*\f)+", lambda m: PAGE_BREAK + "\n" * m.group(0).count("\n"), text)
    text = text[1:] if text.startswith(PAGE_BREAK) else text
    text = _HYPHENATED.sub(r"\1\2", text)
    text = _HYPHENATED_INLINE.sub(r"\1\2", text)
    return CleanText(text, dropped)


def flat(text: str) -> str:
    """Text with page breaks and line breaks as single spaces."""
    return " ".join(text.replace(PAGE_BREAK, " ").split())


def _drop_scraper_preamble(lines: list[str]) -> list[str]:
    # Document-sharing sites put a title, uploader and "Transkript" before the document's own text.
    for index, line in enumerate(lines[:40]):
        if line.strip().lower() in {"transkript", "transcript", "transkription"}:
            return lines[index + 1 :]
    return lines


def _words(line: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(line)}


def _is_title_and_snippet(title: str, snippet: str) -> bool:
    """A short title line followed by a line that repeats (nearly) all of its words: how scraped pages list
    other documents ("Återkoppling Kommunkompass. Tyresö" / "Återkoppling Kommunkompass Tyresö 2015…")."""
    words = _words(title)
    if len(title) > 250 or len(words) < 2 or len(snippet) < len(title):
        return False
    head = _words(" ".join(snippet.split()[:80]))
    return len(words & head) >= 0.8 * len(words)


def _cut_trailing_material(lines: list[str]) -> tuple[list[str], int]:
    started = False
    for index, line in enumerate(lines):
        if not started:
            started = bool(_AREA_MARK.search(line)) and index > 0
            continue
        if not line.strip():
            continue
        pair_here = index + 1 < len(lines) and _is_title_and_snippet(line, lines[index + 1])
        pair_next = index + 3 < len(lines) and _is_title_and_snippet(lines[index + 2], lines[index + 3])
        if pair_here and (pair_next or index + 2 >= len(lines) or _OTHER_REPORT.match(line)):
            kept = lines[:index]
            return kept, sum(1 for x in lines[index:] if x.strip())
    return lines, 0
