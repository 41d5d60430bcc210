"""Response shapes of the JSON API. Scores are numbers or null (unknown), never 0 for missing."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class County(Schema):
    code: str
    name: str


class Municipality(Schema):
    code: str
    name: str
    official_name: str
    county: County | None
    is_demo: bool
    kommungrupp: str | None = Field(None, description="SKR:s kommungrupp 2017 (A1–C9), null om den inte är inläst")


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
