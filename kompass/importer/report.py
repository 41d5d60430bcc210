"""What the importer extracts from a report: plain dataclasses, JSON-ready through `as_dict()` (the shape is
documented in README.md, "Import av publicerade rapporter")."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from decimal import Decimal
from typing import Any

from kompass.core.text import strip_control_characters


@dataclass
class Person:
    name: str
    organisation: str = ""
    role: str = ""


@dataclass
class SubAreaSection:
    heading: str  # as printed in the text
    text: str
    subarea_number: int | None = None  # the version's sub-area it matches, if any


@dataclass
class Reference:
    name: str  # as printed
    code: str  # registry code
    theme: str = ""


@dataclass
class OverviewRow:
    area_number: int
    heading: str
    points: Decimal
    max_points: Decimal | None = None
    subarea_number: int | None = None  # None for an area's own row


@dataclass
class Sighting:
    """One place a figure is printed: which place (Swedish label), the value, and where in the text."""

    place: str  # "områdesavsnittet", "sammanfattningstabellen", "poängöversikten", "numrerad lista", "löptext", "summa"
    value: Decimal | None
    snippet: str  # the printed words around the figure
    page: int = 0  # 1-based page in the cleaned text (0 = unknown)
    line: int = 0  # 1-based line in the cleaned text (0 = computed, not printed)
    average: Decimal | None = None  # "73 (63)" printed beside it
    change: Decimal | None = None  # "68 (+16)" printed beside it


@dataclass
class ExtractedArea:
    number: int
    name: str  # as printed
    version_name: str = ""  # the matched criteria version's name for the area
    headings: list[str] = field(default_factory=list)  # "Rubriker", exactly as printed
    score: Decimal | None = None
    score_text: str = ""
    change: Decimal | None = None  # "68 (+16)": change since the last evaluation
    average: Decimal | None = None  # "73 (63)": the national average printed beside the score
    general_text: str = ""  # "Allmänt"
    sections: list[SubAreaSection] = field(default_factory=list)
    strengths: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    sightings: list[Sighting] = field(default_factory=list)  # every place the score is printed
    conflicts: list[str] = field(default_factory=list)  # Swedish: where the printed figures disagree
    confidence: float = 0.0
    missing: list[str] = field(default_factory=list)


@dataclass
class ExtractedReport:
    source_name: str
    title: str = ""
    municipality_name: str = ""  # as printed
    municipality_code: str = ""  # registry code ("" when not matched)
    year: int | None = None
    report_date: str | None = None  # ISO date; the first of the month (or year) when less is printed
    report_date_text: str = ""
    report_date_precision: str = ""  # "day", "month" or "year": how much of the date is printed
    interviewees_text: str = ""  # as printed: "ett 40-tal personer"
    interviewees: int | None = None  # the number in it (approximate when the text says so)
    interviewees_approximate: bool = False
    evaluators: list[Person] = field(default_factory=list)
    ordinal: int | None = None  # "kommunens tredje utvärdering" → 3
    version: str = ""  # criteria version code
    areas: list[ExtractedArea] = field(default_factory=list)
    total: Decimal | None = None  # the printed total (prose or table), never the sum
    total_text: str = ""
    computed_total: Decimal | None = None  # the sum of eight area scores, when all eight are known
    total_sightings: list[Sighting] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # Swedish: report-level disagreements
    page_confidence: list[float] = field(default_factory=list)  # OCR: per page, 0–1 (empty for text layers)
    overview: list[OverviewRow] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def area(self, number: int) -> ExtractedArea | None:
        return next((a for a in self.areas if a.number == number), None)

    def area_points(self) -> dict[int, Decimal | None]:
        return {a.number: a.score for a in self.areas}

    def as_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ExtractedReport:
        """The inverse of `as_dict` (the review queue keeps extracted reports as JSON); `data` is not changed."""
        data = deepcopy(data)
        data["evaluators"] = [Person(**p) for p in data.get("evaluators", [])]
        data["areas"] = [_area_from_dict(a) for a in data.get("areas", [])]
        data["overview"] = [
            OverviewRow(**{**r, "points": _dec(r["points"]), "max_points": _dec(r.get("max_points"))})
            for r in data.get("overview", [])
        ]
        data["total_sightings"] = [_sighting(s) for s in data.get("total_sightings", [])]
        for key in ("total", "computed_total"):
            data[key] = _dec(data.get(key))
        return cls(**data)


def _dec(value: Any) -> Decimal | None:
    return None if value is None or value == "" else Decimal(str(value))


def _sighting(data: dict[str, Any]) -> Sighting:
    return Sighting(**{**data, **{k: _dec(data.get(k)) for k in ("value", "average", "change")}})


def _area_from_dict(data: dict[str, Any]) -> ExtractedArea:
    data = dict(data)
    for key in ("score", "change", "average"):
        data[key] = _dec(data.get(key))
    data["sections"] = [SubAreaSection(**s) for s in data.get("sections", [])]
    data["references"] = [Reference(**r) for r in data.get("references", [])]
    data["sightings"] = [_sighting(s) for s in data.get("sightings", [])]
    return ExtractedArea(**data)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def without_control_characters(value: Any) -> Any:
    """The extracted value with control characters and bidirectional overrides removed from every text in
    it (kompass.core.text): machine text is cleaned, not refused. Dataclasses are changed in place."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list):
        return [without_control_characters(v) for v in value]
    if isinstance(value, dict):
        return {without_control_characters(k): without_control_characters(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            setattr(value, f.name, without_control_characters(getattr(value, f.name)))
    return value
