"""SKR's municipality groups (kommungrupper, 2017 classification): loaded from a CSV file or fetched from
Kolada's municipality groups. Both are all rows or none; errors are Swedish and name the line."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.db import transaction
from django.utils.translation import gettext as _

from kompass.municipalities.enums import Kommungrupp, group_name
from kompass.municipalities.keyfigures import KOLADA_BASE, MAX_PAGES, Fetch, fetch_json
from kompass.municipalities.models import Municipality

COLUMNS = ["municipality_code", "kommungrupp"]
KOLADA_SOURCE = "Kolada, SKR:s kommungruppsindelning 2017"


class KommungruppError(ValueError):
    """A file or response that cannot be loaded; the message is Swedish and names the line."""


@dataclass(frozen=True)
class KommungruppRow:
    municipality_code: str
    kommungrupp: str
    source: str


def parse_kommungrupp(text: str) -> str | None:
    """ "B4", "b4", "4", "B4 Pendlingskommun nära större stad" or the group's name → "B4"; else None."""
    value = " ".join(text.split()).strip()
    code = value.split(" ", 1)[0].upper()
    if code in Kommungrupp.values:
        return code
    if code.isdigit():
        return next((c for c in Kommungrupp.values if c[1] == code), None)
    lowered = value.lower()
    return next((c for c in Kommungrupp.values if group_name(c).lower() == lowered), None)


def read_kommungrupper(text: str, *, source_name: str) -> list[KommungruppRow]:
    """Check every row of a CSV with the columns municipality_code, kommungrupp and optionally source
    (`,` or `;`). Raises KommungruppError naming the first bad line."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise KommungruppError(
            _("%(file)s, rad 1: kolumner saknas: %(columns)s") % {"file": source_name, "columns": ", ".join(missing)}
        )
    known = set(Municipality.objects.filter(is_demo=False).values_list("code", flat=True))
    rows: list[KommungruppRow] = []
    seen: set[str] = set()
    for line, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        where = _("%(file)s, rad %(line)s") % {"file": source_name, "line": line}
        code = (raw.get("municipality_code") or "").strip().zfill(4)
        if code not in known:
            raise KommungruppError(
                _("%(where)s: okänd kommunkod ”%(code)s”") % {"where": where, "code": raw.get("municipality_code")}
            )
        if code in seen:
            raise KommungruppError(_("%(where)s: kommunen %(code)s finns två gånger") % {"where": where, "code": code})
        group = parse_kommungrupp(raw.get("kommungrupp") or "")
        if group is None:
            raise KommungruppError(
                _("%(where)s: okänd kommungrupp ”%(group)s” (A1–C9 enligt SKR:s indelning 2017)")
                % {"where": where, "group": raw.get("kommungrupp")}
            )
        seen.add(code)
        rows.append(KommungruppRow(code, group, (raw.get("source") or "").strip()[:200] or source_name[:200]))
    if not rows:
        raise KommungruppError(_("%(file)s: filen innehåller inga kommungrupper") % {"file": source_name})
    return rows


@transaction.atomic
def store_kommungrupper(rows: list[KommungruppRow]) -> int:
    """Set each listed municipality's group and its source; municipalities not listed keep theirs.
    Returns how many were changed. Side effect: updates Municipality rows."""
    changed = 0
    for row in rows:
        changed += (
            Municipality.objects.filter(code=row.municipality_code)
            .exclude(kommungrupp=row.kommungrupp, kommungrupp_source=row.source)
            .update(kommungrupp=row.kommungrupp, kommungrupp_source=row.source)
        )
    return changed


def load_kommungrupper(path: Path) -> int:
    """Load a kommungrupp CSV file (docs/open-data.md, "Kommungrupper"). All rows or none."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise KommungruppError(
            _("%(file)s: kan inte läsas som UTF-8-text (%(error)s)") % {"file": path.name, "error": type(exc).__name__}
        ) from None
    return store_kommungrupper(read_kommungrupper(text, source_name=path.name))


# ---------------------------------------------------------------- Kolada

_CODE_IN_TITLE = re.compile(r"\b([ABC][1-9])\b")


def _group_of_title(title: str) -> str | None:
    """A Kolada group title → our code: by a code in the title ("… (B4) …") or by the group's exact name
    (longest first, so "Landsbygdskommun med besöksnäring" is not taken for "Landsbygdskommun")."""
    match = _CODE_IN_TITLE.search(title)
    if match and match.group(1) in Kommungrupp.values:
        return match.group(1)
    head = title.split(",")[0].strip().lower()
    names = sorted(Kommungrupp.values, key=lambda c: -len(group_name(c)))
    return next((c for c in names if head == group_name(c).lower()), None)


def kolada_kommungrupper(*, fetch: Fetch = fetch_json) -> list[KommungruppRow]:
    """The members of Kolada's nine groups of SKR's 2017 classification, following Kolada's paging."""
    url: str | None = f"{KOLADA_BASE}/municipality_groups?title={quote('kommungrupp')}"
    known = set(Municipality.objects.filter(is_demo=False, is_synthetic=False).values_list("code", flat=True))
    groups: dict[str, str] = {}
    for _page in range(MAX_PAGES):
        if url is None:
            break
        page = fetch(url)
        if not isinstance(page, dict) or not isinstance(page.get("values"), list):
            raise KommungruppError(_("Kolada svarade med något annat än väntat (fältet ”values” saknas)."))
        for group in page["values"]:
            _members(group, groups, known)
        url = page.get("next_url") or page.get("next_page")
    return [KommungruppRow(code, group, KOLADA_SOURCE) for code, group in sorted(groups.items())]


def _members(group: Any, groups: dict[str, str], known: set[str]) -> None:
    code = _group_of_title(str(group.get("title", "")))
    if code is None:
        return
    for member in group.get("members", []):
        member_code = str(member.get("member_id") or member.get("id") or "")
        if member_code not in known:
            continue
        if groups.setdefault(member_code, code) != code:
            raise KommungruppError(
                _("Kolada placerar kommunen %(code)s i två kommungrupper (%(a)s och %(b)s). Inget har ändrats.")
                % {"code": member_code, "a": groups[member_code], "b": code}
            )


def load_kommungrupper_from_kolada(*, fetch: Fetch = fetch_json) -> int:
    """Fetch the groups from Kolada and store them (all or nothing)."""
    try:
        rows = kolada_kommungrupper(fetch=fetch)
    except OSError as exc:
        raise KommungruppError(_("Kolada kunde inte nås (%(error)s). Inget har ändrats.") % {"error": exc}) from None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        if isinstance(exc, KommungruppError):
            raise
        raise KommungruppError(
            _("Kolada svarade med något oväntat (%(error)s). Inget har ändrats.") % {"error": exc}
        ) from None
    if not rows:
        raise KommungruppError(_("Kolada gav inga kommungrupper. Inget har ändrats."))
    return store_kommungrupper(rows)
