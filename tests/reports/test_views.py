"""The report page, downloads and Kortfakta form: who may see what (404 for everyone else)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from kompass.accounts.enums import Role
from kompass.evaluations.enums import Status
from kompass.municipalities.models import Municipality
from kompass.reports.models import KeyFacts
from kompass.reports.renderers import xlsx
from tests.factories import make_evaluation, make_user


@pytest.fixture
def people(db, kk2020):
    lead = make_user()
    evaluation = make_evaluation("1980", status=Status.WRITING, team=[lead])
    return {
        "evaluation": evaluation,
        "team": lead,
        "contact": make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="1980")),
        "outsider": make_user(),
        "other_contact": make_user(role=Role.CONTACT, municipality=Municipality.objects.get(code="0180")),
    }


@pytest.mark.parametrize(
    ("who", "status"), [("team", 200), ("contact", 200), ("outsider", 404), ("other_contact", 404), (None, 404)]
)
def test_unpublished_report_page_and_download_only_for_team_and_municipality(client, people, who, status):
    if who:
        client.force_login(people[who])
    key = people["evaluation"].key

    page = client.get(reverse("reports:report", args=[key]))
    download = client.get(reverse("reports:download", args=[key, "xlsx"]))

    assert (page.status_code, download.status_code) == (status, status)
    if status == 200:
        assert download["Content-Type"] == xlsx.CONTENT_TYPE
        assert download["Content-Disposition"] == f'attachment; filename="kommunkompassen-{key}.xlsx"'
        assert "Västerås i förhållande till Kommunkompassen" in page.content.decode()


def test_published_report_is_public_with_download_links(client, people):
    evaluation = people["evaluation"]
    evaluation.status = Status.PUBLISHED
    evaluation.save()

    page = client.get(reverse("reports:report", args=[evaluation.key])).content.decode()

    for fmt in ("pdf", "docx", "xlsx", "html"):
        assert reverse("reports:download", args=[evaluation.key, fmt]) in page
    assert reverse("reports:key_facts", args=[evaluation.key]) not in page
    assert client.get(reverse("reports:download", args=[evaluation.key, "html"])).status_code == 200


def test_unknown_format_is_404(client, people):
    client.force_login(people["team"])
    assert client.get(reverse("reports:download", args=[people["evaluation"].key, "odt"])).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("team", 200), ("contact", 404), ("outsider", 404), (None, 404)])
def test_kortfakta_form_is_for_the_team_only(client, people, who, status):
    if who:
        client.force_login(people[who])
    assert client.get(reverse("reports:key_facts", args=[people["evaluation"].key])).status_code == status


def test_team_saves_kortfakta_and_bad_input_changes_nothing(client, people):
    client.force_login(people["team"])
    url = reverse("reports:key_facts", args=[people["evaluation"].key])

    bad = client.post(url, {"population": "många", "political_majority": "S"})
    assert bad.status_code == 200 and "Fyll i ett heltal." in bad.content.decode()
    assert not KeyFacts.objects.exists()

    good = client.post(url, {"population": "156789", "political_majority": "M, L, KD och C"})
    assert good.status_code == 302
    facts = KeyFacts.objects.get(evaluation=people["evaluation"])
    assert (facts.population, facts.political_majority, facts.updated_by) == (156789, "M, L, KD och C", people["team"])
    page = client.get(reverse("reports:report", args=[people["evaluation"].key])).content.decode()
    assert "156\u00a0789" in page


def test_a_failing_render_shows_a_swedish_message(client, people, monkeypatch):
    def broken(report):
        raise RuntimeError("typsnittet saknas")

    monkeypatch.setattr(xlsx, "render", broken)
    cache.clear()  # a file rendered by an earlier test would be served from the cache
    client.force_login(people["team"])

    response = client.get(reverse("reports:download", args=[people["evaluation"].key, "xlsx"]))

    assert response.status_code == 500
    assert "Rapporten i formatet Excel (poängtabell) kunde inte skapas: typsnittet saknas" in response.content.decode()


def test_report_page_queries_do_not_grow_with_findings(client, people, django_assert_max_num_queries):
    from kompass.assessment.models import Finding
    from kompass.evaluations.enums import FindingKind

    client.force_login(people["team"])
    evaluation = people["evaluation"]
    area = evaluation.version.areas.get(number=1)
    url = reverse("reports:report", args=[evaluation.key])
    client.get(url)
    Finding.objects.bulk_create(
        Finding(evaluation=evaluation, area=area, kind=FindingKind.STRENGTH, position=i, text=f"Styrka {i}")
        for i in range(40)
    )
    with django_assert_max_num_queries(40):
        page = client.get(url)
    assert "Styrka 39" in page.content.decode()
