import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kompass.accounts.enums import Role
from kompass.evaluations.models import Evaluation
from kompass.importer.models import PendingImport
from tests.factories import make_user
from tests.importer import samples


def _upload(client, text: str = samples.KK2020_FALUN, name: str = "falun.txt"):
    return client.post("/import/", {"report": SimpleUploadedFile(name, text.encode("utf-8"), "text/plain")})


@pytest.fixture
def admin(db):
    return make_user(role=Role.ADMINISTRATOR)


def test_administrator_uploads_sees_the_dry_run_and_confirms(client, admin):
    client.force_login(admin)
    response = _upload(client)
    pending = PendingImport.objects.get()
    assert response.status_code == 302 and response.url == f"/import/{pending.pk}/"
    preview = client.get(response.url).content.decode()
    assert "Ny publicerad utvärdering" in preview
    assert "Område 5 finns inte i texten" in preview
    assert Evaluation.objects.count() == 0
    response = client.post(f"/import/{pending.pk}/bekrafta/", {"report": "förfalskad text ignoreras"})
    assert response.status_code == 302 and response.url == "/utvarderingar/2080-2021/"
    assert Evaluation.objects.get().key == "2080-2021"
    assert PendingImport.objects.count() == 0


def test_upload_of_a_bad_file_shows_the_message_and_keeps_nothing(client, admin):
    client.force_login(admin)
    response = _upload(client, text="", name="tom.txt")
    assert response.status_code == 200
    assert "tom.txt: filen är tom." in response.content.decode()
    assert PendingImport.objects.count() == 0


def test_a_report_that_cannot_be_imported_is_explained_on_the_preview(client, admin):
    client.force_login(admin)
    response = _upload(client, text=samples.UNKNOWN_MUNICIPALITY, name="gronkoping.txt")
    page = client.get(response.url).content.decode()
    assert "finns inte i kommunregistret" in page and "Inget har sparats." in page


def test_hostile_text_in_the_report_is_escaped(client, admin):
    client.force_login(admin)
    hostile = samples.KK2020_FALUN.replace("Ett aktivt näringslivsråd", "<script>alert(1)</script> råd")
    response = _upload(client, text=hostile, name="<i>falun.txt")
    page = client.get(response.url).content.decode()
    assert "<i>falun" not in page and "&lt;i&gt;falun.txt" in page


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.CONTACT])
def test_other_users_get_404_on_every_import_page(client, admin, role):
    client.force_login(admin)
    pending_url = _upload(client).url
    client.force_login(make_user(role=role))
    assert client.get("/import/").status_code == 404
    assert _upload(client).status_code == 404
    assert client.get(pending_url).status_code == 404
    assert client.post(pending_url + "bekrafta/").status_code == 404
    assert Evaluation.objects.count() == 0


def test_anonymous_visitors_get_404(client, db):
    assert client.get("/import/").status_code == 404


def test_another_administrator_cannot_see_or_confirm_my_upload(client, admin):
    client.force_login(admin)
    pending_url = _upload(client).url
    client.force_login(make_user(role=Role.ADMINISTRATOR))
    assert client.get(pending_url).status_code == 404
    assert client.post(pending_url + "bekrafta/").status_code == 404
