"""An area's body: Allmänt, the texts per sub-area (cut at headings that match a Rubrik or a sub-area
name), Styrkor, Förbättringsmöjligheter and the municipalities worth looking at."""

from __future__ import annotations

import re
from collections.abc import Callable

from kompass.importer.cleaning import PAGE_BREAK, flat
from kompass.importer.lists import HEADING_MATCH, SENTENCE_END, best_match, shares_a_word, split_items, tokens
from kompass.importer.report import ExtractedArea, Reference, SubAreaSection
from kompass.municipalities.services import match_municipality

# Words that begin improvement points (infinitive/imperative), used to tell the two columns apart when a
# Styrkor | Förbättringsmöjligheter table is broken across a page.
IMPROVEMENT_STARTS = {
    "fortsätta", "fortsätt", "utveckla", "ta", "skapa", "införa", "inför", "tydliggöra", "koppla", "lyfta",
    "låta", "möjliggöra", "använda", "arbeta", "säkerställa", "förbättra", "öka", "stärka", "genomföra",
    "se", "systematiskt", "utvecklandet", "utarbeta", "ytterligare", "formulera", "tydligare", "bredda",
    "förtydliga", "samordna", "implementera", "involvera", "prioritera", "överväga", "fastställa",
}  # fmt: skip
STRENGTHS = re.compile(r"\b(?:Styrkor|STYRKOR)\b:?")
IMPROVEMENTS = re.compile(
    r"\b(?:Förbättringsmöjligheter|Förbättringsområden|Utvecklingsområden|FÖRBÄTTRINGSMÖJLIGHETER)\b:?"
)
LOOK_CLOSER_HEADING = re.compile(r"\bKommuner att (?:titta|jämföra sig med)(?: lite)? närmare på\s*:", re.IGNORECASE)
LOOK_CLOSER = re.compile(
    r"titta(?: lite| mer)? närmare på|intressanta? att (?:titta|jämföra)|kan (?:ses|tjäna) som förebild", re.I
)


def split_body(area: ExtractedArea, body: str, subareas: list[tuple[int, str]], is_name: Callable[[str], bool]) -> None:
    """Fill the area's Allmänt, sub-area texts, Styrkor, Förbättringsmöjligheter and references."""
    strengths = STRENGTHS.search(body)
    improvements = IMPROVEMENTS.search(body, strengths.end() if strengths else 0)
    narrative_end = min(m.start() for m in (strengths, improvements) if m) if (strengths or improvements) else len(body)
    narrative = body[:narrative_end]
    strengths_text = body[strengths.end() : improvements.start() if improvements else len(body)] if strengths else ""
    improvements_text = body[improvements.end() :] if improvements else ""
    closer = LOOK_CLOSER_HEADING.search(improvements_text)
    closer_text = ""
    if closer:
        improvements_text, closer_text = improvements_text[: closer.start()], improvements_text[closer.end() :]
    area.strengths = split_items(strengths_text, is_name=is_name)
    area.improvements = _improvement_items(area, improvements_text, is_name)
    _split_narrative(area, flat(narrative), subareas)
    _find_references(area, closer_text, listed=True)


def _improvement_items(area: ExtractedArea, text: str, is_name: Callable[[str], bool]) -> list[str]:
    """Improvement items; when the Styrkor | Förbättringsmöjligheter table was broken by a page and the next
    page begins mid-sentence, the rest of the last (unfinished) strength and the left column's further items
    come first on the new page (see README)."""
    before, mark, after = text.partition(PAGE_BREAK)
    after = after.strip()
    unfinished = bool(area.strengths) and not area.strengths[-1].endswith(SENTENCE_END)
    if not mark or not after or not after[:1].islower() or not unfinished:
        return split_items(text, is_name=is_name)
    items = split_items(before, is_name=is_name)
    rest = split_items(after, is_name=is_name)
    area.strengths[-1] = f"{area.strengths[-1]} {rest.pop(0)}"
    while rest and rest[0].split()[0].lower().strip(",.") not in IMPROVEMENT_STARTS:
        area.strengths.append(rest.pop(0))
    return items + rest


_HEADING_BOUNDARY = re.compile(r"(?:^|(?<=[.!?:”\"]) )(?=[A-ZÅÄÖ])")


def _split_narrative(area: ExtractedArea, narrative: str, subareas: list[tuple[int, str]]) -> None:
    """Allmänt, then one text per sub-area heading found in the running text. A heading is a short phrase
    right after a sentence end, followed by a capitalised word, that matches one of the area's printed
    "Rubriker" or the version's sub-area names."""
    names = [(i, h) for i, h in enumerate(area.headings)] + [(100 + n, s) for n, s in subareas]
    cuts: list[tuple[int, int, str]] = []  # (start, end, heading)
    known_words = {w for _, name in names for w in tokens(name)}
    if names:
        for boundary in _HEADING_BOUNDARY.finditer(narrative):
            if not shares_a_word(narrative[boundary.end() : boundary.end() + 40], known_words):
                continue
            found = _heading_at(narrative, boundary.end(), names)
            if found and (not cuts or boundary.end() >= cuts[-1][1]):
                found = _combined_heading(narrative, boundary.end(), found, names)
                cuts.append((boundary.end(), boundary.end() + len(found), found))
    area.general_text = narrative[: cuts[0][0] if cuts else len(narrative)].strip()
    for index, (_start, end, heading) in enumerate(cuts):
        stop = cuts[index + 1][0] if index + 1 < len(cuts) else len(narrative)
        number, fit = best_match(heading, subareas)
        area.sections.append(
            SubAreaSection(heading, narrative[end:stop].strip(), number if fit >= HEADING_MATCH else None)
        )
        if fit < HEADING_MATCH:  # matched a printed Rubrik only: take that Rubrik's sub-area if it has one
            printed, _ = best_match(heading, list(enumerate(area.headings)))
            if printed is not None:
                rubrik_number, rubrik_fit = best_match(area.headings[printed], subareas)
                area.sections[-1].subarea_number = rubrik_number if rubrik_fit >= HEADING_MATCH else None
    for section in area.sections:
        _find_references(area, section.text, theme=section.heading)
    _find_references(area, area.general_text)


def _combined_heading(text: str, start: int, heading: str, names: list[tuple[int, str]]) -> str:
    """A heading that joins several Rubriker with slashes over one text ("System för styrning/uppföljning/
    Tydliga politiska mål/ Uppföljning och rapportering" in the seed) is taken whole, so the later parts
    do not start the text."""
    while heading.endswith("/"):
        after = start + len(heading)
        gap = len(text[after:]) - len(text[after:].lstrip(" "))
        following = _heading_at(text, after + gap, names)
        if following is None:
            break
        heading = f"{heading}{' ' * gap}{following}"
    return heading


def _heading_at(text: str, start: int, names: list[tuple[int, str]]) -> str | None:
    words = text[start : start + 200].split(" ")
    best: tuple[float, str] = (0.0, "")
    for length in range(1, min(10, len(words) - 1) + 1):
        phrase_words = words[:length]
        if any(w.endswith((".", "!", "?", ":", ";")) for w in phrase_words):
            break
        following = words[length]
        if not following[:1].isupper():
            continue
        phrase = " ".join(phrase_words)
        _, fit = best_match(phrase, names)
        if fit > best[0]:
            best = (fit, phrase)
    return best[1] if best[0] >= HEADING_MATCH else None


def _find_references(area: ExtractedArea, text: str, *, listed: bool = False, theme: str = "") -> None:
    """Municipalities named as worth looking at ("Kommuner att titta närmare på kan vara Nacka och …")."""
    if not text.strip():
        return
    sentences = [text] if listed else re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", text)
    for sentence in sentences:
        if not listed and not LOOK_CLOSER.search(sentence):
            continue
        words = re.findall(r"[A-ZÅÄÖ][\wåäöé-]+", sentence)
        index = 0
        while index < len(words):
            for length in (2, 1):
                name = " ".join(words[index : index + length])
                if len(words[index : index + length]) < length:
                    continue
                municipality = match_municipality(name) if len(name) > 2 else None
                if municipality is not None and name.lower() not in {"kommuner", "kommun", "stad"}:
                    if all(r.code != municipality.code for r in area.references):
                        area.references.append(Reference(name, municipality.code, theme))
                    index += length - 1
                    break
            index += 1
