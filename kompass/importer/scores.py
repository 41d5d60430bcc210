"""Every place a report prints a figure, and the cross-checks between them.

An area's score can stand in its own section ("Poäng 58"), in the summary table ("Poäng (snitt)": "73 (63)"),
in the points overview and in a numbered list; the total in prose ("fick totalt 512 poäng av 800 möjliga"),
in a table ("Totalt 488") and as the sum of the areas. Each sighting keeps its place, page, line and the
printed words. Agreement raises confidence; disagreement or a missing figure is reported with the places —
never resolved silently."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.importer.areas import FACTS, NUMBER, OVERVIEW, _Versions, parse_score, to_decimal
from kompass.importer.cleaning import PAGE_BREAK
from kompass.importer.lists import HEADING_MATCH, best_match, similarity
from kompass.importer.report import ExtractedReport, OverviewRow, Sighting

SECTION = "områdesavsnittet"
LISTED = "numrerad lista"
SUMMARY = "sammanfattningstabellen"
YEAR_TABLE = "tabell per år"
OVERVIEW_TABLE = "poängöversikten"
PROSE = "löptext"
TABLE = "tabell"
SUM = "summa av områdena"

_TOTAL_NUMBER = r"(?<![\d,.\-])(?P<v>\d{2,3}(?:,\d)?)(?![\d-])"
# The prose forms of a total (layouts document); the value is group "v".
_TOTAL_PROSE = [
    re.compile(rf"(?:fick|erhöll|uppnådde|nådde)\s+(?:kommunen\s+|staden\s+)?totalt\s+{_TOTAL_NUMBER}\s*poäng", re.I),
    re.compile(rf"{_TOTAL_NUMBER}\s*(?:poäng\s+)?av\s+(?:totalt\s+)?800(?:\s+möjliga)?(?:\s+poäng)?", re.I),
    re.compile(rf"resultatet\s+blev\s+{_TOTAL_NUMBER}", re.I),
    re.compile(rf"total\s?poäng(?:en)?\s*(?:(?:19|20)\d\d\s+)?(?:blev|är|var|uppgick till|:)?\s*{_TOTAL_NUMBER}", re.I),
    re.compile(rf"höjt\s+sin\s+poäng\s+från\s+\d{{2,3}}(?:,\d)?\s+till\s+{_TOTAL_NUMBER}", re.I),
    re.compile(rf"(?:totalt|sammanlagt)\s+{_TOTAL_NUMBER}\s*poäng", re.I),
]
# Sentences about something else than this evaluation's total.
_NOT_THIS_TOTAL = re.compile(
    r"förra|föregående|tidigare utvärdering|senaste utvärderingen|snitt|genomsnitt|medel|median|"
    r"lägst|högst|ökning med|minskning med|ökat med|minskat med",
    re.I,
)
_TOTAL_ROW = re.compile(rf"^[ \t]*(?:Totalt|Summa|Totalpoäng|Total)\s*:?\s*{_TOTAL_NUMBER}\s*(?:poäng|p)?[ \t]*$", re.M)


def position_of(text: str, index: int) -> tuple[int, int]:
    """(page, line) of a position in the cleaned text, both 1-based."""
    return text.count(PAGE_BREAK, 0, index) + 1, text.count("\n", 0, index) + 1


def _snippet(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start) : end].replace(PAGE_BREAK, " ").split())[:160]


# ---------------------------------------------------------------- the total


def find_totals(text: str) -> list[Sighting]:
    """Every printed total: prose forms (not an earlier result, a change, the maximum or an average) and a
    "Totalt 488" table row."""
    sightings: list[Sighting] = []
    seen: set[int] = set()
    for sentence_start, sentence in _sentences(text):
        for pattern in _TOTAL_PROSE:
            for match in pattern.finditer(sentence):
                if _NOT_THIS_TOTAL.search(sentence[max(0, match.start() - 40) : match.end()]):
                    continue
                at = sentence_start + match.start("v")
                value = to_decimal(match.group("v"))
                if at in seen or value is None or not 100 < value < 800:
                    continue
                seen.add(at)
                page, line = position_of(text, at)
                sightings.append(Sighting(PROSE, value, " ".join(match.group(0).split()), page, line))
    for match in _TOTAL_ROW.finditer(text):
        value = to_decimal(match.group("v"))
        if value is not None and 100 < value <= 800:
            page, line = position_of(text, match.start("v"))
            sightings.append(Sighting(TABLE, value, " ".join(match.group(0).split()), page, line))
    return sorted(sightings, key=lambda s: (s.page, s.line))


def _sentences(text: str) -> list[tuple[int, str]]:
    result = []
    start = 0
    for match in re.finditer(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])|\n\s*\n|\f", text):
        result.append((start, text[start : match.start()]))
        start = match.end()
    result.append((start, text[start:]))
    return result


# ---------------------------------------------------------------- the summary table before the areas


def find_summary_scores(head: str, head_offset: int, text: str, report: ExtractedReport, versions: _Versions) -> None:
    """Area scores printed in a summary table before the detailed review ("Samspel … 71 (63)" per line,
    or as docplayer gives it, column by column: all names, then all scores)."""
    known = versions.areas.get(report.version, {})
    if not known:
        return
    found: dict[int, Sighting] = {}
    for match in re.finditer(r"[^\n\f]+", head):
        row = re.match(
            rf"^\s*(?P<name>[A-ZÅÄÖ][^\d\n]{{2,90}}?)[ \t:]+(?P<score>{NUMBER}\s*(?:%|poäng|p\b)?\s*"
            rf"(?:\(\s*[+\-−–±]?\s*{NUMBER}\s*\))?)\s*$",
            match.group(0),
        )
        number = _area_of(row.group("name"), known) if row else None
        if row is None or number is None or number in found:
            continue
        value, printed, change, average = parse_score(row.group("score"))
        page, line = position_of(text, head_offset + match.start())
        found[number] = Sighting(SUMMARY, value, " ".join(match.group(0).split()), page, line, average, change)
    if len(found) < 2 and report.year:
        found = _year_columns(head, head_offset, text, known, report.year)
    if len(found) < 2:
        found = _column_by_column(head, head_offset, text, known)
    for number, sighting in found.items():
        area = report.area(number)
        if area is not None and sighting.value is not None:
            area.sightings.append(sighting)


def _year_columns(head: str, offset: int, text: str, known: dict, year: int) -> dict[int, Sighting]:
    """A table with one column per year ("Område 2011 2013" / "Offentlighet och demokrati 51 % 58 %"): the
    column of the report's own year."""
    found: dict[int, Sighting] = {}
    column: int | None = None
    for match in re.finditer(r"[^\n\f]+", head):
        line = match.group(0)
        years = re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", line)
        if len(years) >= 2 and not re.search(r"[a-zåäö]{4,}\s+(?:19|20)\d\d\s+[a-zåäö]", line):
            column = years.index(str(year)) if str(year) in years else None
            width = len(years)
            continue
        if column is None:
            continue
        row = re.match(rf"^\s*(?P<name>[A-ZÅÄÖ][^\d\n]{{2,90}}?)\s+(?P<values>(?:{NUMBER}\s*%?\s*)+)$", line)
        values = re.findall(rf"{NUMBER}", row.group("values")) if row else []
        number = _area_of(row.group("name"), known) if row and len(values) == width else None
        if row is None or number is None or number in found:
            continue
        page, line_no = position_of(text, offset + match.start())
        found[number] = Sighting(YEAR_TABLE, to_decimal(values[column]), " ".join(line.split()), page, line_no)
    return found


def _column_by_column(head: str, offset: int, text: str, known: dict) -> dict[int, Sighting]:
    header = re.search(r"Poäng\s*\((?:snitt|genomsnitt|medel)\)|Område\s+Poäng\b", head)
    if not header:
        return {}
    rest = head[header.end() :]
    scores = re.search(rf"(?:(?<=\s){NUMBER}\s*(?:%\s*)?(?:\(\s*[+\-−–±]?\s*{NUMBER}\s*\)\s*)?){{2,8}}", rest)
    if not scores:
        return {}
    values = re.findall(rf"{NUMBER}\s*(?:%\s*)?(?:\(\s*[+\-−–±]?\s*{NUMBER}\s*\))?", scores.group(0))
    words = rest[: scores.start()].split()
    found: dict[int, Sighting] = {}
    page, line = position_of(text, offset + header.end() + scores.start())
    for number, printed in zip(range(1, len(values) + 1), values, strict=False):
        if number not in known or not words:
            break
        names = [known[number][0], *known[number][1]]
        fits = [(max(similarity(" ".join(words[:n]), k) for k in names), n) for n in range(1, min(9, len(words)) + 1)]
        fit, length = max(fits)
        if fit < 0.6:
            break
        value, _printed, change, average = parse_score(printed)
        snippet = f"{' '.join(words[:length])} … {' '.join(printed.split())}"
        found[number] = Sighting(SUMMARY, value, snippet, page, line, average, change)
        words = words[length:]
    return found


def _area_of(name: str, known: dict) -> int | None:
    name = name.strip(" :–-|")
    numbered = re.match(r"(?:Område\s+)?([1-8])\b[.:]?\s*(.*)$", name, re.IGNORECASE)
    if numbered and (name.lower().startswith("område") or numbered.group(2)):
        number = int(numbered.group(1))
        if not numbered.group(2) or number not in known or similarity(numbered.group(2), known[number][0]) >= 0.6:
            return number
    best: tuple[float, int | None] = (0.0, None)
    for number, (area_name, aliases, _subs) in known.items():
        fit = max(similarity(name, n) for n in [area_name, *aliases])
        if fit > best[0]:
            best = (fit, number)
    return best[1] if best[0] >= 0.85 else None


# ---------------------------------------------------------------- the points overview and short facts


_OVERVIEW_ROW = re.compile(
    rf"^(?P<name>(?:Område[ \t]+[1-8][.:]?[ \t]+)?[^\d\n]*?[A-Za-zÅÄÖåäö)][^\d\n]*?)[ \t:]+(?P<points>{NUMBER})[ \t]*"
    rf"(?:(?:av|/|\||[ \t])[ \t]*(?P<max>{NUMBER}))?[ \t]*(?:poäng|p|%)?[ \t]*$"
)


def find_overview(report: ExtractedReport, text: str, known: dict) -> None:
    """The points overview after the areas: area rows (also cross-check sightings) and sub-area rows."""
    matches = list(OVERVIEW.finditer(text))
    if not matches:
        return
    start = matches[-1].end()
    facts = FACTS.search(text, start)
    block = text[start : facts.start() if facts else len(text)]
    current: int | None = None
    offset = start
    for line in block.replace(PAGE_BREAK, "\n").split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        row = _OVERVIEW_ROW.match(line.strip())
        if not row or re.match(r"(?:Totalt|Summa|Total)\b", line.strip(), re.I):
            continue
        name = row.group("name").strip(" :–-|")
        points, maximum = to_decimal(row.group("points")), to_decimal(row.group("max") or "")
        if points is None:
            continue
        area_number = _area_of(name, known)
        if area_number is not None:
            current = area_number
            report.overview.append(OverviewRow(area_number, name, points, maximum))
            area = report.area(area_number)
            if area is not None and (maximum is None or maximum == 100):
                page, line_no = position_of(text, line_start)
                area.sightings.append(Sighting(OVERVIEW_TABLE, points, " ".join(line.split()), page, line_no))
            continue
        if current is None or current not in known:
            continue
        number, fit = best_match(name, known[current][2])
        report.overview.append(OverviewRow(current, name, points, maximum, number if fit >= HEADING_MATCH else None))


def find_facts(text: str) -> dict[str, str]:
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


# ---------------------------------------------------------------- cross-checks


def _num(value: Decimal | None) -> str:
    return formatting.points(value, missing=_("saknas"))


def _where(sighting: Sighting) -> str:
    if not sighting.line:
        return sighting.place
    return _("%(place)s (sida %(page)s, rad %(line)s: ”%(snippet)s”)") % {
        "place": sighting.place,
        "page": sighting.page,
        "line": sighting.line,
        "snippet": sighting.snippet,
    }


def cross_check(report: ExtractedReport) -> None:
    """Compare every area's sightings and the totals; fill score, average and change from what was printed
    and record each disagreement (Swedish, with places) in `conflicts`."""
    for area in report.areas:
        printed = [s for s in area.sightings if s.value is not None]
        if area.score is None and printed:
            area.score = printed[0].value
            area.score_text = printed[0].snippet
        area.average = (
            area.average
            if area.average is not None
            else next((s.average for s in printed if s.average is not None), None)
        )
        area.change = (
            area.change if area.change is not None else next((s.change for s in printed if s.change is not None), None)
        )
        values = {s.value for s in printed}
        if len(values) > 1:
            area.conflicts.append(
                _("Område %(n)s: poängen skiljer sig mellan %(places)s.")
                % {"n": area.number, "places": "; ".join(f"{_num(s.value)} i {_where(s)}" for s in printed)}
            )
        averages = {s.average for s in printed if s.average is not None}
        if len(averages) > 1:
            area.conflicts.append(
                _("Område %(n)s: snittet skiljer sig mellan %(places)s.")
                % {"n": area.number, "places": "; ".join(f"{_num(s.average)} i {_where(s)}" for s in printed)}
            )
    _check_totals(report)


def _check_totals(report: ExtractedReport) -> None:
    scores = [a.score for a in report.areas if a.score is not None]
    if len(scores) == 8:
        report.computed_total = sum(scores, Decimal(0))
    printed = [s for s in report.total_sightings if s.value is not None]
    if printed:
        report.total, report.total_text = printed[0].value, printed[0].snippet
    values = {s.value for s in printed}
    if len(values) > 1:
        report.conflicts.append(
            _("Totalpoängen skiljer sig mellan %(places)s.")
            % {"places": "; ".join(f"{_num(s.value)} i {_where(s)}" for s in printed)}
        )
    if report.total is not None and report.computed_total is not None and report.total != report.computed_total:
        # Printed totals can differ from the sum (Kramfors 2011: 359 and 363): both are kept, and said.
        report.warnings.append(
            _("Den tryckta totalpoängen %(printed)s (%(where)s) skiljer sig från summan av områdena %(sum)s.")
            % {"printed": _num(report.total), "where": _where(printed[0]), "sum": _num(report.computed_total)}
        )
