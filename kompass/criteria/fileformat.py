"""Reading and validating criteria files (docs/criteria-format.md). Pure: no database.

Every problem is collected with the file and the item it concerns, so an administrator can fix a file
in one go; a file with any problem is refused whole."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from kompass.criteria.enums import Comparability, Edition

AREA_COUNT = 8
AREA_POINTS = Decimal(100)
CODE_RE = re.compile(r"^[a-z0-9_-]{2,30}$")


class CriteriaFileError(Exception):
    """A criteria or mapping file that cannot be loaded; `problems` lists every reason, in Swedish."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))

    def __str__(self) -> str:
        lines = [(_("Kriteriefilen %(source)s kan inte läsas in:") % {"source": self.source})]
        lines += [f"  – {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class QuestionSpec:
    code: str
    number: int
    text: str
    points: Decimal
    guidance: str


@dataclass(frozen=True)
class SubAreaSpec:
    number: int
    name: str
    proposal: bool
    questions: tuple[QuestionSpec, ...]


@dataclass(frozen=True)
class AreaSpec:
    number: int
    name: str
    aliases: tuple[str, ...]
    perspective: str
    proposal: bool
    general_text: str
    subareas: tuple[SubAreaSpec, ...]

    @property
    def points(self) -> Decimal:
        return sum((q.points for s in self.subareas for q in s.questions), Decimal(0))


@dataclass(frozen=True)
class VersionSpec:
    code: str
    name: str
    edition: str
    used_from: int
    used_to: int | None
    description: str
    about: str
    areas: tuple[AreaSpec, ...]
    checksum: str = field(compare=False)


@dataclass(frozen=True)
class AreaPairSpec:
    from_number: int
    to_number: int
    comparability: str


@dataclass(frozen=True)
class MappingSpec:
    from_code: str
    to_code: str
    note: str
    pairs: tuple[AreaPairSpec, ...]


def read_yaml(path: Path) -> Any:
    source = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CriteriaFileError(source, ["filen finns inte"]) from None
    except UnicodeDecodeError:
        raise CriteriaFileError(source, ["filen är inte text i UTF-8"]) from None
    try:
        # libyaml's loader when PyYAML was built with it: the shipped files load ten times faster.
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark else ""
        raise CriteriaFileError(source, [(_("filen är inte giltig YAML%(where)s") % {"where": where})]) from None


def parse_version_file(path: Path) -> VersionSpec:
    return parse_version(read_yaml(path), source=path.name)


class _Collector:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def text(self, data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(where, (_("”%(key)s” saknas") % {"key": key}))
            return ""
        if not isinstance(value, str | int | float):
            self.add(where, (_("”%(key)s” ska vara text") % {"key": key}))
            return ""
        return str(value).strip()

    def integer(self, data: dict[str, Any], key: str, where: str, *, required: bool = True) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add(where, (_("”%(key)s” saknas") % {"key": key}))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(where, (_("”%(key)s” ska vara ett heltal, inte %(value)s") % {"key": key, "value": repr(value)}))
            return None
        return value

    def boolean(self, data: dict[str, Any], key: str, where: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add(where, (_("”%(key)s” ska vara true eller false") % {"key": key}))
            return False
        return value

    def items(self, data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.add(where, (_("”%(key)s” ska vara en lista") % {"key": key}))
            return []
        return value


def _points(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        points = Decimal(str(value))
    except InvalidOperation:
        return None
    if not points.is_finite() or points <= 0 or points > AREA_POINTS or (points * 2) % 1 != 0:
        return None
    return points


def _numbered(col: _Collector, items: list[Any], where: str, what: str) -> None:
    numbers = [item.number for item in items]
    if numbers != list(range(1, len(items) + 1)):
        col.add(
            where,
            (_("%(what)s ska numreras 1, 2, 3 … utan luckor (fick %(numbers)s)") % {"what": what, "numbers": numbers}),
        )


def parse_version(data: Any, *, source: str) -> VersionSpec:
    """Validate a loaded criteria file and return it as a VersionSpec, or raise CriteriaFileError."""
    if not isinstance(data, dict):
        raise CriteriaFileError(source, ["filen ska innehålla en kriterieversion (en YAML-mappning)"])
    col = _Collector()
    code = col.text(data, "code", "versionen")
    if code and not CODE_RE.match(code):
        col.add("versionen", (_("koden ”%(code)s” får bara innehålla a–z, 0–9, - och _") % {"code": code}))
    edition = col.text(data, "edition", "versionen", required=False) or Edition.KOMPASS
    if edition not in Edition.values:
        col.add(
            "versionen",
            (
                _("okänd utgåva ”%(edition)s” (tillåtet: %(value)s)")
                % {"edition": edition, "value": ", ".join(Edition.values)}
            ),
        )
    used_from = col.integer(data, "used_from", "versionen")
    used_to = col.integer(data, "used_to", "versionen", required=False)
    if used_from and used_to and used_to < used_from:
        col.add("versionen", "used_to ligger före used_from")
    areas = tuple(_parse_area(col, raw) for raw in col.items(data, "areas", "versionen"))
    if len(areas) != AREA_COUNT:
        col.add(
            "versionen",
            (
                _("ska ha exakt %(AREA_COUNT)s huvudområden, har %(n_areas)s")
                % {"AREA_COUNT": AREA_COUNT, "n_areas": len(areas)}
            ),
        )
    _numbered(col, list(areas), "versionen", "huvudområdena")
    _check_questions(col, areas)
    if col.problems:
        raise CriteriaFileError(source, col.problems)
    return VersionSpec(
        code=code,
        name=col.text(data, "name", "versionen"),
        edition=edition,
        used_from=used_from or 0,
        used_to=used_to,
        description=col.text(data, "description", "versionen", required=False),
        about=col.text(data, "about", "versionen", required=False),
        areas=areas,
        checksum=hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest(),
    )


def _parse_area(col: _Collector, raw: dict[str, Any]) -> AreaSpec:
    number = col.integer(raw, "number", "ett huvudområde") or 0
    where = f"område {number}"
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        col.add(where, "”aliases” ska vara en lista med namn")
        aliases = []
    subareas = tuple(_parse_subarea(col, number, s) for s in col.items(raw, "subareas", where))
    _numbered(col, list(subareas), where, "delområdena")
    return AreaSpec(
        number=number,
        name=col.text(raw, "name", where),
        aliases=tuple(a.strip() for a in aliases if a.strip()),
        perspective=col.text(raw, "perspective", where, required=False),
        proposal=col.boolean(raw, "proposal", where),
        general_text=col.text(raw, "general_text", where, required=False),
        subareas=subareas,
    )


def _parse_subarea(col: _Collector, area_number: int, raw: dict[str, Any]) -> SubAreaSpec:
    number = col.integer(raw, "number", f"område {area_number}") or 0
    where = f"delområde {area_number}.{number}"
    questions = tuple(_parse_question(col, f"{area_number}.{number}", q) for q in col.items(raw, "questions", where))
    if not questions:
        col.add(where, "har inga frågor")
    _numbered(col, list(questions), where, "frågorna")
    return SubAreaSpec(
        number=number,
        name=col.text(raw, "name", where),
        proposal=col.boolean(raw, "proposal", where),
        questions=questions,
    )


def _parse_question(col: _Collector, prefix: str, raw: dict[str, Any]) -> QuestionSpec:
    code = col.text(raw, "id", f"en fråga i {prefix}")
    where = f"fråga {code or '?'}"
    number = 0
    if code:
        head, _dot, tail = code.rpartition(".")
        if head != prefix or not tail.isdigit():
            col.add(where, (_("id ska ha formen %(prefix)s.N") % {"prefix": prefix}))
        else:
            number = int(tail)
    points = _points(raw.get("points"))
    if points is None:
        col.add(
            where,
            (
                _("ogiltig poäng %(value)s (ska vara > 0, högst 100, i steg om 0,5)")
                % {"value": repr(raw.get("points"))}
            ),
        )
    return QuestionSpec(
        code=code,
        number=number,
        text=col.text(raw, "text", where),
        points=points or Decimal(0),
        guidance=col.text(raw, "guidance", where, required=False),
    )


def _check_questions(col: _Collector, areas: tuple[AreaSpec, ...]) -> None:
    seen: set[str] = set()
    for question in (q for a in areas for s in a.subareas for q in s.questions):
        if question.code and question.code in seen:
            col.add(f"fråga {question.code}", "id:t förekommer mer än en gång")
        seen.add(question.code)
    with_questions = [a for a in areas if a.subareas]
    if with_questions and len(with_questions) != len(areas):
        col.add("versionen", "antingen har alla områden delområden och frågor, eller inget")
    for area in with_questions:
        if area.points != AREA_POINTS:
            col.add(
                (_("område %(number)s") % {"number": area.number}),
                (_("frågornas poäng summerar till %(points)s, ska vara 100") % {"points": area.points}),
            )


def parse_mapping_file(path: Path) -> list[MappingSpec]:
    data = read_yaml(path)
    if not isinstance(data, list):
        raise CriteriaFileError(path.name, ["filen ska innehålla en lista med mappningar"])
    col = _Collector()
    mappings = []
    for index, raw in enumerate(data, start=1):
        where = f"mappning {index}"
        if not isinstance(raw, dict):
            col.add(where, "ska vara en mappning")
            continue
        pairs = []
        for pair in col.items(raw, "areas", where):
            comparability = str(pair.get("comparability", ""))
            if comparability not in Comparability.values:
                col.add(where, (_("okänd jämförbarhet ”%(comparability)s”") % {"comparability": comparability}))
            numbers = (pair.get("from"), pair.get("to"))
            if not all(isinstance(n, int) and 1 <= n <= AREA_COUNT for n in numbers):
                col.add(where, (_("områdesnummer ska vara 1–8, fick %(numbers)s") % {"numbers": numbers}))
                continue
            pairs.append(AreaPairSpec(int(numbers[0]), int(numbers[1]), comparability))  # type: ignore[arg-type]
        mappings.append(
            MappingSpec(
                from_code=col.text(raw, "from", where),
                to_code=col.text(raw, "to", where),
                note=col.text(raw, "note", where, required=False),
                pairs=tuple(pairs),
            )
        )
    if col.problems:
        raise CriteriaFileError(path.name, col.problems)
    return mappings
