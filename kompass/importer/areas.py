"""Finding the area sections of a report, the criteria version whose area names fit, and each area's
printed name, Rubriker and score ("Poäng 58", "58 %", "62,5 poäng", "68 (+16)", "73 (63)")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kompass.criteria.models import CriteriaVersion
from kompass.criteria.services import normalise_area_name
from kompass.importer.cleaning import flat
from kompass.importer.lists import shares_a_word, similarity, split_headings, tokens
from kompass.importer.report import ExtractedArea, ExtractedReport
from kompass.importer.sections import split_body

NUMBER = r"\d{1,3}(?:[,.]\d{1,2})?"
SCORE_WITH_MARK = re.compile(
    rf"(?P<value>{NUMBER})\s*(?P<unit>%|procent\b|poäng\b|p\b)?\s*"
    rf"(?:\(\s*(?P<paren>[+\-−–±]?\s*{NUMBER})\s*(?:poäng|p|%)?\s*\))?"
)
AREA_START = re.compile(r"\bOMRÅDE\s+(?P<number>[1-8])\b\s*[:.–-]?\s*", re.IGNORECASE)
NUMBERED_START = re.compile(r"(?:^|\n|\f)[ \t]*(?P<number>[1-8])[.)]?[ \t]+(?=[A-ZÅÄÖ])")
OVERVIEW = re.compile(
    r"\b(?:Översikt av poängfördelning|Poängöversikt|Poängfördelning per delområde|Poängsammanställning)\b", re.I
)
FACTS = re.compile(r"\bKortfakta(?: om [^\n\f]{0,60})?", re.IGNORECASE)


def to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ".").replace("−", "-").replace("–", "-").replace(" ", "").lstrip("+±"))
    except InvalidOperation:
        return None


@dataclass
class _Versions:
    """The criteria versions with their areas and sub-areas, read once per extraction."""

    versions: list[CriteriaVersion]
    areas: dict[str, dict[int, tuple[str, list[str], list[tuple[int, str]]]]]  # code → number → (name, aliases, subs)
    fits: dict[tuple[str, int, str], float]

    @classmethod
    def load(cls) -> _Versions:
        versions = list(CriteriaVersion.objects.prefetch_related("areas__subareas").order_by("used_from"))
        areas = {
            v.code: {
                a.number: (a.name, list(a.aliases), [(s.number, s.name) for s in a.subareas.all()])
                for a in v.areas.all()
            }
            for v in versions
        }
        return cls(versions, areas, {})

    def name_fit(self, code: str, number: int, printed: str) -> float:
        """2 for the version's own name of area `number`, 1 for an alias or a close spelling, else 0."""
        key = (code, number, printed)
        if key not in self.fits:
            self.fits[key] = self._name_fit(code, number, printed)
        return self.fits[key]

    def _name_fit(self, code: str, number: int, printed: str) -> float:
        if number not in self.areas.get(code, {}):
            return 0.0
        name, aliases, _ = self.areas[code][number]
        wanted = normalise_area_name(printed.strip(" .:–-"))
        if wanted == normalise_area_name(name):
            return 2.0
        if wanted in {normalise_area_name(a) for a in aliases}:
            return 1.0
        names = [name, *aliases]
        if abs(len(printed) - len(name)) > 12 or not shares_a_word(printed, {w for n in names for w in tokens(n)}):
            return 0.0
        return 0.9 if max(similarity(printed, n) for n in names) >= 0.85 else 0.0

    def any_fit(self, number: int, printed: str) -> bool:
        return any(self.name_fit(v.code, number, printed) for v in self.versions)


# ---------------------------------------------------------------- version and areas

_TOC_ENTRY = re.compile(r"^[^\n\f]{0,90}?(?:\.{2,}|…)\s*\d{0,3}")
_STRONG = re.compile(r"\bRubriker\b|\bAllmänt\b|\bStyrkor\b")
_WEAK = re.compile(
    r"\bPoäng\b|(?<![\d,.])\d{1,3}(?:,\d)?\s*(?:%|poäng\b)|(?<![\d,.])\d{1,3}(?:,\d)?\s*\(\s*[+\-−–]?\d{1,3}(?:,\d)?\s*\)"
    r"|[–-]\s*\d{1,3}(?:,\d)?\b|(?<![\d,.(])\d{1,3}(?:,\d)?[ \t]*(?:\n|\f|$)"
)


@dataclass(frozen=True)
class AreaStart:
    position: int  # where "Område N" (or "N.") starts
    number: int
    after: int  # just after "Område N"
    listed: bool  # a line of a numbered list ("1. Offentlighet och demokrati 61"), not a section


def find_area_starts(text: str, versions: _Versions) -> list[AreaStart]:
    """Each area section's start, in text order. A table of contents entry (dot leaders, or nothing but
    the next entry after it) is not a section; where an area appears twice, the place with Rubriker,
    Allmänt or Styrkor after it wins over one with only a score."""
    candidates: list[AreaStart] = [
        AreaStart(m.start(), int(m.group("number")), m.end(), False) for m in AREA_START.finditer(text)
    ]
    for match in NUMBERED_START.finditer(text):
        name = flat(text[match.end() : match.end() + 120])
        if any(versions.any_fit(int(match.group("number")), " ".join(name.split()[:n])) for n in range(1, 9)):
            candidates.append(AreaStart(match.start(), int(match.group("number")), match.end(), True))
    candidates.sort(key=lambda c: c.position)
    best: dict[int, tuple[int, AreaStart]] = {}
    for index, start in enumerate(candidates):
        following = candidates[index + 1].position if index + 1 < len(candidates) else len(text)
        window = text[start.after : min(following, start.after + 700)]
        if _TOC_ENTRY.match(window):
            continue
        evidence = 2 if _STRONG.search(window) else 1 if _WEAK.search(window) else 0
        if evidence and (start.number not in best or evidence > best[start.number][0]):
            best[start.number] = (evidence, start)
    return sorted((start for _, start in best.values()), key=lambda s: s.position)


def body_end(text: str, last_start: int) -> int:
    """Where the last area's body ends: at the points overview or Kortfakta, with its chapter number."""
    ends = [m.start() for m in (OVERVIEW.search(text, last_start), FACTS.search(text, last_start)) if m]
    if not ends:
        return len(text)
    end = min(ends)
    chapter = re.search(r"(?:^|\s)\d{1,2}\.?[ \t]*$", text[max(last_start, end - 6) : end])
    return end - (len(chapter.group(0)) - (1 if chapter.group(0)[:1].isspace() else 0)) if chapter else end


_NAME_STOP = re.compile(
    rf"\bRubriker\b|\bPoäng\b|\bAllmänt\b|\s[–-]\s*{NUMBER}|\(\s*{NUMBER}|\s{NUMBER}\s*(?:%|procent|poäng|p\b|\()"
    rf"|\s{NUMBER}\s*$|\s{NUMBER}\s+(?=[A-ZÅÄÖ])",
)


def printed_area_name(section: str, number: int, versions: _Versions) -> str:
    first_line = re.split(r"[\n\f]", section.lstrip(" \t"), maxsplit=1)[0]
    candidate = flat(first_line if 0 < len(first_line) <= 200 else section[:200])
    stop = _NAME_STOP.search(candidate)
    if stop:
        candidate = candidate[: stop.start()]
    words = candidate.strip(" :–-").split()
    for length in range(min(len(words), 9), 0, -1):
        if versions.any_fit(number, " ".join(words[:length])):
            return " ".join(words[:length]).strip(" ,")
    return " ".join(words[:8]).strip(" ,")


def choose_version(report: ExtractedReport, printed: dict[int, str], versions: _Versions) -> None:
    """The version whose area names fit the printed ones best; the year decides between equals."""
    best: tuple[float, str] = (-1.0, "")
    for version in versions.versions:
        fit = sum(versions.name_fit(version.code, number, name) for number, name in printed.items())
        in_years = report.year is not None and version.used_from <= report.year <= (version.used_to or 9999)
        score = fit + (1.5 if in_years else 0.0)
        if score > best[0]:
            best = (score, version.code)
    report.version = best[1]
    possible = 2.0 * len(printed) + 1.5
    report.confidence["version"] = round(min(1.0, max(best[0], 0.0) / possible), 2) if possible else 0.0


def parse_score(text: str) -> tuple[Decimal | None, str, Decimal | None, Decimal | None]:
    """(score, as printed, change since last time, national average) from "58", "58 %", "68 (+16)", "73 (63)"."""
    match = SCORE_WITH_MARK.fullmatch(text.strip()) or SCORE_WITH_MARK.match(text.strip())
    if not match:
        return None, "", None, None
    value = to_decimal(match.group("value"))
    if value is None or value > 100:
        return None, "", None, None
    change = average = None
    if match.group("paren"):
        paren = match.group("paren").replace(" ", "")
        if paren[:1] in "+-−–±":
            change = to_decimal(paren)
        else:
            average = to_decimal(paren)
    return value, " ".join(match.group(0).split()), change, average


def _find_score(header: str) -> tuple[Decimal | None, str, Decimal | None, Decimal | None]:
    for pattern in (
        rf"\bPoäng\s*:?\s*({NUMBER}\s*(?:%|poäng|p\b)?\s*(?:\(\s*[+\-−–±]?\s*{NUMBER}\s*\))?)",
        rf"(?<![\d,.])({NUMBER}\s*(?:%|procent\b|poäng\b|p\b)\s*(?:\(\s*[+\-−–±]?\s*{NUMBER}\s*\))?)",
        rf"(?<![\d,.])({NUMBER}\s*\(\s*[+\-−–±]?\s*{NUMBER}\s*\))",
        rf"(?<![\d,.(])({NUMBER})\s*$",
    ):
        match = re.search(pattern, header)
        if match:
            found = parse_score(match.group(1))
            if found[0] is not None:
                return found
    return None, "", None, None


def _split_header(section: str) -> tuple[str, str]:
    allmant = re.search(r"\bAllmänt\b:?", section[:3000])
    if allmant:
        return section[: allmant.start()], section[allmant.end() :]
    rubriker = re.search(r"\bRubriker\b", section[:400])
    if rubriker:  # no "Allmänt": the header runs to the score after the headings
        score = re.search(rf"\bPoäng\s*:?\s*{NUMBER}|(?<=\s){NUMBER}(?=\s+[A-ZÅÄÖ])", section[rubriker.end() :])
        if score:
            cut = rubriker.end() + score.end()
            return section[:cut], section[cut:]
    line_end = re.search(r"[\n\f]", section.lstrip(" \t"))
    offset = len(section) - len(section.lstrip(" \t"))
    cut = offset + line_end.start() if line_end and line_end.start() < 300 else min(len(section), 200)
    if not line_end or line_end.start() >= 300:
        sentence = re.search(r"[.!?]\s", section[:300])
        cut = sentence.start() if sentence else cut
    return section[:cut], section[cut:]


def read_area(
    section: str,
    number: int,
    printed_name: str,
    spec: tuple[str, list[str], list[tuple[int, str]]] | None,
    is_name: Callable[[str], bool],
    *,
    listed: bool = False,
) -> ExtractedArea:
    """One area from its section of the text; a line of a numbered list has a name and a score only."""
    area = ExtractedArea(number=number, name=printed_name)
    subareas: list[tuple[int, str]] = spec[2] if spec else []
    area.version_name = spec[0] if spec else ""
    if listed:
        section = re.split(r"[\n\f]", section.lstrip(" \t"), maxsplit=1)[0]
    header, body = _split_header(section)
    header_flat = flat(header)
    name_at = header_flat.find(printed_name)
    after_name = header_flat[name_at + len(printed_name) :] if name_at >= 0 else header_flat
    rubriker = re.search(r"\bRubriker\b", header)
    scored_part = after_name
    if rubriker:
        heading_block = header[rubriker.end() :]
        heading_block = re.sub(rf"\bPoäng\b\s*:?\s*(?:{NUMBER}\s*(?:%|poäng)?)?", " ", heading_block)
        trailing_score = rf"(?<![\w-]){NUMBER}\s*(?:%|poäng|p\b)?\s*(?:\([^)]*\))?\s*$"
        heading_block = re.sub(trailing_score, " ", heading_block.rstrip())
        area.headings = split_headings(heading_block, [name for _, name in subareas])
    area.score, area.score_text, area.change, area.average = _find_score(scored_part)
    split_body(area, body, subareas, is_name)
    return area
