"""The municipality registry: loading SCB's codes and finding a municipality by the name a text uses."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from kompass.municipalities.models import County, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_CODE = "9999"


@transaction.atomic
def load_reference_data(data_dir: Path = DATA_DIR) -> tuple[int, int]:
    """Load the 21 counties and 290 municipalities. Idempotent. Returns (counties, municipalities)."""
    with (data_dir / "counties.csv").open(encoding="utf-8", newline="") as handle:
        counties = list(csv.DictReader(handle))
    for row in counties:
        County.objects.update_or_create(
            code=row["county_code"],
            defaults={"name": row["county_name"], "short_name": row["county_name_short"]},
        )
    with (data_dir / "municipalities.csv").open(encoding="utf-8", newline="") as handle:
        municipalities = list(csv.DictReader(handle))
    for row in municipalities:
        Municipality.objects.update_or_create(
            code=row["municipality_code"],
            defaults={
                "name": row["municipality_name"],
                "short_name": row["municipality_name_short"],
                "county_id": row["county_code"],
                "is_demo": False,
            },
        )
    _name_index.cache_clear()
    return len(counties), len(municipalities)


def ensure_demo_municipality() -> Municipality:
    municipality, _ = Municipality.objects.update_or_create(
        code=DEMO_CODE,
        defaults={"name": "Exempelkommun (demo)", "short_name": "Exempelkommun", "county": None, "is_demo": True},
    )
    return municipality


def _normalise(name: str) -> str:
    text = name.lower().replace("-", " ")
    text = re.sub(r"\b(kommuns?|stads?|region|municipality)\b", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, name, short in Municipality.objects.filter(is_demo=False).values_list("code", "name", "short_name"):
        for variant in {_normalise(name), _normalise(short)}:
            index[variant] = code
            # Genitive forms in official names and texts: "Falu kommun" ↔ "Falun", "Västerås stads".
            if variant.endswith("s"):
                index.setdefault(variant[:-1], code)
            else:
                index.setdefault(variant + "s", code)
    return index


def match_municipality(name: str) -> Municipality | None:
    """Find a municipality from a name as texts write it: "Västerås stad", "VÄSTERÅS STAD",
    "Region Gotland", "Falu kommun", "Upplands Väsby", genitive "Västerås stads"."""
    code = _name_index().get(_normalise(name))
    return Municipality.objects.filter(code=code).first() if code else None
