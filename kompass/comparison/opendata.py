"""The published results as open data rows (CSV and JSON downloads)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from kompass.comparison import queries as comparison_queries
from kompass.comparison.averages import points_by_evaluation
from kompass.evaluations.models import Evaluation

# ---------------------------------------------------------------- open data

OPEN_DATA_COLUMNS = [
    "evaluation_key",
    "municipality_code",
    "municipality_name",
    "county_code",
    "county_name",
    "year",
    "criteria_version",
    *[f"area_{n}" for n in range(1, 9)],
    "printed_total",
    "computed_total",
    "total",
    "origin",
    "source_url",
    "evaluators",
    "published_at",
    "page_url",
]


LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.sv"


def metadata() -> dict[str, str]:
    """Licence, attribution and how to cite: on the open-data page and in the JSON file."""
    return {
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "attribution": _(
            "Publicerade resultat från Kommunkompassen (SKR), sammanställda i kompass. Fri att använda, "
            "också kommersiellt, med angivande av källan (CC BY 4.0)."
        ),
        "how_to_cite": _(
            "Källa: Kommunkompassen, publicerade resultat sammanställda i kompass, %(licence)s, hämtat "
            "ÅÅÅÅ-MM-DD från /oppna-data/."
        )
        % {"licence": LICENCE},
    }


def last_modified() -> datetime | None:
    """When a published result last changed (Last-Modified of the open-data files)."""
    return comparison_queries.statistics_scope().aggregate(last=Max("updated_at"))["last"]


def open_data_rows(*, version: str | None = None) -> list[dict[str, Any]]:
    """Every countable published evaluation (demo left out) as one flat row with OPEN_DATA_COLUMNS,
    oldest first; optionally one criteria version. Missing scores are None (an empty CSV cell), never 0.
    Two queries whatever the number of rows."""
    evaluations = comparison_queries.statistics_scope().select_related("municipality__county", "version")
    if version:
        evaluations = evaluations.filter(version__code=version)
    evaluations = evaluations.order_by("year", "municipality_id", "sequence")
    points = points_by_evaluation(evaluations.values("pk"))
    return [_open_data_row(e, points.get(e.pk, {})) for e in evaluations]


def _open_data_row(evaluation: Evaluation, points: dict[int, Decimal]) -> dict[str, Any]:
    county = evaluation.municipality.county
    return {
        "evaluation_key": evaluation.key,
        "municipality_code": evaluation.municipality_id,
        "municipality_name": evaluation.municipality.short_name,
        "county_code": county.code if county else None,
        "county_name": county.name if county else None,
        "year": evaluation.year,
        "criteria_version": evaluation.version.code,
        **{f"area_{n}": points.get(n) for n in range(1, 9)},
        "printed_total": evaluation.printed_total,
        "computed_total": evaluation.computed_total,
        "total": evaluation.total,
        "origin": evaluation.origin,
        "source_url": evaluation.source_url,
        "evaluators": evaluation.evaluators_label(),
        "published_at": evaluation.published_at.date().isoformat() if evaluation.published_at else None,
        "page_url": evaluation.get_absolute_url(),
    }
