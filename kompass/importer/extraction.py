"""Extracting a Kommunkompassen report's content from its text into an ExtractedReport.

Reads only the database's registry (municipalities) and criteria (versions, areas, sub-areas); writes
nothing. Never raises for odd text: what it cannot find is listed in `missing`; only a text that is not a
report, or a report for a municipality outside the registry, raises NotAReport with a Swedish message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from kompass.core import formatting
from kompass.criteria.models import CriteriaVersion
from kompass.criteria.services import normalise_area_name
from kompass.importer.cleaning import PAGE_BREAK, clean_text, flat
from kompass.importer.lists import (
    HEADING_MATCH,
    SENTENCE_END,
    best_match,
    shares_a_word,
    similarity,
    split_headings,
    split_items,
    tokens,
)
from kompass.importer.report import (
    ExtractedArea,
    ExtractedReport,
    OverviewRow,
    Person,
    Reference,
    SubAreaSection,
)
from kompass.municipalities.services import match_municipality


class NotAReport(ValueError):
    """The text is not a Kommunkompassen report we can import; the message is Swedish."""


MONTHS = {name: number for number, name in enumerate(formatting.MONTHS, start=1)}
ORDINALS = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
    "nionde": 9, "tionde": 10,
}  # fmt: skip
# Words that begin improvement points (infinitive/imperative), used to tell the two columns apart when a
# Styrkor | Förbättringsmöjligheter table is broken across a page.
IMPROVEMENT_STARTS = {
    "fortsätta", "fortsätt", "utveckla", "ta", "skapa", "införa", "inför", "tydliggöra", "koppla", "lyfta",
    "låta", "möjliggöra", "använda", "arbeta", "säkerställa", "förbättra", "öka", "stärka", "genomföra",
    "se", "systematiskt", "utvecklandet", "utarbeta", "ytterligare", "formulera", "tydligare", "bredda",
    "förtydliga", "samordna", "implementera", "involvera", "prioritera", "överväga", "fastställa",
}  # fmt: skip

NUMBER = r"\d{1,3}(?:[,.]\d{1,2})?"
SCORE_WITH_MARK = re.compile(
    rf"(?P<value>{NUMBER})\s*(?P<unit>%|procent\b|poäng\b|p\b)?\s*"
    rf"(?:\(\s*(?P<paren>[+\-−–±]?\s*{NUMBER})\s*(?:poäng|p|%)?\s*\))?"
)
AREA_START = re.compile(r"\bOMRÅDE\s+(?P<number>[1-8])\b\s*[:.–-]?\s*", re.IGNORECASE)
NUMBERED_START = re.compile(r"(?:^|\n|\f)[ \t]*(?P<number>[1-8])[.)]?[ \t]+(?=[A-ZÅÄÖ])")
STRENGTHS = re.compile(r"\b(?:Styrkor|STYRKOR)\b:?")
IMPROVEMENTS = re.compile(
    r"\b(?:Förbättringsmöjligheter|Förbättringsområden|Utvecklingsområden|FÖRBÄTTRINGSMÖJLIGHETER)\b:?"
)
LOOK_CLOSER_HEADING = re.compile(r"\bKommuner att (?:titta|jämföra sig med)(?: lite)? närmare på\s*:", re.IGNORECASE)
LOOK_CLOSER = re.compile(
    r"titta(?: lite| mer)? närmare på|intressanta? att (?:titta|jämföra)|kan (?:ses|tjäna) som förebild", re.I
)
OVERVIEW = re.compile(r"\b(?:Översikt av poängfördelning|Poängöversikt|Poängfördelning per delområde)\b", re.I)
FACTS = re.compile(r"\bKortfakta(?: om [^\n\f]{0,60})?", re.IGNORECASE)
TOTAL = re.compile(
    rf"\b(?:total\s?poäng(?:en)?|totalt resultat|totalresultat(?:et)?|sammanlagt resultat)\b[^\d\n]{{0,30}}?"
    rf"(?P<a>{NUMBER})|\b(?:totalt|sammanlagt|summa)\s*:?\s*(?P<b>{NUMBER})\s*(?:poäng|p\b|av 800|/ ?800)",
    re.IGNORECASE,
)


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


def extract_report(raw_text: str, *, source_name: str) -> ExtractedReport:
    """Extract everything we can from a report's text. Raises NotAReport (Swedish message) for a text that
    is not a Kommunkompassen report or names a municipality outside the registry."""
    cleaned = clean_text(raw_text)
    text = cleaned.text
    report = ExtractedReport(source_name=source_name)
    if cleaned.dropped_lines:
        report.warnings.append(f"{cleaned.dropped_lines} rader efter rapporten (andra dokument) är inte med.")
    versions = _Versions.load()
    starts = _area_starts(text, versions)
    if "kommunkompass" not in text.lower() and not starts:
        raise NotAReport(f"{source_name}: texten ser inte ut att vara en Kommunkompassen-rapport.")
    if not starts:
        raise NotAReport(
            f"{source_name}: texten nämner Kommunkompassen men inga huvudområden med poäng hittades – "
            "den ser inte ut att vara en utvärderingsrapport."
        )
    head = flat(text[: starts[0][0]])[:6000]
    _extract_identity(report, head, flat(text[:3000]), text[:3000])
    if not report.municipality_code:
        name = report.municipality_name or "okänd"
        raise NotAReport(f"{source_name}: kommunen ”{name}” finns inte i kommunregistret.")
    ends = [s[0] for s in starts[1:]] + [_body_end(text, starts[-1][0])]
    sections = [(number, text[after:end]) for (_, number, after), end in zip(starts, ends, strict=True)]
    printed = {number: _printed_area_name(section, number, versions) for number, section in sections}
    _choose_version(report, printed, versions)
    known = versions.areas.get(report.version, {})
    is_name = _municipality_word_test()
    for number, section in sections:
        area = _extract_area(section, number, printed[number], known.get(number), is_name)
        area.references = [r for r in area.references if r.code != report.municipality_code]
        report.areas.append(area)
    report.areas.sort(key=lambda a: a.number)
    report.total, report.total_text = _extract_total(flat(text))
    _extract_overview(report, text, known)
    report.facts = _extract_facts(text)
    _assess(report)
    return report


# ---------------------------------------------------------------- identity


def _extract_identity(report: ExtractedReport, head: str, start: str, lined_start: str) -> None:
    title = re.search(
        r"ANALYS AV\s+(?P<name>.{2,60}?)\s+(?:(?:" + "|".join(MONTHS) + r")\s+)?(?P<year>(?:19|20)\d{2})\b",
        start,
        re.IGNORECASE,
    )
    candidates: list[str] = []
    if title:
        report.title = f"Kommunkompassen – analys av {title.group('name')} {title.group('year')}"
        report.year = int(title.group("year"))
        candidates.append(title.group("name"))
    for pattern in (
        r"[Uu]tvärderingen av\s+(.{2,40}?)\s+(?:genomfördes|gjordes|ägde)",
        r"ANALYS AV\s+(.{2,40}?)(?:\s+UTVÄRDERARE|\s+\d|$)",
        r"([A-ZÅÄÖ][\wåäöé]+(?: [A-ZÅÄÖ][\wåäöé]+)?)s? (?:kommun|stad) i förhållande till Kommunkompassen",
    ):
        candidates.extend(m.group(1) for m in re.finditer(pattern, head, re.IGNORECASE if "ANALYS" in pattern else 0))
    _match_municipality(report, candidates)
    if report.year is None:
        years = re.search(r"(?:genomfördes|gjordes)[^.]{0,40}?((?:19|20)\d{2})", head)
        report.year = int(years.group(1)) if years else None
    _extract_date(report, start)
    labelled = _extract_evaluators(lined_start, -1)
    report.evaluators = labelled or _extract_evaluators(start, title.end() if title else 0)
    ordinal = re.search(
        r"kommunens\s+(" + "|".join(ORDINALS) + r")\s+utvärdering|för\s+(" + "|".join(ORDINALS) + r")\s+gången",
        head,
        re.IGNORECASE,
    )
    if ordinal:
        report.ordinal = ORDINALS[(ordinal.group(1) or ordinal.group(2)).lower()]


def _match_municipality(report: ExtractedReport, candidates: list[str]) -> None:
    for candidate in candidates:
        words = candidate.strip(" .,:").split()
        for length in range(min(len(words), 4), 0, -1):
            name = " ".join(words[:length])
            municipality = match_municipality(name)
            if municipality is not None:
                report.municipality_name = name
                report.municipality_code = municipality.code
                return
    if candidates:
        report.municipality_name = candidates[0].strip(" .,:")


def _extract_date(report: ExtractedReport, start: str) -> None:
    iso = re.search(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b", start)
    month = re.search(
        r"\b(" + "|".join(MONTHS) + r")\s+((?:19|20)\d{2})\b",
        start[start.lower().find("analys av") + 9 if "analys av" in start.lower() else 0 :],
        re.IGNORECASE,
    )
    try:
        if iso:
            report.report_date = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
            report.report_date_text = iso.group(0)
        elif month:
            report.report_date = date(int(month.group(2)), MONTHS[month.group(1).lower()], 1).isoformat()
            report.report_date_text = month.group(0)
    except ValueError:
        report.report_date = None


_NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_NAME = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?P<rest>.*)$")
_LEADING_ORG = re.compile(r"^(?P<org>[A-ZÅÄÖ]{2,6})\s+(?P<rest>[A-ZÅÄÖ][a-zåäöé].*)$")


def _extract_evaluators(start: str, title_end: int) -> list[Person]:
    stop = r"(?=\s+Sveriges Kommuner|\s+\d{4}-\d{2}|\s+Innehåll|\s+Område\s|\s+\d{1,2}\s+[A-ZÅÄÖ]|[\n\f]|$)"
    labelled = re.search(r"Utvärderare\s*:[ \t]*([^\n\f]{3,200}?)" + stop, start)
    if labelled:
        listing = labelled.group(1)
    elif title_end < 0:
        return []
    else:
        rest = start[title_end : title_end + 250]
        end = re.search(
            r"\s(?:" + "|".join(MONTHS) + r")\s+\d{4}|\s\d{4}-\d{2}|\sSveriges Kommuner|\sInnehåll|\s\d{1,2}\s+\w",
            rest,
            re.IGNORECASE,
        )
        listing = rest[: end.start()] if end else ""
    return parse_people(listing)


def parse_people(listing: str) -> list[Person]:
    """ "Christine Feuk, Britt-Marie Hedlund, Åsa Franzén SKL" → three people of SKL;
    "Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad" → two people, each with their own."""
    listing = re.sub(r"\d{4}-\d{2}-\d{2}(?:--?\d{1,2})?", " ", listing)
    if listing.isupper():
        listing = listing.title().replace("Skl", "SKL").replace("Skr", "SKR")
    people: list[Person] = []
    trailing_group_org = False
    for part in (p.strip(" .") for p in re.split(r",|;|\s+och\s+|\s+&\s+", listing)):
        if not part:
            continue
        leading = _LEADING_ORG.match(part)
        if leading and people:
            _add_org(people[-1], leading.group("org"))
            part = leading.group("rest")
        match = _NAME.match(part)
        if match:
            person = Person(match.group("name").strip())
            rest = match.group("rest").strip(" ,")
            if rest:
                _add_org(person, rest)
                trailing_group_org = True
            else:
                trailing_group_org = False
            people.append(person)
        elif people:
            _add_org(people[-1], part)
            trailing_group_org = False
    organisations = {p.organisation for p in people if p.organisation}
    # "A, B, C SKL": one organisation written once after the names belongs to all of them.
    if trailing_group_org and len(organisations) == 1 and people[-1].organisation and len(people) > 1:
        for person in people:
            person.organisation = person.organisation or people[-1].organisation
    return people[:8]


def _add_org(person: Person, text: str) -> None:
    text = text.strip(" ,")
    paren = re.fullmatch(r"(?P<role>[^()]*?)\s*\((?P<org>[^)]+)\)", text)
    if paren:
        person.organisation = person.organisation or paren.group("org").strip()
        if paren.group("role").strip():
            person.role = paren.group("role").strip()
    elif text[:1].islower():
        person.role = person.role or text
    elif not person.organisation:
        person.organisation = text


def _municipality_word_test():  # type: ignore[no-untyped-def]
    cache: dict[str, bool] = {}

    def is_name(word: str) -> bool:
        if word not in cache:
            cache[word] = len(word) > 2 and match_municipality(word) is not None
        return cache[word]

    return is_name


# ---------------------------------------------------------------- version and areas


def _area_starts(text: str, versions: _Versions) -> list[tuple[int, int, int]]:
    """(position, area number, position after "Område N") of each area section, in text order. A table of
    contents entry is not a section: a section has "Rubriker", "Poäng", "Allmänt" or a score soon after."""
    candidates: list[tuple[int, int, int]] = []
    for match in AREA_START.finditer(text):
        candidates.append((match.start(), int(match.group("number")), match.end()))
    for match in NUMBERED_START.finditer(text):
        name = flat(text[match.end() : match.end() + 120])
        if any(versions.any_fit(int(match.group("number")), " ".join(name.split()[:n])) for n in range(1, 9)):
            candidates.append((match.start(), int(match.group("number")), match.end()))
    candidates.sort()
    starts: list[tuple[int, int, int]] = []
    for index, (position, number, after) in enumerate(candidates):
        following = candidates[index + 1][0] if index + 1 < len(candidates) else len(text)
        window = text[after : min(following, after + 700)]
        if re.search(r"\bRubriker\b|\bPoäng\b|\bAllmänt\b|\b\d{1,3}\s*(?:%|poäng)|\(\s*[+\-−–]?\d", window):
            if not any(s[1] == number for s in starts):
                starts.append((position, number, after))
    return starts


def _body_end(text: str, last_start: int) -> int:
    ends = [m.start() for m in (OVERVIEW.search(text, last_start), FACTS.search(text, last_start)) if m]
    return min(ends) if ends else len(text)


_NAME_STOP = re.compile(
    rf"\bRubriker\b|\bPoäng\b|\bAllmänt\b|\s[–-]\s*{NUMBER}|\(\s*{NUMBER}|\s{NUMBER}\s*(?:%|procent|poäng|p\b|\()"
    rf"|\s{NUMBER}\s*$|\s{NUMBER}\s+(?=[A-ZÅÄÖ])",
)


def _printed_area_name(section: str, number: int, versions: _Versions) -> str:
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


def _choose_version(report: ExtractedReport, printed: dict[int, str], versions: _Versions) -> None:
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


def _parse_score(text: str) -> tuple[Decimal | None, str, Decimal | None, Decimal | None]:
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
            found = _parse_score(match.group(1))
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


def _extract_area(section: str, number: int, printed_name: str, spec, is_name) -> ExtractedArea:  # type: ignore[no-untyped-def]
    area = ExtractedArea(number=number, name=printed_name)
    subareas: list[tuple[int, str]] = spec[2] if spec else []
    area.version_name = spec[0] if spec else ""
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
    _split_body(area, body, subareas, is_name)
    return area


def _split_body(area: ExtractedArea, body: str, subareas: list[tuple[int, str]], is_name) -> None:  # type: ignore[no-untyped-def]
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


def _improvement_items(area: ExtractedArea, text: str, is_name) -> list[str]:  # type: ignore[no-untyped-def]
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


# ---------------------------------------------------------------- total, overview, facts


def _extract_total(text: str) -> tuple[Decimal | None, str]:
    for match in TOTAL.finditer(text):
        value = to_decimal(match.group("a") or match.group("b"))
        if value is not None and 0 < value <= 800 and (value > 100 or match.group("b")):
            return value, " ".join(match.group(0).split())
    return None, ""


_OVERVIEW_ROW = re.compile(
    rf"^(?P<name>(?:Område[ \t]+[1-8][.:]?[ \t]+)?[^\d\n]*?[A-Za-zÅÄÖåäö)][^\d\n]*?)[ \t:]+(?P<points>{NUMBER})[ \t]*"
    rf"(?:(?:av|/|\||[ \t])[ \t]*(?P<max>{NUMBER}))?[ \t]*(?:poäng|p|%)?[ \t]*$"
)


def _extract_overview(report: ExtractedReport, text: str, known: dict) -> None:  # type: ignore[type-arg]
    matches = list(OVERVIEW.finditer(text))
    if not matches:
        return
    start = matches[-1].end()
    facts = FACTS.search(text, start)
    block = text[start : facts.start() if facts else len(text)]
    current: int | None = None
    for line in block.replace(PAGE_BREAK, "\n").split("\n"):
        row = _OVERVIEW_ROW.match(line.strip())
        if not row:
            continue
        name = row.group("name").strip(" :–-|")
        points, maximum = to_decimal(row.group("points")), to_decimal(row.group("max") or "")
        if points is None:
            continue
        area_number = _overview_area(name, known)
        if area_number is not None:
            current = area_number
            report.overview.append(OverviewRow(area_number, name, points, maximum))
            continue
        if current is None or current not in known:
            continue
        number, fit = best_match(name, known[current][2])
        report.overview.append(OverviewRow(current, name, points, maximum, number if fit >= HEADING_MATCH else None))


def _overview_area(name: str, known: dict) -> int | None:  # type: ignore[type-arg]
    numbered = re.match(r"(?:Område\s+)?([1-8])\b[.:]?\s*(.*)$", name, re.IGNORECASE)
    if numbered and (name.lower().startswith("område") or numbered.group(2)):
        number = int(numbered.group(1))
        if not numbered.group(2) or number not in known or similarity(numbered.group(2), known[number][0]) >= 0.6:
            return number
    for number, (area_name, aliases, _) in known.items():
        if max(similarity(name, n) for n in [area_name, *aliases]) >= 0.9:
            return number
    return None


def _extract_facts(text: str) -> dict[str, str]:
    matches = list(FACTS.finditer(text))
    facts: dict[str, str] = {}
    if not matches:
        return facts
    block = text[matches[-1].end() : matches[-1].end() + 4000]
    for line in block.replace(PAGE_BREAK, "\n").split("\n")[:60]:
        pair = re.match(r"^\s*(?P<key>[A-ZÅÄÖa-zåäö][^:\n]{1,60}?)\s*:\s*(?P<value>\S.{0,200})$", line)
        if pair:
            facts[pair.group("key").strip()] = pair.group("value").strip()
    return facts


# ---------------------------------------------------------------- what is missing


def _assess(report: ExtractedReport) -> None:
    c = report.confidence
    c["municipality"] = 1.0 if report.municipality_code and report.title else 0.7 if report.municipality_code else 0
    c["year"] = 1.0 if report.year and report.title else 0.6 if report.year else 0.0
    c["evaluators"] = 0.9 if report.evaluators else 0.0
    c["ordinal"] = 0.9 if report.ordinal else 0.0
    c["report_date"] = 0.9 if report.report_date else 0.0
    c["total"] = 0.9 if report.total is not None else 0.0
    c["overview"] = 0.8 if report.overview else 0.0
    c["facts"] = 0.7 if report.facts else 0.0
    if not report.year:
        report.missing.append("Året för utvärderingen")
    if not report.evaluators:
        report.missing.append("Utvärderarna")
    if not report.ordinal:
        report.missing.append("Vilken utvärdering i ordningen detta är för kommunen")
    if not report.report_date:
        report.missing.append("Rapportdatum")
    found = {a.number for a in report.areas}
    for number in range(1, 9):
        if number not in found:
            report.missing.append(f"Område {number} finns inte i texten")
    if report.total is None:
        report.missing.append("Totalpoängen finns inte i texten")
    if not report.overview:
        report.missing.append("Översikt av poängfördelning")
    if not report.facts:
        report.missing.append("Kortfakta om kommunen")
    for area in report.areas:
        _assess_area(area)
    c["areas"] = round(sum(a.confidence for a in report.areas) / 8, 2)


def _assess_area(area: ExtractedArea) -> None:
    parts = {
        "Poäng": area.score is not None,
        "Rubriker": bool(area.headings),
        "Allmänt": bool(area.general_text),
        "Text per delområde": bool(area.sections),
        "Styrkor": bool(area.strengths),
        "Förbättringsmöjligheter": bool(area.improvements),
    }
    area.missing = [name for name, present in parts.items() if not present]
    weights = {"Poäng": 3, "Rubriker": 1, "Allmänt": 1, "Text per delområde": 1}
    weights |= {"Styrkor": 2, "Förbättringsmöjligheter": 2}
    got = sum(weights[name] for name, present in parts.items() if present)
    area.confidence = round(got / sum(weights.values()) * (1.0 if area.version_name else 0.7), 2)
