import copy
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from kompass.criteria.fileformat import CriteriaFileError, parse_mapping_file, parse_version, parse_version_file
from kompass.criteria.services import MAPPINGS_FILE, shipped_version_files


def _valid() -> dict:
    """A small valid version: eight areas, each with one sub-area of three questions (40 + 30 + 30)."""
    return {
        "code": "test2099",
        "name": "Testversion",
        "used_from": 2099,
        "areas": [
            {
                "number": n,
                "name": f"Område {n}",
                "subareas": [
                    {
                        "number": 1,
                        "name": "Delområde",
                        "questions": [
                            {"id": f"{n}.1.1", "text": "Fråga ett?", "points": 40},
                            {"id": f"{n}.1.2", "text": "Fråga två?", "points": 30},
                            {"id": f"{n}.1.3", "text": "Fråga tre?", "points": 30},
                        ],
                    }
                ],
            }
            for n in range(1, 9)
        ],
    }


def test_a_valid_version_parses_with_exact_area_points():
    spec = parse_version(_valid(), source="test.yaml")
    assert [a.points for a in spec.areas] == [Decimal(100)] * 8


@pytest.mark.parametrize("path", shipped_version_files(), ids=lambda p: p.name)
def test_every_shipped_criteria_file_is_valid(path: Path):
    spec = parse_version_file(path)
    assert len(spec.areas) == 8
    if spec.code != "kk2002":
        assert all(a.points == 100 for a in spec.areas)
        assert all(len(s.questions) >= 3 for a in spec.areas for s in a.subareas)


def test_kk2010_uses_the_seed_reports_sub_areas_for_area_2():
    spec = parse_version_file(next(p for p in shipped_version_files() if p.stem == "kk2010"))
    assert [s.name for s in spec.areas[1].subareas] == [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet",
        "Brukarundersökningar",
        "Deklarationer och synpunkts-/klagomålshantering",
    ]
    assert spec.areas[7].proposal is True


def test_kk2002_ships_areas_only():
    spec = parse_version_file(next(p for p in shipped_version_files() if p.stem == "kk2002"))
    assert [a.name for a in spec.areas][0] == "Offentlighet och demokratisk kontroll"
    assert all(not a.subareas for a in spec.areas)


def test_shipped_mappings_parse():
    mappings = parse_mapping_file(MAPPINGS_FILE)
    pairs = {(m.from_code, m.to_code) for m in mappings}
    assert ("kk2010", "kk2016") in pairs and ("kk2016", "kk2020") in pairs


def _problems(data: dict) -> list[str]:
    with pytest.raises(CriteriaFileError) as info:
        parse_version(data, source="fel.yaml")
    assert info.value.source == "fel.yaml"
    assert "fel.yaml" in str(info.value)
    return info.value.problems


def test_area_points_not_summing_to_100_are_refused_naming_the_area():
    data = _valid()
    data["areas"][2]["subareas"][0]["questions"][0]["points"] = 41
    assert _problems(data) == ["område 3: frågornas poäng summerar till 101, ska vara 100"]


def test_duplicate_question_id_is_refused_naming_the_id():
    data = _valid()
    data["areas"][0]["subareas"][0]["questions"][1]["id"] = "1.1.1"
    problems = _problems(data)
    assert "fråga 1.1.1: id:t förekommer mer än en gång" in problems


@pytest.mark.parametrize("points", [0, -5, 101, 2.25, "många", None, True])
def test_impossible_question_points_are_refused(points):
    data = _valid()
    data["areas"][0]["subareas"][0]["questions"][0]["points"] = points
    problems = _problems(data)
    assert any(p.startswith("fråga 1.1.1: ogiltig poäng") for p in problems)


def test_a_version_with_seven_areas_is_refused():
    data = _valid()
    data["areas"].pop()
    assert "versionen: ska ha exakt 8 huvudområden, har 7" in _problems(data)


def test_question_id_must_match_its_position():
    data = _valid()
    data["areas"][0]["subareas"][0]["questions"][2]["id"] = "2.1.3"
    assert "fråga 2.1.3: id ska ha formen 1.1.N" in _problems(data)


def test_malformed_yaml_names_the_file_and_line(tmp_path: Path):
    path = tmp_path / "trasig.yaml"
    path.write_text("code: x\nareas: [\n  - {number: 1\n", encoding="utf-8")
    with pytest.raises(CriteriaFileError) as info:
        parse_version_file(path)
    assert info.value.source == "trasig.yaml"
    assert "inte giltig YAML (rad" in info.value.problems[0]


def test_hostile_text_is_kept_as_text():
    data = copy.deepcopy(_valid())
    data["areas"][0]["name"] = "<script>alert(1)</script>"
    assert parse_version(data, source="x.yaml").areas[0].name == "<script>alert(1)</script>"


def test_round_trip_through_yaml_keeps_the_checksum_stable():
    data = _valid()
    again = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True))
    assert parse_version(data, source="a").checksum == parse_version(again, source="b").checksum
