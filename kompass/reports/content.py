"""The report's content as plain data (PRODUCT.md §6): one step that turns an evaluation into a `Report`,
tested without rendering. Every renderer (HTML, PDF, Word, Excel) only lays this data out.

Missing stays missing: a score, date or count that is not known is None here and every renderer prints
MISSING ("uppgift saknas") for it, never 0. Numbers and dates are written by kompass.core.formatting
(`fmt_points` is re-exported here for the renderers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

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
        first = f"Utvärderingen av {self.municipality} {done}"
        if facts.ordinal_label:
            first += f" och var kommunens {facts.ordinal_label} utvärdering enligt Kommunkompassens kriterier."
        else:
            first += f". Vilken utvärdering i ordningen detta är för kommunen: {MISSING}."
        if not facts.visit_start:
            first += f" Besöksdatum: {MISSING}."
        documents = MISSING if facts.documents is None else formatting.number(facts.documents)
        people = MISSING if facts.interviewees is None else formatting.number(facts.interviewees)
        second = (
            f"Utvärderingsgruppen har studerat dokument (antal: {documents}), granskat kommunens webbplats "
            f"och intervjuat personer i organisationen (antal: {people})."
        )
        if facts.interview_groups:
            groups = "; ".join(f"{g.name}: {g.people}" for g in facts.interview_groups)
            second += f" Intervjuade per grupp: {groups}."
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
            return (
                f"Totalpoäng: {MISSING} (poäng saknas för område {missing}). "
                f"Summan av de kända områdena är {fmt_points(known)} poäng."
            )
        sentence = f"{self.municipality} får totalt {fmt_points(self.total)} av {fmt_points(self.max_total)} poäng."
        if self.total_difference is not None:
            sentence += (
                f" Rapporten angav {fmt_points(self.printed_total)}; summan av områdena är "
                f"{fmt_points(self.computed_total)}."
            )
        return sentence

    @property
    def average_sentence(self) -> str:
        if self.average_statement and self.average_evaluations_n:
            return self.average_statement
        if self.average_evaluations_n == 0:
            return (
                f"Genomsnitt för {self.version_name}: {MISSING} (inga andra publicerade utvärderingar "
                "på samma kriterieversion)."
            )
        total = fmt_points(self.average_total)
        return (
            f"Genomsnittet avser {self.average_evaluations_n} andra publicerade utvärderingar enligt "
            f"{self.version_name} (demokommunen räknas inte); genomsnittlig totalpoäng {total} "
            f"(N = {self.average_total_n})."
        )


def chapter_titles(municipality: str) -> tuple[Chapter, ...]:
    return (
        Chapter(1, "Vad är Kommunkompassen?", "kap-1"),
        Chapter(2, f"{municipality} i förhållande till Kommunkompassen: En sammanfattande genomgång", "kap-2"),
        Chapter(3, "Detaljerad genomgång i förhållande till Kommunkompassens åtta områden", "kap-3"),
        Chapter(4, "Översikt av poängfördelning", "kap-4"),
        Chapter(5, f"Kortfakta om {municipality}", "kap-5"),
    )
