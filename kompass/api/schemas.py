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

# Free text from the API's callers (search words): the same check as every form.
UserText = Annotated[str, AfterValidator(_user_text), Field(json_schema_extra={"pattern": NO_CONTROL_CHARACTERS})]


class County(Schema):
    code: str
    name: str


class Municipality(Schema):
    code: str
    name: str
    official_name: str
    county: County | None
    is_demo: bool


class EvaluationRef(Schema):
    key: str
    year: int
    version: str
    total: float | None
    url: str


class MunicipalityDetail(Municipality):
    evaluations: list[EvaluationRef]


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


class AreaAverage(Schema):
    number: int
    name: str
    mean: float | None
    n: int


class Average(Schema):
    version: str
    areas: list[AreaAverage]
    total_mean: float | None
    total_n: int
    evaluations_n: int


class AreaWithAverage(AreaPoints):
    name: str
    average: float | None
    average_n: int


class EvaluationDetail(Evaluation):
    status: str
    evaluators: str
    profile: list[AreaWithAverage]
    version_average: Average


class Page(Schema):
    count: int
    page: int
    pages: int


class MunicipalityPage(Page):
    results: list[Municipality]


class EvaluationPage(Page):
    results: list[Evaluation]


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
    messages: list[str]
    results: list[SearchHit]
