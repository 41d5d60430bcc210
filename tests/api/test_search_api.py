import pytest

from kompass.assessment.models import AreaText
from kompass.criteria.models import Area
from kompass.evaluations.enums import Status
from tests.factories import make_evaluation

pytestmark = pytest.mark.django_db


def _with_text(code: str, status: str, text: str):
    evaluation = make_evaluation(code, version="kk2010", year=2014, status=status)
    area = Area.objects.get(version=evaluation.version, number=2)
    AreaText.objects.create(evaluation=evaluation, area=area, general_text=text)
    return evaluation


def test_api_search_finds_published_text_by_its_stem_with_an_escaped_excerpt(client):
    _with_text("1980", Status.PUBLISHED, "Kommunen driver medborgardialogen <b>aktivt</b> i alla nämnder.")
    data = client.get("/api/search", {"q": "medborgardialog", "area": "kk2010:2"}).json()
    assert (data["total"], data["total_is_capped"]) == (1, False)
    hit = data["results"][0]
    assert (hit["evaluation"], hit["area"]["number"], hit["version"]) == ("1980-2014", 2, "kk2010")
    assert "<mark>medborgardialogen</mark>" in hit["excerpt_html"]
    assert "&lt;b&gt;aktivt&lt;/b&gt;" in hit["excerpt_html"]


def test_api_search_never_returns_unpublished_text(client):
    _with_text("0114", Status.WRITING, "Hemlig medborgardialog i arbete.")
    assert client.get("/api/search", {"q": "medborgardialog"}).json()["total"] == 0


def test_api_search_area_of_an_unknown_version_is_not_found(client):
    response = client.get("/api/search", {"q": "dialog", "area": "kk1999:2"})
    assert response.status_code == 404


def test_api_search_area_filter_leaves_out_other_areas(client):
    _with_text("1980", Status.PUBLISHED, "Medborgardialog i område två.")
    assert client.get("/api/search", {"q": "medborgardialog", "area": "kk2010:3"}).json()["total"] == 0


@pytest.mark.parametrize("query", ['"; DROP TABLE x; --', "NEAR(a b)", "a* OR b", "\\\\ ' \"", "💥" * 50])
def test_api_search_hostile_queries_never_fail(client, query):
    _with_text("1980", Status.PUBLISHED, "Dialog med invånarna.")
    response = client.get("/api/search", {"q": query})
    assert response.status_code == 200
    assert response.json()["total"] == 0
