"""Key figures per municipality and year: from a CSV file, or from Kolada's open API (kolada.se).

Both fill `KeyFigure`; a figure is identified by (municipality, year, name) and a new load replaces
its value. Loads are all rows or none."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.municipalities.models import KeyFigure, Municipality

COLUMNS = ["municipality_code", "year", "name", "value", "unit", "source"]
KOLADA_BASE = "https://api.kolada.se/v3"
# Kolada KPI id → (our key figure name, unit). Names are the ones comparisons look for.
KOLADA_KPIS = {
    "N01951": ("folkmängd", "invånare"),
}
MAX_PAGES = 50


class KeyFigureError(ValueError):
    """A file or response that cannot be loaded; the message is Swedish and names the line."""


@dataclass(frozen=True)
class KeyFigureRow:
    municipality_code: str
    year: int
    name: str
    value: Decimal
    unit: str
    source: str


def read_key_figures(text: str, *, source_name: str) -> list[KeyFigureRow]:
    """Check every row of a key-figure CSV (`,` or `;`, decimal comma allowed). Raises KeyFigureError with
    the line number of the first bad row."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise KeyFigureError(
            _("%(file)s, rad 1: kolumner saknas: %(columns)s") % {"file": source_name, "columns": ", ".join(missing)}
        )
    known = set(Municipality.objects.values_list("code", flat=True))
    rows, seen = [], set()
    for line, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        row = _row(raw, where=f"{source_name}, rad {line}", known=known)
        identity = (row.municipality_code, row.year, row.name)
        if identity in seen:
            raise KeyFigureError(
                _("%(file)s, rad %(line)s: %(name)s %(year)s för %(code)s finns två gånger")
                % {"file": source_name, "line": line, "name": row.name, "year": row.year, "code": row.municipality_code}
            )
        seen.add(identity)
        rows.append(row)
    if not rows:
        raise KeyFigureError(_("%(file)s: filen innehåller inga nyckeltal") % {"file": source_name})
    return rows


def _row(raw: dict[str, Any], *, where: str, known: set[str]) -> KeyFigureRow:
    code = (raw.get("municipality_code") or "").strip().zfill(4)
    if code not in known:
        raise KeyFigureError(
            _("%(where)s: okänd kommunkod ”%(code)s”") % {"where": where, "code": raw.get("municipality_code")}
        )
    try:
        year = int((raw.get("year") or "").strip())
    except ValueError:
        raise KeyFigureError(
            _("%(where)s: året ”%(year)s” är inte ett heltal") % {"where": where, "year": raw.get("year")}
        ) from None
    if not 1900 <= year <= 2100:
        raise KeyFigureError(_("%(where)s: året %(year)s är inte rimligt") % {"where": where, "year": year})
    name = (raw.get("name") or "").strip()
    if not name or len(name) > 60:
        raise KeyFigureError(
            _("%(where)s: nyckeltalet saknar namn eller har ett namn längre än 60 tecken") % {"where": where}
        )
    value_text = (raw.get("value") or "").strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(value_text)
    except InvalidOperation:
        raise KeyFigureError(
            _("%(where)s: värdet ”%(value)s” är inte ett tal") % {"where": where, "value": raw.get("value")}
        ) from None
    if not value.is_finite() or abs(value) >= Decimal("1e14"):
        raise KeyFigureError(
            _("%(where)s: värdet ”%(value)s” är inte ett rimligt tal") % {"where": where, "value": raw.get("value")}
        )
    return KeyFigureRow(
        code,
        year,
        name,
        value.quantize(Decimal("0.01")),
        (raw.get("unit") or "").strip()[:30],
        (raw.get("source") or "").strip()[:200],
    )


@transaction.atomic
def store_key_figures(rows: list[KeyFigureRow]) -> tuple[int, int]:
    """Create or replace the figures. Returns (created, updated). Side effect: writes KeyFigure rows."""
    created = updated = 0
    for row in rows:
        _, was_created = KeyFigure.objects.update_or_create(
            municipality_id=row.municipality_code,
            year=row.year,
            name=row.name,
            defaults={"value": row.value, "unit": row.unit, "source": row.source},
        )
        created += was_created
        updated += not was_created
    return created, updated


def load_key_figures(path: Path) -> tuple[int, int]:
    """Load a CSV file with the columns municipality_code, year, name, value, unit, source. All or nothing."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyFigureError(
            _("%(file)s: kan inte läsas som UTF-8-text (%(error)s)") % {"file": path.name, "error": type(exc).__name__}
        ) from None
    return store_key_figures(read_key_figures(text, source_name=path.name))


# ---------------------------------------------------------------- Kolada

Fetch = Callable[[str], Any]


def fetch_json(url: str, *, timeout: float = 20) -> Any:
    """GET `url` and parse JSON (the real network; tests inject a fake `fetch`)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "kompass"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def kolada_rows(kpi: str, *, year: int, fetch: Fetch = fetch_json) -> list[KeyFigureRow]:
    """The KPI's total values (gender "T") for every municipality we know, following Kolada's paging.
    Regions, the national figure ("0000") and missing values are skipped."""
    if kpi not in KOLADA_KPIS:
        raise KeyFigureError(
            _("Nyckeltalet %(kpi)s är inte inlagt; kända: %(known)s")
            % {"kpi": kpi, "known": ", ".join(sorted(KOLADA_KPIS))}
        )
    name, unit = KOLADA_KPIS[kpi]
    known = set(Municipality.objects.filter(is_demo=False, is_synthetic=False).values_list("code", flat=True))
    url: str | None = f"{KOLADA_BASE}/data/kpi/{kpi}/year/{year}"
    rows: list[KeyFigureRow] = []
    for _page in range(MAX_PAGES):
        if url is None:
            break
        page = fetch(url)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KeyFigureError(_("Kolada svarade med något annat än väntat (fältet ”values” saknas)."))
        rows.extend(_kolada_values(page["values"], kpi=kpi, name=name, unit=unit, known=known))
        url = page.get("next_url") or page.get("next_page")
    return rows


def _kolada_values(values: list[Any], *, kpi: str, name: str, unit: str, known: set[str]) -> list[KeyFigureRow]:
    rows = []
    for item in values:
        code = str(item.get("municipality", ""))
        if code not in known:
            continue
        total = next((v for v in item.get("values", []) if v.get("gender") == "T"), None)
        if total is None or total.get("value") is None:
            continue
        rows.append(
            KeyFigureRow(
                code,
                int(item["period"]),
                name,
                Decimal(str(total["value"])).quantize(Decimal("0.01")),
                unit,
                f"Kolada {kpi}",
            )
        )
    return rows


def load_from_kolada(kpi: str, *, year: int, fetch: Fetch = fetch_json) -> tuple[int, int]:
    """Fetch a KPI from Kolada and store it (all or nothing). Network errors propagate as KeyFigureError."""
    try:
        rows = kolada_rows(kpi, year=year, fetch=fetch)
    except OSError as exc:
        raise KeyFigureError(_("Kolada kunde inte nås (%(error)s). Inget har ändrats.") % {"error": exc}) from None
    except (ValueError, KeyError, TypeError) as exc:
        if isinstance(exc, KeyFigureError):
            raise
        raise KeyFigureError(
            _("Kolada svarade med något oväntat (%(error)s). Inget har ändrats.") % {"error": exc}
        ) from None
    if not rows:
        raise KeyFigureError(
            _("Kolada gav inga värden för %(kpi)s år %(year)s. Inget har ändrats.") % {"kpi": kpi, "year": year}
        )
    return store_key_figures(rows)
