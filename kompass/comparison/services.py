"""Loading the published results and SKR's reference averages that ship in data/ (the public record as
found: patchy, kept as printed)."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.comparison.models import ReferenceAverage
from kompass.criteria.models import CriteriaVersion
from kompass.evaluations.enums import Origin, Status
from kompass.evaluations.models import Evaluation
from kompass.evaluations.services import ScoreError, create_evaluation, parse_points, set_published_scores
from kompass.municipalities.models import Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
AREA_COLUMNS = [f"a{n}" for n in range(1, 9)]
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}


class DataFileError(ValueError):
    """A data file that cannot be loaded; names the file and line, in Swedish."""


# ---------------------------------------------------------------- loading published results


def parse_evaluators(text: str) -> list[dict[str, str]]:
    """ "Christine Feuk; Åsa Franzén (SKL)" → [{name, organisation}, …]."""
    people = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        match = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", part)
        name, organisation = (match.group(1), match.group(2)) if match else (part, "")
        people.append({"name": name.strip(), "organisation": organisation.strip()})
    return people


def ordinal_from_note(note: str) -> int | None:
    match = re.search(r"\b(" + "|".join(ORDINAL_WORDS) + r") evaluation", note.lower())
    return ORDINAL_WORDS[match.group(1)] if match else None


@dataclass(frozen=True)
class PublishedRow:
    line: int
    municipality: Municipality
    year: int
    version: CriteriaVersion
    area_points: dict[int, Decimal | None]
    printed_total: Decimal | None
    evaluators: list[dict[str, str]]
    source_url: str
    notes: str


def read_published_results(path: Path) -> list[PublishedRow]:
    """Read and check every row of published-results.csv; raises DataFileError naming the line."""
    municipalities = {m.code: m for m in Municipality.objects.all()}
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"municipality_code", "year", "framework", "total", *AREA_COLUMNS} - set(reader.fieldnames or [])
        if missing:
            raise DataFileError(
                _("%(file)s: kolumner saknas: %(columns)s") % {"file": path.name, "columns": ", ".join(sorted(missing))}
            )
        for line, raw in enumerate(reader, start=2):
            rows.append(_published_row(path.name, line, raw, municipalities, versions))
    return rows


def _published_row(source, line, raw, municipalities, versions) -> PublishedRow:
    where = _("%(file)s, rad %(line)s") % {"file": source, "line": line}
    code = (raw.get("municipality_code") or "").strip()
    if code not in municipalities:
        raise DataFileError(_("%(where)s: okänd kommunkod ”%(code)s”") % {"where": where, "code": code})
    version_code = (raw.get("framework") or "").strip()
    if version_code not in versions:
        raise DataFileError(
            _("%(where)s: okänd kriterieversion ”%(version)s”") % {"where": where, "version": version_code}
        )
    try:
        year = int(raw["year"])
        areas = {n: _optional_points(raw.get(f"a{n}")) for n in range(1, 9)}
        total = _optional_points(raw.get("total"))
    except (ValueError, ScoreError) as exc:
        raise DataFileError(f"{where}: {exc}") from None
    return PublishedRow(
        line=line,
        municipality=municipalities[code],
        year=year,
        version=versions[version_code],
        area_points=areas,
        printed_total=total,
        evaluators=parse_evaluators(raw.get("evaluators") or ""),
        source_url=(raw.get("source_url") or "").strip(),
        notes=(raw.get("notes") or "").strip(),
    )


def _optional_points(value: str | None) -> Decimal | None:
    return None if value is None or not value.strip() else parse_points(value)


@transaction.atomic
def load_published_results(path: Path = DATA_DIR / "published-results.csv") -> tuple[int, int]:
    """Load published results as published historical evaluations. Idempotent: a row whose evaluation
    was loaded before is updated in place. Returns (created, updated). All rows or none."""
    created = updated = 0
    for row in read_published_results(path):
        existing = Evaluation.objects.filter(
            municipality=row.municipality, year=row.year, origin=Origin.PUBLISHED_RECORD
        ).first()
        fields = {
            "evaluator_names": row.evaluators,
            "source_url": row.source_url[:500],
            "notes": row.notes,
            "ordinal": ordinal_from_note(row.notes),
        }
        if existing is None:
            evaluation = create_evaluation(
                row.municipality,
                version=row.version,
                year=row.year,
                status=Status.PUBLISHED,
                origin=Origin.PUBLISHED_RECORD,
                **fields,
            )
            created += 1
        else:
            evaluation = existing
            for key, value in fields.items():
                setattr(evaluation, key, value)
            evaluation.save()
            updated += 1
        try:
            set_published_scores(evaluation, area_points=row.area_points, printed_total=row.printed_total)
        except ScoreError as exc:
            raise DataFileError(
                _("%(file)s, rad %(line)s: %(error)s") % {"file": path.name, "line": row.line, "error": exc}
            ) from None
    return created, updated


@transaction.atomic
def load_reference_averages(path: Path = DATA_DIR / "published-averages.csv") -> int:
    versions = {v.code: v for v in CriteriaVersion.objects.all()}
    count = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for line, raw in enumerate(csv.DictReader(handle), start=2):
            where = _("%(file)s, rad %(line)s") % {"file": path.name, "line": line}
            version = versions.get((raw.get("framework") or "").strip())
            if version is None:
                raise DataFileError(
                    _("%(where)s: okänd kriterieversion ”%(version)s”")
                    % {"where": where, "version": raw.get("framework")}
                )
            try:
                points = {n: _optional_points(raw.get(f"a{n}")) for n in range(1, 9)}
                values = {str(n): float(p) for n, p in points.items() if p is not None}
                total = _optional_points(raw.get("total"))
            except ScoreError as exc:
                raise DataFileError(f"{where}: {exc}") from None
            ReferenceAverage.objects.update_or_create(
                scope=raw["scope"].strip(),
                period=raw["period"].strip(),
                version=version,
                statistic=raw["statistic"].strip(),
                defaults={
                    "area_values": values,
                    "total": total,
                    "source_url": raw.get("source_url", "")[:500],
                    "notes": raw.get("notes", ""),
                },
            )
            count += 1
    return count
