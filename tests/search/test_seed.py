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
