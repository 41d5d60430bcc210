"""Swedish formatting in one place (kompass.core.formatting) and its template filters."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.template import Context, Template

from kompass.core import formatting


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("426.5"), "426,5"),
        (Decimal("58"), "58"),
        (58.0, "58"),
        (62.25, "62,2"),
        (Decimal("-0.04"), "0"),
        (7, "7"),
    ],
)
def test_decimals_have_a_decimal_comma_and_no_trailing_zero(value, expected):
    assert formatting.decimal(value) == expected


def test_decimals_with_fixed_places_keep_their_zeros():
    assert formatting.decimal(Fraction(31, 50), places=2, trim=False) == "0,62"
    assert formatting.decimal(Decimal("0.5"), places=2, trim=False) == "0,50"


def test_points_show_missing_as_missing_never_as_zero():
    assert [formatting.points(v) for v in (Decimal("426.5"), Decimal("0"), None)] == ["426,5", "0", "uppgift saknas"]
    assert formatting.points(None, missing="saknas") == "saknas"


def test_numbers_are_grouped_with_a_no_break_space():
    assert formatting.number(156789) == "156\u00a0789"
    assert formatting.number(Decimal("1234.5"), places=1) == "1\u00a0234,5"
    assert formatting.number(None) == "uppgift saknas"


def test_percentages():
    assert [formatting.percent(v) for v in (Fraction(3, 4), 0.625, Decimal("0.5"), None)] == [
        "75\u00a0%",
        "62\u00a0%",
        "50\u00a0%",
        "–",
    ]
    assert formatting.percent(Fraction(5, 8), places=1) == "62,5\u00a0%"


def test_dates_at_each_precision():
    day = date(2012, 12, 1)
    assert formatting.date(day) == "1 december 2012"
    assert formatting.date(day, precision="month") == "december 2012"
    assert formatting.date(day, precision=formatting.Precision.YEAR) == "2012"
    assert formatting.date(None) == "uppgift saknas"


def test_periods():
    assert formatting.period(date(2025, 3, 11), date(2025, 3, 12)) == "11–12 mars 2025"
    assert formatting.period(date(2011, 5, 30), date(2011, 6, 2)) == "30 maj–2 juni 2011"
    assert formatting.period(date(2011, 12, 30), date(2012, 1, 2)) == "30 december 2011–2 januari 2012"
    assert formatting.period(None, date(2011, 6, 2)) == "2 juni 2011"


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Västerås", "Västerås"), ("Borås", "Borås"), ("Luleå", "Luleås"), ("Sala", "Salas"), ("Grums", "Grums"),
     ("Lax", "Lax"), ("Sainte-Maxz", "Sainte-Maxz"), ("Falun", "Faluns"), ("", "")],
)  # fmt: skip
def test_genitive(name, expected):
    assert formatting.genitive(name) == expected


def test_file_sizes():
    assert (formatting.file_size(2_500_000), formatting.file_size(2_000), formatting.file_size(10)) == (
        "2,4 MB",
        "2 kB",
        "1 kB",
    )


def test_template_filters_use_the_same_functions():
    template = Template(
        "{% load kompass %}{{ a|decimal }}|{{ a|decimal:2 }}|{{ n|number }}|{{ f|percent }}|"
        '{{ d|sv_date }}|{{ d|sv_date:"month" }}|{{ name|genitive }}|{{ missing|decimal }}'
    )
    context = {"a": Decimal("426.5"), "n": 156789, "f": Fraction(1, 2), "d": date(2012, 12, 1), "name": "Luleå"}
    assert template.render(Context({**context, "missing": None})) == (
        "426,5|426,50|156\u00a0789|50\u00a0%|1 december 2012|december 2012|Luleås|"
    )
