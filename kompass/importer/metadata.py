"""Who, where and when: a report's municipality, year, date (with the precision printed), evaluators and
their organisations, which evaluation it was, and how many people were interviewed. Reads the registry;
writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from difflib import get_close_matches

from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.importer.report import ExtractedReport, Person
from kompass.municipalities.models import Municipality
from kompass.municipalities.services import match_municipality

MONTHS = {name: number for number, name in enumerate(formatting.MONTHS, start=1)}
ORDINALS = {
    "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
    "nionde": 9, "tionde": 10,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_ORDINAL = "|".join(ORDINALS)
_TITLE = re.compile(
    rf"ANALYS AV[ \t]+(?P<name>[^\n\f]{{2,60}}?)[ \t\n]+(?:(?:{_MONTH})[ \t]+)?(?P<year>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
_TITLE_NO_YEAR = re.compile(r"ANALYS AV[ \t]+(?P<name>[^\n\f\d]{2,60}?)[ \t]*(?:\n|\f|$)", re.IGNORECASE)
_ORDINAL_TEXT = re.compile(
    rf"kommunens\s+(?P<a>{_ORDINAL})\s+utvärdering|för\s+(?P<b>{_ORDINAL})\s+gången|"
    rf"(?P<c>{_ORDINAL})\s+utvärderingen\s+(?:av|enligt|med)",
    re.IGNORECASE,
)
_INTERVIEWEES = re.compile(
    r"(?P<text>(?P<qual>ett|drygt|cirka|ca\.?|omkring|knappt|nästan|över|runt|ungefär)?\s*"
    r"(?P<n>\d{1,3})(?P<tal>-tal)?\s+(?:personer|intervjuade|informanter|medarbetare och politiker))",
    re.IGNORECASE,
)
_NAME_WORD = r"(?:[A-ZÅÄÖÉ]\.|[A-ZÅÄÖÉ][a-zåäöéüø]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?)"
_NAME = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})(?=\s|$)(?P<rest>.*)$")
_LEADING_ORG = re.compile(r"^(?P<org>[A-ZÅÄÖ]{2,6})\s+(?P<rest>[A-ZÅÄÖ][a-zåäöé].*)$")
_GLUED_PLACE = re.compile(r"^\s*[A-ZÅÄÖ][\wåäöé]+(?:\s[A-ZÅÄÖ][\wåäöé]+)?\s+(?:kommun|stad)\s+(?=[A-ZÅÄÖ][a-zåäö])")
_LISTING_STOP = re.compile(
    rf"\s(?:{_MONTH})\s+\d{{4}}|\s\d{{4}}-\d{{2}}|\sSveriges Kommuner|\sInnehåll|\s\d{{1,2}}\s+[A-ZÅÄÖ]\w|"
    r"\s(?:Sammanfattning|Utvärderingen|Sektionen|RAPPORT|Kommunkompassen)\b",
    re.IGNORECASE,
)


def extract_identity(report: ExtractedReport, head: str) -> None:
    """Fill title, municipality, year, date, evaluators, ordinal and interviewees from the text before the
    first area (`head`, with its line breaks)."""
    flat_head = " ".join(head.split())
    title = _TITLE.search(head[:3000])
    candidates: list[str] = []
    if title:
        name = " ".join(title.group("name").split())
        report.title = _("Kommunkompassen – analys av %(name)s %(value)s") % {
            "name": name,
            "value": title.group("year"),
        }
        report.year = int(title.group("year"))
        candidates.append(name)
    else:
        bare = _TITLE_NO_YEAR.search(head[:3000])
        if bare:
            report.title = _("Kommunkompassen – analys av %(value)s") % {"value": bare.group("name").strip()}
            candidates.append(bare.group("name"))
    for pattern, flags in (
        (r"[Uu]tvärderingen av\s+(.{2,40}?)\s+(?:genomfördes|gjordes|ägde)", 0),
        (r"ANALYS AV\s+(.{2,40}?)(?:\s+UTVÄRDERARE|\s+\d|$)", re.IGNORECASE),
        (r"([A-ZÅÄÖ][\wåäöé]+(?: [A-ZÅÄÖ][\wåäöé]+)?)s? (?:kommun|stad) i förhållande till Kommunkompassen", 0),
        (r"^\s*([A-ZÅÄÖ][\wåäöé]+(?: [A-ZÅÄÖ][\wåäöé]+)? (?:kommun|stad)|Region [A-ZÅÄÖ]\w+) har utvärderats", re.M),
        (r"Kommunkompassen\s+(?:(?:19|20)\d\d\s+)?([A-ZÅÄÖ][\wåäöé]+ (?:kommun|stad))", 0),
    ):
        candidates.extend(m.group(1) for m in re.finditer(pattern, head[:6000], flags))
    _match_municipality(report, candidates)
    _extract_date(report, head[:3000], title.start() if title else 0)
    if report.year is None:
        years = re.search(r"(?:genomfördes|gjordes|ägde rum)[^.]{0,40}?((?:19|20)\d{2})", flat_head)
        report.year = int(years.group(1)) if years else None
        if report.year is None and report.report_date:
            report.year = int(report.report_date[:4])
    report.evaluators = _extract_evaluators(head[:3000], title.end() if title else -1, report.municipality_name)
    ordinal = _ORDINAL_TEXT.search(flat_head)
    if ordinal:
        report.ordinal = ORDINALS[(ordinal.group("a") or ordinal.group("b") or ordinal.group("c")).lower()]
    _extract_interviewees(report, flat_head)


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
        close = _close_municipality(report.municipality_name)
        if close is not None:  # a typo in the report ("Örbro kommun"): matched, and said
            report.municipality_code = close.code
            report.warnings.append(
                _("Kommunnamnet ”%(printed)s” finns inte i registret; tolkat som %(name)s.")
                % {"printed": report.municipality_name, "name": close.name}
            )


def _close_municipality(printed: str) -> Municipality | None:
    """The registry's municipality whose name is spelled almost like `printed` (one or two letters off)."""
    wanted = re.sub(r"\s+(?:kommun|stad)s?$", "", printed.strip(), flags=re.IGNORECASE).lower()
    if len(wanted) < 4:
        return None
    names = {m.short_name.lower(): m for m in Municipality.objects.filter(is_demo=False)}
    genitive = {name + "s": m for name, m in names.items()}
    found = {
        (names.get(n) or genitive[n]).code: names.get(n) or genitive[n] for n in _close(wanted, [*names, *genitive])
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _close(wanted: str, names: list[str]) -> list[str]:
    return get_close_matches(wanted, names, n=3, cutoff=0.9)


def _extract_date(report: ExtractedReport, start: str, title_start: int) -> None:
    """The report's date as printed near the title: a full date is a day, "december 2012" a month. "… gjordes
    i maj 2013" is when the visit was, not the report's date."""
    iso = re.search(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b", start)
    month = re.search(
        rf"(?<!\bi )(?<!\bunder )\b({_MONTH})\s+((?:19|20)\d{{2}})\b", start[title_start:][:600], re.IGNORECASE
    )
    try:
        if iso:
            report.report_date = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))).isoformat()
            report.report_date_text, report.report_date_precision = iso.group(0), "day"
        elif month:
            report.report_date = date(int(month.group(2)), MONTHS[month.group(1).lower()], 1).isoformat()
            report.report_date_text, report.report_date_precision = month.group(0), "month"
    except ValueError:
        report.report_date = None


def _extract_evaluators(start: str, title_end: int, municipality: str) -> list[Person]:
    labelled = re.search(r"Utvärderare\s*:?[ \t]*([^\n\f]{3,200})", start, re.IGNORECASE)
    if labelled:
        listing = labelled.group(1)
    elif title_end < 0:
        listing = _line_of_people(start)
    else:
        listing = _line_of_people(start[title_end:]) or start[title_end : title_end + 250]
    end = _LISTING_STOP.search(" " + listing)
    listing = listing[: end.start() - 1] if end and end.start() > 0 else listing
    return parse_people(listing)


def _line_of_people(text: str) -> str:
    """The first line soon after the title that lists people ("Anna Berg, SKL och Per Ek")."""
    for line in text.split("\n")[:12]:
        line = line.strip()
        if re.search(rf"{_NAME_WORD}\s+{_NAME_WORD}\s*(?:,|\s+och\s|\s+&\s)", line) and len(line) < 250:
            return line
    return ""


def parse_people(listing: str) -> list[Person]:
    """ "Christine Feuk, Britt-Marie Hedlund, Åsa Franzén SKL" → three people of SKL; "Leif Eldås, Bengt-Olof
    Knutsson och Anders Norrlid, SKL" → three of SKL; "Lars Strid, senior konsult (SKL) och Anders Bergenek,
    Halmstad" → two people, each with their own. A municipality's name glued before the first person and a
    trailing date are dropped."""
    listing = re.sub(r"\d{4}-\d{2}-\d{2}(?:(?:--?|/)\d{1,2})?", " ", listing)
    listing = _GLUED_PLACE.sub("", listing)
    if listing.isupper():
        listing = listing.title().replace("Skl", "SKL").replace("Skr", "SKR").replace("F.D.", "f.d.")
        listing = re.sub(r"\b(Och|Kommun|Stad|Län)\b", lambda m: m.group(1).lower(), listing)
    people: list[Person] = []
    shared_org = False  # the last organisation stood on its own after the names ("…, SKL")
    org_parts = 0
    for part in _parts(listing):
        leading = _LEADING_ORG.match(part)
        if leading and people:
            org_parts += 1
            _add_org(people[-1], leading.group("org"))
            part = leading.group("rest")
        match = _NAME.match(part)
        if match and not _looks_like_org(match.group("name")):
            name, rest = match.group("name").strip(), match.group("rest").strip(" ,")
            if re.match(r"(?:kommun|stad|län)\b", rest) and name.count(" ") == 2:  # "Anna Berg Borås kommun"
                name, place = name.rsplit(" ", 1)
                rest = f"{place} {rest}"
            person = Person(name)
            if rest:
                _add_org(person, rest)
            people.append(person)
            shared_org = False
        elif people:
            shared_org = not people[-1].organisation and not people[-1].role
            org_parts += 1
            _add_org(people[-1], part)
    organisations = {p.organisation for p in people if p.organisation}
    # One organisation written once after all the names belongs to all of them.
    if len(people) > 1 and len(organisations) == 1 and people[-1].organisation and org_parts <= 1:
        if shared_org or all(not p.organisation for p in people[:-1]):
            for person in people:
                person.organisation = person.organisation or people[-1].organisation
    return people[:8]


_TWO_PEOPLE = re.compile(rf"^(?P<a>{_NAME_WORD}\s+{_NAME_WORD})\s+(?P<b>{_NAME_WORD}\s+{_NAME_WORD}(?:\s.*)?)$")
# "Hylte kommun Ewa Luvö": an organisation followed by the next person, without a comma.
_ORG_THEN_NAME = re.compile(
    rf"^(?P<org>.+?\b(?:kommun|stad|län|[Ll]andsting|[Rr]egion|SKL|SKR|AB|konsult))\s+"
    rf"(?P<next>{_NAME_WORD}\s+{_NAME_WORD}(?:\s.*)?)$"
)


def _parts(listing: str) -> list[str]:
    """The listing split at commas and "och", with two people written without a separator pulled apart."""
    parts: list[str] = []
    for part in (p.strip(" .") for p in re.split(r",|;|\s+och\s+|\s+&\s+", listing)):
        glued = _ORG_THEN_NAME.match(part)
        if glued and not _looks_like_org(glued.group("next")):
            parts += [glued.group("org"), glued.group("next")]
            continue
        pair = _TWO_PEOPLE.match(part)
        if pair and not any(_looks_like_org(x) for x in (pair.group("a"), pair.group("b"))):
            parts += [pair.group("a"), pair.group("b")]  # "Ingmar Kärrsten Britt-Marie Hedlund"
            continue
        if part:
            parts.append(part)
    return parts


def _looks_like_org(name: str) -> bool:
    return bool(re.search(r"\b(?:Kommun|Landsting|Region|Regioner|Stad)\b", name))


def _add_org(person: Person, text: str) -> None:
    text = text.strip(" ,")
    paren = re.fullmatch(r"(?P<role>[^()]*?)\s*\((?P<org>[^)]+)\)", text)
    if paren:
        person.organisation = person.organisation or paren.group("org").strip()
        if paren.group("role").strip():
            person.role = paren.group("role").strip()
    elif text[:1].islower():
        role = re.fullmatch(r"(?P<role>.*?)\s+(?P<org>[A-ZÅÄÖ]{2,5})", text)  # "senior konsult SKL"
        if role:
            person.role = person.role or role.group("role")
            person.organisation = person.organisation or role.group("org")
        else:
            person.role = person.role or text
    elif not person.organisation:
        person.organisation = text


def _extract_interviewees(report: ExtractedReport, head: str) -> None:
    """ "intervjuer med ett 40-tal personer" → kept as printed, 40, approximate."""
    for sentence in re.split(r"(?<=[.!?])\s+", head):
        if not re.search(r"intervju", sentence, re.IGNORECASE):
            continue
        found = _INTERVIEWEES.search(sentence)
        if found:
            report.interviewees_text = " ".join(found.group("text").split())
            report.interviewees = int(found.group("n"))
            report.interviewees_approximate = bool(found.group("tal") or found.group("qual"))
            return


def municipality_word_test() -> Callable[[str], bool]:
    cache: dict[str, bool] = {}

    def is_name(word: str) -> bool:
        if word not in cache:
            cache[word] = len(word) > 2 and match_municipality(word) is not None
        return cache[word]

    return is_name
