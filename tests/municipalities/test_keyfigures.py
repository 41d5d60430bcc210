"""Key figures from CSV and from Kolada. Kolada responses are files in tests/municipalities/data/ in the
shape of Kolada's v3 data endpoint; the HTTP call is injected, so tests never use the network."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kompass.municipalities.keyfigures import KeyFigureError, load_from_kolada, load_key_figures
from kompass.municipalities.models import KeyFigure

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
HEADER = "municipality_code,year,name,value,unit,source\n"


def test_load_keyfigures_command_loads_every_row(tmp_path, kk2010):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + '1980,2024,folkmängd,160 000,invånare,SCB\n2282,2024,folkmängd,"17976,0",invånare,SCB\n')
    call_command("load_keyfigures", str(path), stdout=open("/dev/null", "w"))
    assert sorted(KeyFigure.objects.values_list("municipality_id", "year", "name", "value", "source")) == [
        ("1980", 2024, "folkmängd", Decimal("160000.00"), "SCB"),
        ("2282", 2024, "folkmängd", Decimal("17976.00"), "SCB"),
    ]


def test_loading_again_replaces_values_instead_of_duplicating(tmp_path, kk2010):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "1980,2024,folkmängd,1,invånare,SCB\n")
    load_key_figures(path)
    path.write_text(HEADER + "1980,2024,folkmängd,2,invånare,SCB\n")
    assert load_key_figures(path) == (0, 1)
    assert KeyFigure.objects.get().value == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("8888,2024,folkmängd,1,,", "figures.csv, rad 3: okänd kommunkod ”8888”"),
        ("2282,tjugo,folkmängd,1,,", "figures.csv, rad 3: året ”tjugo” är inte ett heltal"),
        ("2282,2024,folkmängd,många,,", "figures.csv, rad 3: värdet ”många” är inte ett tal"),
        ("1980,2024,folkmängd,5,,", "figures.csv, rad 3: folkmängd 2024 för 1980 finns två gånger"),
    ],
)
def test_a_bad_row_names_its_line_in_swedish_and_nothing_is_loaded(tmp_path, kk2010, line, message):
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "1980,2024,folkmängd,160000,invånare,SCB\n" + line + "\n")
    with pytest.raises(CommandError, match=message):
        call_command("load_keyfigures", str(path))
    assert not KeyFigure.objects.exists()


def _recorded(urls):
    pages = {
        "https://api.kolada.se/v3/data/kpi/N01951/year/2024": DATA / "kolada-N01951-2024-page1.json",
        "https://api.kolada.se/v3/data/kpi/N01951/year/2024?page=2&per_page=3": DATA / "kolada-N01951-2024-page2.json",
    }

    def fetch(url):
        urls.append(url)
        return json.loads(pages[url].read_text())

    return fetch


def test_kolada_population_is_loaded_from_recorded_pages(kk2010):
    urls: list[str] = []
    assert load_from_kolada("N01951", year=2024, fetch=_recorded(urls)) == (3, 0)
    assert len(urls) == 2
    # The national total (0000), a region (0001) and a missing value (1980) are skipped.
    assert sorted(KeyFigure.objects.values_list("municipality_id", "value", "unit", "source")) == [
        ("0114", Decimal("48392.00"), "invånare", "Kolada N01951"),
        ("0115", Decimal("35911.00"), "invånare", "Kolada N01951"),
        ("2282", Decimal("17976.00"), "invånare", "Kolada N01951"),
    ]


def test_kolada_unreachable_gives_a_swedish_message_and_changes_nothing(kk2010):
    def offline(url):
        raise OSError("Network is unreachable")

    with pytest.raises(KeyFigureError, match="Kolada kunde inte nås"):
        load_from_kolada("N01951", year=2024, fetch=offline)
    assert not KeyFigure.objects.exists()


def test_kolada_unexpected_response_is_refused(kk2010):
    with pytest.raises(KeyFigureError, match="fältet ”values” saknas"):
        load_from_kolada("N01951", year=2024, fetch=lambda url: {"error": "x"})
