"""SKR's kommungrupper from CSV and from Kolada. The Kolada response is a file in tests/municipalities/data/
in the shape of Kolada's municipality-groups endpoint; the HTTP call is injected, never the network."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kompass.municipalities.groups import (
    KommungruppError,
    load_kommungrupper,
    load_kommungrupper_from_kolada,
    parse_kommungrupp,
)
from kompass.municipalities.models import Municipality

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
HEADER = "municipality_code,kommungrupp,source\n"


def _groups():
    return dict(Municipality.objects.exclude(kommungrupp="").values_list("code", "kommungrupp"))


def test_load_kommungrupper_command_sets_every_listed_group(tmp_path, kk2010):
    path = tmp_path / "grupper.csv"
    path.write_text(HEADER + "1980,B3,SKR 2017\n2282,C8,SKR 2017\n0180,1,\n")
    call_command("load_kommungrupper", str(path), stdout=open("/dev/null", "w"))
    assert _groups() == {"1980": "B3", "2282": "C8", "0180": "A1"}
    assert Municipality.objects.get(code="0180").kommungrupp_source == "grupper.csv"
    assert Municipality.objects.get(code="1980").kommungrupp_name == "B3 Större stad"


def test_semicolons_and_group_names_are_accepted(tmp_path, kk2010):
    path = tmp_path / "grupper.csv"
    path.write_text("municipality_code;kommungrupp\n980;Landsbygdskommun med besöksnäring\n1980;b3\n")
    assert load_kommungrupper(path) == 2
    assert _groups() == {"0980": "C9", "1980": "B3"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("A2", "A2"), ("c7", "C7"), ("5", "B5"), ("Landsbygdskommun", "C8"), ("Storstad", None), ("D1", None)],
)
def test_parse_kommungrupp(text, expected):
    assert parse_kommungrupp(text) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("8888,B3,", "grupper.csv, rad 3: okänd kommunkod ”8888”"),
        ("2282,D1,", "grupper.csv, rad 3: okänd kommungrupp ”D1” \\(A1–C9 enligt SKR:s indelning 2017\\)"),
        ("1980,B3,", "grupper.csv, rad 3: kommunen 1980 finns två gånger"),
        ("9999,B3,", "grupper.csv, rad 3: okänd kommunkod ”9999”"),
    ],
)
def test_a_bad_row_names_its_line_in_swedish_and_nothing_is_loaded(tmp_path, kk2010, line, message):
    from kompass.municipalities.services import ensure_demo_municipality

    ensure_demo_municipality()
    path = tmp_path / "grupper.csv"
    path.write_text(HEADER + "1980,B3,SKR\n" + line + "\n")
    with pytest.raises(CommandError, match=message):
        call_command("load_kommungrupper", str(path))
    assert _groups() == {}


def test_missing_columns_are_named(tmp_path, kk2010):
    path = tmp_path / "grupper.csv"
    path.write_text("kod,grupp\n1980,B3\n")
    with pytest.raises(KommungruppError, match="grupper.csv, rad 1: kolumner saknas: municipality_code, kommungrupp"):
        load_kommungrupper(path)


def _recorded(url):
    assert url == "https://api.kolada.se/v3/municipality_groups?title=kommungrupp"
    return json.loads((DATA / "kolada-municipality-groups.json").read_text(encoding="utf-8"))


def test_kolada_groups_are_read_from_a_recorded_response(kk2010):
    assert load_kommungrupper_from_kolada(fetch=_recorded) == 5
    # The "Liknande kommuner" group is not one of SKR's nine and is ignored; Örebro stays B3.
    assert _groups() == {"0180": "A1", "1480": "A1", "1980": "B3", "1880": "B3", "0980": "C9"}
    assert Municipality.objects.get(code="0980").kommungrupp_source == "Kolada, SKR:s kommungruppsindelning 2017"


def test_kolada_failures_change_nothing(kk2010):
    def unreachable(url):
        raise OSError("nätverket är avstängt")

    with pytest.raises(KommungruppError, match="Kolada kunde inte nås \\(nätverket är avstängt\\). Inget har ändrats."):
        load_kommungrupper_from_kolada(fetch=unreachable)
    with pytest.raises(KommungruppError, match="fältet ”values” saknas"):
        load_kommungrupper_from_kolada(fetch=lambda url: {"oops": 1})
    assert _groups() == {}
