"""Loading criteria versions and mappings into the database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.criteria.fileformat import (
    CriteriaFileError,
    VersionSpec,
    parse_mapping_file,
    parse_version_file,
)
from kompass.criteria.models import Area, AreaMapping, CriteriaVersion, FrozenVersionError, Question, SubArea

SHIPPED_DIR = Path(__file__).resolve().parent / "data"
MAPPINGS_FILE = SHIPPED_DIR / "mappings.yaml"


@dataclass(frozen=True)
class LoadOutcome:
    version: CriteriaVersion
    action: str  # "created" | "updated" | "unchanged"

    def describe(self) -> str:
        verbs = {"created": "inläst", "updated": "uppdaterad", "unchanged": "oförändrad"}
        return f"{self.version.code}: {verbs[self.action]}"


def shipped_version_files() -> list[Path]:
    return sorted(p for p in SHIPPED_DIR.glob("*.yaml") if p != MAPPINGS_FILE)


def load_criteria_file(path: Path) -> LoadOutcome:
    """Validate and load one criteria file.

    Side effects: creates or replaces the version's areas, sub-areas and questions in one transaction.
    Raises CriteriaFileError for an invalid file and FrozenVersionError when the file changes a version
    that an evaluation has used; in both cases nothing is written."""
    return load_version(parse_version_file(path), source_name=path.name)


@transaction.atomic
def load_version(spec: VersionSpec, *, source_name: str = "") -> LoadOutcome:
    version = CriteriaVersion.objects.select_for_update().filter(code=spec.code).first()
    if version is not None and version.checksum == spec.checksum:
        return LoadOutcome(version, "unchanged")
    if version is not None and version.is_frozen:
        raise FrozenVersionError(
            _(
                "Kriterieversionen %(code)s används av en eller flera utvärderingar och kan inte ändras. "
                "Ge den ändrade filen en ny versionskod i stället."
            )
            % {"code": spec.code}
        )
    action = "created" if version is None else "updated"
    if version is None:
        version = CriteriaVersion(code=spec.code)
    else:
        version.areas.all().delete()
    for attr in ("name", "edition", "used_from", "used_to", "description", "about", "checksum"):
        setattr(version, attr, getattr(spec, attr))
    version.source_name = source_name
    version.save()
    _create_areas(version, spec)
    return LoadOutcome(version, action)


def _create_areas(version: CriteriaVersion, spec: VersionSpec) -> None:
    for area_spec in spec.areas:
        area = Area.objects.create(
            version=version,
            number=area_spec.number,
            name=area_spec.name,
            aliases=list(area_spec.aliases),
            perspective=area_spec.perspective,
            proposal=area_spec.proposal,
            general_text=area_spec.general_text,
        )
        for sub_spec in area_spec.subareas:
            subarea = SubArea.objects.create(
                area=area, number=sub_spec.number, name=sub_spec.name, proposal=sub_spec.proposal
            )
            Question.objects.bulk_create(
                Question(
                    area=area,
                    subarea=subarea,
                    code=q.code,
                    number=q.number,
                    text=q.text,
                    max_points=q.points,
                    guidance=q.guidance,
                )
                for q in sub_spec.questions
            )


@transaction.atomic
def load_mappings(path: Path = MAPPINGS_FILE) -> int:
    """Replace all area mappings with those in the file. Returns how many area pairs were loaded.

    Mappings are interpretation, not scores, so they may change even between frozen versions."""
    specs = parse_mapping_file(path)
    areas = {(a.version.code, a.number): a for a in Area.objects.select_related("version")}
    problems = [
        (
            _("mappning %(from_code)s→%(to_code)s: versionen %(code)s är inte inläst")
            % {"from_code": s.from_code, "to_code": s.to_code, "code": code}
        )
        for s in specs
        for code in (s.from_code, s.to_code)
        if (code, 1) not in areas
    ]
    if problems:
        raise CriteriaFileError(path.name, problems)
    AreaMapping.objects.all().delete()
    AreaMapping.objects.bulk_create(
        AreaMapping(
            from_area=areas[(s.from_code, p.from_number)],
            to_area=areas[(s.to_code, p.to_number)],
            comparability=p.comparability,
            note=s.note,
        )
        for s in specs
        for p in s.pairs
    )
    return sum(len(s.pairs) for s in specs)


def load_shipped_criteria() -> list[LoadOutcome]:
    """Load every criteria file that ships with kompass, then the mappings. Idempotent."""
    outcomes = [load_criteria_file(path) for path in shipped_version_files()]
    if MAPPINGS_FILE.exists():
        load_mappings(MAPPINGS_FILE)
    return outcomes


def area_by_name(version: CriteriaVersion, name: str) -> Area | None:
    """Find an area of a version by its name or one of its aliases, ignoring case, dashes and spacing."""
    wanted = normalise_area_name(name)
    for area in version.areas.all():
        if wanted in {normalise_area_name(n) for n in [area.name, *area.aliases]}:
            return area
    return None


def normalise_area_name(name: str) -> str:
    cleaned = name.lower().replace("–", " ").replace("-", " ").replace("&", "och")
    return " ".join(cleaned.split())
