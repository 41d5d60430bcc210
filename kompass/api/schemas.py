"""Response shapes of the JSON API. Scores are numbers or null (unknown), never 0 for missing."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, Field

from kompass.core.text import clean_user_text


def _user_text(value: str) -> str:
    """The text check of every kompass form (kompass.core.text): control characters are refused with a
    Swedish message (422), bidirectional overrides removed."""
    return clean_user_text(value)


# The same rule as a pattern for the OpenAPI description (lone surrogates left out: JSON Schema engines refuse
# them in a pattern, and a UTF-8 query string cannot carry them). Not used for checking: the validator gives
# the Swedish message.
NO_CONTROL_CHARACTERS = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufffe\\uffff]*$"

# A code or key (municipality, county, version): letters, digits, - and _.
Slug = Annotated[str, Field(pattern="^[A-Za-z0-9_-]{1,30}$")]

# Free text from the API's callers (search words): the same check as every form.
UserText = Annotated[str, AfterValidator(_user_text), Field(json_schema_extra={"pattern": NO_CONTROL_CHARACTERS})]


class County(Schema):
    code: str
    name: str


class Municipality(Schema):
    """Built from a `municipalities.Municipality`."""

    code: str
    name: str
    official_name: str
    county: County | None
    is_demo: bool
    kommungrupp: str | None = Field(None, description="SKR:s kommungrupp 2017 (A1–C9), null om den inte är inläst")

    @staticmethod
    def resolve_kommungrupp(obj: Any) -> str | None:
        return obj.kommungrupp or None

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.short_name)

    @staticmethod
    def resolve_official_name(obj: Any) -> str:
        return str(obj.name)


class EvaluationRef(Schema):
    """Built from an `evaluations.Evaluation`."""

    key: str
    year: int
    version: str
    total: float | None
    url: str

    @staticmethod
    def resolve_version(obj: Any) -> str:
        return str(obj.version.code)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class MunicipalityDetail(Municipality):
    """A Municipality with `published_evaluations` set (its published evaluations, oldest first)."""

    evaluations: list[EvaluationRef]

    @staticmethod
    def resolve_evaluations(obj: Any) -> list[Any]:
        return list(obj.published_evaluations)


class Area(Schema):
    number: int
    name: str
    aliases: list[str]
    perspective: str


class Version(Schema):
    code: str
    name: str
    edition: str
    used_from: int
    used_to: int | None


class VersionDetail(Version):
    description: str
    areas: list[Area]


class AreaPoints(Schema):
    number: int
    points: float | None


class Evaluation(Schema):
    """Built from an `evaluations.Evaluation` with `area_points` set (area number → points, known ones)."""

    key: str
    municipality: str
    municipality_name: str
    county: str | None
    year: int
    version: str
    printed_total: float | None
    computed_total: float | None
    total: float | None
    origin: str
    source_url: str
    is_demo: bool
    areas: list[AreaPoints]
    url: str

    @staticmethod
    def resolve_municipality(obj: Any) -> str:
        return str(obj.municipality_id)

    @staticmethod
    def resolve_municipality_name(obj: Any) -> str:
        return str(obj.municipality.short_name)

    @staticmethod
    def resolve_county(obj: Any) -> str | None:
        return obj.municipality.county_id

    @staticmethod
    def resolve_version(obj: Any) -> str:
        return str(obj.version.code)

    @staticmethod
    def resolve_is_demo(obj: Any) -> bool:
        return bool(obj.municipality.is_demo)

    @staticmethod
    def resolve_areas(obj: Any) -> list[dict[str, Any]]:
        return [{"number": n, "points": obj.area_points.get(n)} for n in range(1, 9)]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return str(obj.get_absolute_url())


class AreaAverage(Schema):
    number: int
    name: str
    mean: float | None = Field(description="null när det saknas eller bygger på färre än min_n utvärderingar")
    n: int
    reliable: bool


class Average(Schema):
    version: str
    areas: list[AreaAverage]
    total_mean: float | None
    total_n: int
    evaluations_n: int
    min_n: int = Field(description="Genomsnitt över färre utvärderingar redovisas inte (KOMPASS_MIN_AVERAGE_N)")


class AreaWithAverage(AreaPoints):
    name: str
    average: float | None
    average_n: int


class EvaluationDetail(Evaluation):
    """An Evaluation with `area_points`, `profile` (rows) and `version_average` (an Average) set."""

    status: str
    evaluators: str
    profile: list[AreaWithAverage]
    version_average: Average

    @staticmethod
    def resolve_evaluators(obj: Any) -> str:
        return str(obj.evaluators_label())


class GroupAverage(Schema):
    key: str
    label: str
    average: Average


class ReferenceAverage(Schema):
    scope: str
    period: str
    statistic: str
    area_values: dict[str, float]
    total: float | None
    source_url: str
    note: str


class Averages(Schema):
    version: str
    overall: Average
    by: str | None
    groups: list[GroupAverage]
    published_references: list[ReferenceAverage]


class ComparedMunicipality(Schema):
    municipality: str
    municipality_name: str
    evaluation: str | None
    year: int | None
    total: float | None
    areas: list[AreaPoints]


class Comparison(Schema):
    version: str
    municipalities: list[ComparedMunicipality]
    average: Average


class Error(Schema):
    detail: str


class ValidationFailure(Schema):
    detail: str
    errors: list[dict[str, Any]]


class SearchArea(Schema):
    number: int
    name: str


class SearchHit(Schema):
    evaluation: str
    url: str
    municipality: str
    year: int
    version: str
    area: SearchArea
    kind: str
    kind_label: str
    heading: str
    excerpt_html: str
    demo: bool


class SearchPage(Schema):
    query: str
    total: int
    total_is_capped: bool
    page: int
    pages: int
    page_size: int
    messages: list[str]
    results: list[SearchHit]
