import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kompass.accounts.models import User
from kompass.core.demo import DEMO_PASSWORD, ensure_demo_evaluation
from kompass.evaluations.models import Evaluation, QuestionScore

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def set_up(published_results):
    """What `setup` makes, without the apps' demo extensions (those are tested in their apps)."""
    ensure_demo_evaluation()


def test_setup_loads_everything_and_is_idempotent(db):
    first = run("setup")
    assert "21 län, 290 kommuner" in first
    count = Evaluation.objects.count()
    again = run("setup")
    assert "Demoutvärdering 9999-2025 (Exempelkommun): fanns redan." in again
    assert "0 nya, 28 uppdaterade" in again
    assert Evaluation.objects.count() == count
    assert Evaluation.objects.filter(municipality__is_demo=False).count() == 28


def test_demo_evaluation_has_every_question_scored(set_up):
    demo = Evaluation.objects.get(key="9999-2025")
    assert (
        QuestionScore.objects.filter(evaluation=demo).count()
        == demo.version.areas.model.objects.filter(version=demo.version).values("questions").count()
    )
    assert demo.computed_total is not None and demo.municipality.is_demo
    assert User.objects.get(username="eva").check_password(DEMO_PASSWORD)


def test_scores_of_vasteras_show_area_8_as_missing(set_up):
    out = run("scores", "1980-2012")
    assert "1 Offentlighet och demokrati" in out
    line8 = next(line for line in out.splitlines() if line.startswith("8 Kommunen som samhällsbyggare"))
    assert "saknas" in line8
    assert "område 8 saknas" in out


def test_scores_json_has_the_average_and_its_n(set_up):
    data = json.loads(run("scores", "2282-2011", "--json"))
    assert (data["printed_total"], data["computed_total"], data["total_difference"]) == (359.0, 363.0, -4.0)
    assert data["areas"][0]["points"] == 51.0 and data["areas"][0]["average_n"] >= 1


def test_scores_of_the_demo_show_sub_areas(set_up):
    out = run("scores", "9999-2025")
    assert "    1.1 " in out


def test_scores_for_an_unknown_key_is_a_clear_error(set_up):
    with pytest.raises(CommandError, match="ingen utvärdering med beteckningen ”1980-1999”"):
        run("scores", "1980-1999")


def test_create_evaluation_refuses_an_unknown_municipality(set_up):
    with pytest.raises(CommandError, match="Okänd kommunkod ”8888”"):
        run("create_evaluation", "8888", "2026", "--criteria", "kk2020")


def test_create_evaluation_gives_a_second_one_in_a_year_a_suffix(set_up):
    run("create_evaluation", "1980", "2026", "--criteria", "kk2020")
    assert "1980-2026-2" in run("create_evaluation", "1980", "2026", "--criteria", "kk2020")


def test_import_scores_and_export(set_up, tmp_path):
    run("create_evaluation", "1980", "2026", "--criteria", "kk2020")
    path = tmp_path / "p.csv"
    path.write_text("question,points,rationale\n1.1.1,2,Finns\n", encoding="utf-8")
    assert "1 poäng inlästa" in run("import_scores", "1980-2026", str(path))
    data = json.loads(run("export_evaluation", "1980-2026"))
    assert data["areas"][0]["subareas"][0]["questions"][0] == {
        "id": "1.1.1",
        "points": 2.0,
        "max_points": data["areas"][0]["subareas"][0]["questions"][0]["max_points"],
        "rationale": "Finns",
    }
    assert data["areas"][0]["points"] == 2.0


def test_criteria_lists_versions_and_areas(set_up):
    out = run("criteria")
    assert "kk2010" in out and "8. Kommunen som samhällsbyggare" in out
