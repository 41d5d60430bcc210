from pathlib import Path

import pytest
import yaml

from kompass.criteria.fileformat import CriteriaFileError
from kompass.criteria.models import CriteriaVersion, FrozenVersionError, Question
from kompass.criteria.services import area_by_name, load_criteria_file, load_shipped_criteria
from tests.criteria.test_fileformat import _valid
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


def _write(tmp_path: Path, data: dict, name: str = "test2099.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_loading_a_file_creates_areas_sub_areas_and_questions(tmp_path):
    outcome = load_criteria_file(_write(tmp_path, _valid()))
    assert outcome.action == "created"
    assert outcome.version.areas.count() == 8
    assert Question.objects.filter(area__version=outcome.version).count() == 24


def test_loading_the_same_file_again_changes_nothing(tmp_path):
    path = _write(tmp_path, _valid())
    first = load_criteria_file(path)
    again = load_criteria_file(path)
    assert again.action == "unchanged"
    assert again.version.pk == first.version.pk


def test_a_bad_file_writes_nothing(tmp_path):
    data = _valid()
    data["areas"][7]["subareas"][0]["questions"][0]["points"] = 10
    before = CriteriaVersion.objects.count()
    with pytest.raises(CriteriaFileError):
        load_criteria_file(_write(tmp_path, data))
    assert CriteriaVersion.objects.count() == before
    assert not CriteriaVersion.objects.filter(code="test2099").exists()


def test_an_unused_version_can_be_updated(tmp_path):
    load_criteria_file(_write(tmp_path, _valid()))
    data = _valid()
    data["areas"][0]["name"] = "Nytt namn"
    outcome = load_criteria_file(_write(tmp_path, data))
    assert outcome.action == "updated"
    assert outcome.version.areas.get(number=1).name == "Nytt namn"


def test_a_version_used_by_an_evaluation_is_frozen(tmp_path):
    load_criteria_file(_write(tmp_path, _valid()))
    make_evaluation(version="test2099", year=2024)
    data = _valid()
    data["areas"][0]["subareas"][0]["questions"][0]["text"] = "Ändrad fråga?"
    with pytest.raises(FrozenVersionError, match="används av en eller flera utvärderingar"):
        load_criteria_file(_write(tmp_path, data))
    assert Question.objects.get(area__version__code="test2099", code="1.1.1").text == "Fråga ett?"


def test_a_frozen_versions_question_cannot_be_saved_directly(kk2020):
    make_evaluation(version="kk2020")
    question = Question.objects.filter(area__version=kk2020).first()
    question.max_points = 1
    with pytest.raises(FrozenVersionError, match="kk2020"):
        question.save()


def test_shipped_criteria_load_idempotently():
    outcomes = load_shipped_criteria()
    assert {o.version.code for o in outcomes} == {"kk2002", "kk2010", "kk2016", "kk2020"}
    assert all(o.action == "unchanged" for o in outcomes)


def test_area_is_found_by_alias(kk2010):
    assert area_by_name(kk2010, "Kommunen som arbetsgivare personalpolitik").number == 6
    assert area_by_name(kk2010, "kommun som samhällsbyggare").number == 8
    assert area_by_name(kk2010, "Något annat") is None
