"""The report's content as plain data: one step that turns an evaluation into a `Report`,
tested without rendering. Every renderer (HTML, PDF, Word, Excel) only lays this data out.

Missing stays missing: a score, date or count that is not known is None here and every renderer prints
MISSING ("uppgift saknas") for it, never 0. Numbers and dates are written by kompass.core.formatting
(`fmt_points` is re-exported here for the renderers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from kompass.core import formatting
from kompass.core.formatting import MISSING
from kompass.core.formatting import period as fmt_period
from kompass.core.formatting import points as fmt_points

ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", 6: "sjätte", 7: "sjunde", 8: "åttonde"}


def report_filename(key: str, extension: str) -> str:
    """The file name of every report download and file: "kommunkompassen-1980-2012.pdf"."""
    return f"kommunkompassen-{key}.{extension}"


# ---------------------------------------------------------------- the data


@dataclass(frozen=True)
class QuestionLine:
    code: str
    text: str
    points: Decimal | None
    max_points: Decimal


@dataclass(frozen=True)
class SubAreaSection:
    """A sub-area ("Rubrik"). `number` 0 marks a text heading that is not a sub-area of the criteria."""

    number: int
    name: str
    points: Decimal | None
    max_points: Decimal | None
    text: str
    questions: tuple[QuestionLine, ...] = ()


@dataclass(frozen=True)
class Reference:
    """A municipality worth looking at, with the theme it is named for."""

    name: str
    theme: str


@dataclass(frozen=True)
class AreaSection:
    number: int
    name: str
    points: Decimal | None
    max_points: Decimal
    complete: bool
    average: Decimal | None
    average_n: int
    reference_average: Decimal | None
    general_text: str
    subareas: tuple[SubAreaSection, ...]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    references: tuple[Reference, ...]

    @property
    def title(self) -> str:
        return f"Område {self.number} {self.name}"


@dataclass(frozen=True)
class InterviewGroupCount:
    name: str
    people: int


@dataclass(frozen=True)
class EvaluationFacts:
    """How the evaluation was done. None means not known ("uppgift saknas")."""

    visit_start: date | None
    visit_end: date | None
    feedback_date: date | None
    report_date: date | None
    ordinal: int | None
    interview_groups: tuple[InterviewGroupCount, ...] | None
    documents: int | None
    evaluators: tuple[str, ...]

    @property
    def interviewees(self) -> int | None:
        return None if self.interview_groups is None else sum(g.people for g in self.interview_groups)

    @property
    def ordinal_label(self) -> str | None:
        if self.ordinal is None:
            return None
        return ORDINALS.get(self.ordinal, f"{self.ordinal}:e")


@dataclass(frozen=True)
class ReferenceLine:
    """SKR's published reference average, shown apart from ours and never mixed in."""

    label: str
    total: Decimal | None
    source: str


@dataclass(frozen=True)
class KeyFact:
    label: str
    value: str


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    anchor: str


@dataclass(frozen=True)
class Report:
    key: str
    municipality: str
    municipality_official: str
    year: int
    is_demo: bool
    is_published: bool
    version_code: str
    version_name: str
    title: str
    subtitle: str
    about: tuple[str, ...]
    facts: EvaluationFacts
    total: Decimal | None
    printed_total: Decimal | None
    computed_total: Decimal | None
    max_total: Decimal
    average_total: Decimal | None
    average_total_n: int
    average_evaluations_n: int
    reference: ReferenceLine | None
    areas: tuple[AreaSection, ...]
    key_facts: tuple[KeyFact, ...]
    key_facts_source: str
    chapters: tuple[Chapter, ...]
    average_statement: str = ""  # which average, over how many, computed when (comparison.averages)

    @property
    def known_sum(self) -> Decimal | None:
        known = [a.points for a in self.areas if a.points is not None]
        return sum(known, Decimal(0)) if known else None

    @property
    def missing_areas(self) -> tuple[int, ...]:
        return tuple(a.number for a in self.areas if a.points is None)

    @property
    def total_difference(self) -> Decimal | None:
        if self.printed_total is None or self.computed_total is None:
            return None
        return (self.printed_total - self.computed_total) or None

    @property
    def has_area_scores(self) -> bool:
        return any(a.points is not None for a in self.areas)

    @property
    def summary_paragraphs(self) -> tuple[str, ...]:
        """The "Utvärderingen" paragraphs of chapter 2, as the seed report words them."""
        facts = self.facts
        when = fmt_period(facts.visit_start, facts.visit_end)
        done = f"genomfördes {when}" if facts.visit_start else f"gjordes {self.year}"
        first = _("Utvärderingen av %(municipality)s %(done)s") % {"municipality": self.municipality, "done": done}
        if facts.ordinal_label:
            first += _(" och var kommunens %(ordinal_label)s utvärdering enligt Kommunkompassens kriterier.") % {
                "ordinal_label": facts.ordinal_label
            }
        else:
            first += _(". Vilken utvärdering i ordningen detta är för kommunen: %(MISSING)s.") % {"MISSING": MISSING}
        if not facts.visit_start:
            first += f" Besöksdatum: {MISSING}."
        documents = MISSING if facts.documents is None else formatting.number(facts.documents)
        people = MISSING if facts.interviewees is None else formatting.number(facts.interviewees)
        second = _(
            "Utvärderingsgruppen har studerat dokument (antal: %(documents)s), granskat "
            "kommunens webbplats och intervjuat personer i organisationen (antal: "
            "%(people)s)."
        ) % {"documents": documents, "people": people}
        if facts.interview_groups:
            groups = "; ".join(f"{g.name}: {g.people}" for g in facts.interview_groups)
            second += _(" Intervjuade per grupp: %(groups)s.") % {"groups": groups}
        paragraphs = [first, second]
        if facts.evaluators:
            paragraphs.append("Utvärderare: " + ", ".join(facts.evaluators) + ".")
        return tuple(paragraphs)

    @property
    def total_sentence(self) -> str:
        if self.total is None:
            known = self.known_sum
            if known is None:
                return f"Totalpoäng: {MISSING}."
            missing = ", ".join(str(n) for n in self.missing_areas)
            return _(
                "Totalpoäng: %(MISSING)s (poäng saknas för område %(missing)s). Summan av de "
                "kända områdena är %(value)s poäng."
            ) % {"MISSING": MISSING, "missing": missing, "value": fmt_points(known)}
        sentence = _("%(municipality)s får totalt %(value)s av %(value2)s poäng.") % {
            "municipality": self.municipality,
            "value": fmt_points(self.total),
            "value2": fmt_points(self.max_total),
        }
        if self.total_difference is not None:
            sentence += _(" Rapporten angav %(value)s; summan av områdena är %(value2)s.") % {
                "value": fmt_points(self.printed_total),
                "value2": fmt_points(self.computed_total),
            }
        return sentence

    @property
    def average_sentence(self) -> str:
        if self.average_statement and self.average_evaluations_n:
            return self.average_statement
        if self.average_evaluations_n == 0:
            return _(
                "Genomsnitt för %(version_name)s: %(MISSING)s (inga andra publicerade "
                "utvärderingar på samma kriterieversion)."
            ) % {"version_name": self.version_name, "MISSING": MISSING}
        total = fmt_points(self.average_total)
        return _(
            "Genomsnittet avser %(average_evaluations_n)s andra publicerade utvärderingar "
            "enligt %(version_name)s (demokommunen räknas inte); genomsnittlig totalpoäng "
            "%(total)s (N = %(average_total_n)s)."
        ) % {
            "average_evaluations_n": self.average_evaluations_n,
            "version_name": self.version_name,
            "total": total,
            "average_total_n": self.average_total_n,
        }


def chapter_titles(municipality: str) -> tuple[Chapter, ...]:
    return (
        Chapter(1, "Vad är Kommunkompassen?", "kap-1"),
        Chapter(
            2,
            (
                _("%(municipality)s i förhållande till Kommunkompassen: En sammanfattande genomgång")
                % {"municipality": municipality}
            ),
            "kap-2",
        ),
        Chapter(3, "Detaljerad genomgång i förhållande till Kommunkompassens åtta områden", "kap-3"),
        Chapter(4, "Översikt av poängfördelning", "kap-4"),
        Chapter(5, (_("Kortfakta om %(municipality)s") % {"municipality": municipality}), "kap-5"),
    )
