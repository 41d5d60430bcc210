"""The seed report (Västerås 2012), imported by the real importer, is searchable at once."""

import pytest

from kompass.importer.services import SHIPPED_DIR, import_file
from kompass.search.services import SearchFilters, search

pytestmark = pytest.mark.django_db


def test_kontaktcenter_finds_vasteras_2012_area_2_after_importing_the_seed(kk2010):
    outcome = import_file(SHIPPED_DIR / "vasteras-2012.txt")
    assert outcome.ok, outcome.message
    results = search("kontaktcenter")
    assert {(h.evaluation_key, h.area_number) for h in results.hits} == {("1980-2012", 2)}
    assert any("<mark>kontaktcenter</mark>" in h.excerpt for h in results.hits)
    strengths = search("kontaktcenter", filters=SearchFilters(kinds=("strength",)))
    assert [h.excerpt for h in strengths.hits] == ["Västerås <mark>Kontaktcenter</mark>."]
    assert {h.evaluation_key for h in search("klagomålshantering").hits} == {"1980-2012"}


def test_every_excerpt_is_highlighted_also_when_only_the_heading_matched(kk2010):
    assert import_file(SHIPPED_DIR / "vasteras-2012.txt").ok
    hits = search("medborgardialog").hits
    assert [(h.heading, str(h.excerpt)[:73]) for h in hits] == [
        ("Medborgardialog och deltagande", "<mark>Medborgardialog</mark> och deltagande – Den offentliga sektorn står")
    ]
    for query in ("klagomålshantering", "kontaktcenter", "medborgare", "e-tjänster", "intranät"):
        assert all("<mark>" in h.excerpt for h in search(query).hits), query
