import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kompass.accounts.enums import Role
from kompass.evaluations.models import Evaluation
from kompass.importer.models import Correction, ReportUpload
from tests.factories import make_user
from tests.importer import samples
from tests.importer.layouts import REPORTS


def _file(text: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/plain")


def _upload(client, *files):
    files = files or ((samples.KK2020_FALUN, "falun.txt"),)
    return client.post("/import/", {"reports": [_file(text, name) for text, name in files]})


def _conflicting_sundbyberg() -> str:
    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8")
    return text.replace("Politisk styrning och kontroll 70\n", "Politisk styrning och kontroll 76\n")


@pytest.fixture
def admin(db):
    return make_user(role=Role.ADMINISTRATOR)


def test_administrator_uploads_several_reviews_and_confirms(client, admin):
    client.force_login(admin)
    response = _upload(client, (samples.KK2020_FALUN, "falun.txt"), ("", "tom.txt"))
    uploads = list(ReportUpload.objects.order_by("source_name"))
    assert response.status_code == 302 and response.url == f"/import/ko/{uploads[0].batch}/"
    assert [(u.source_name, u.status, u.progress) for u in uploads] == [
        ("falun.txt", "review", 100),
        ("tom.txt", "failed", 100),
    ]
    batch = client.get(response.url).content.decode()
    assert "Att granska" in batch and "tom.txt: filen är tom." in batch
    assert 'hx-trigger="every 1s"' not in batch  # nothing left to read: no more polling
    review = client.get(f"/import/{uploads[0].pk}/").content.decode()
    assert "Område 3 Styrning och kontroll" in review and "sammanfattningstabellen" not in review
    assert "områdesavsnittet, sida 3, rad 34: ”Område 3 Styrning och kontroll … 73 (63)”" in review
    assert Evaluation.objects.count() == 0
    response = client.post(f"/import/{uploads[0].pk}/bekrafta/")
    assert response.status_code == 302 and response.url == "/utvarderingar/2080-2021/"
    assert ReportUpload.objects.get(pk=uploads[0].pk).status == "imported"


def test_a_conflicting_score_must_be_corrected_before_the_import_and_the_correction_is_recorded(client, admin):
    client.force_login(admin)
    _upload(client, (_conflicting_sundbyberg(), "sundbyberg.txt"))
    upload = ReportUpload.objects.get()
    review = client.get(f"/import/{upload.pk}/").content.decode()
    assert "Område 3: poängen skiljer sig mellan 70 i områdesavsnittet" in review
    response = client.post(f"/import/{upload.pk}/bekrafta/", follow=True)
    assert "Rätta eller bekräfta först: Område 3" in response.content.decode()
    assert Evaluation.objects.count() == 0
    response = client.post(f"/import/{upload.pk}/ratta/", {"field": "areas.3.score", "value": "76"})
    assert response.status_code == 302
    correction = Correction.objects.get()
    assert (correction.field, correction.before, correction.after, correction.corrected_by) == (
        "areas.3.score",
        "70",
        "76",
        admin,
    )
    assert "poängöversikten: Politisk styrning och kontroll 76" in correction.source
    client.post(f"/import/{upload.pk}/bekrafta/")
    evaluation = Evaluation.objects.get(key="0183-2010")
    assert {s.area.number: s.points for s in evaluation.area_scores.select_related("area")}[3] == 76
    assert (evaluation.printed_total, evaluation.computed_total) == (488, 494)


@pytest.mark.parametrize(
    ("value", "message"), [("abc", "”abc” är inget tal."), ("101", "Ange ett tal mellan 0 och 100")]
)
def test_a_bad_correction_is_refused_and_changes_nothing(client, admin, value, message):
    client.force_login(admin)
    _upload(client, (_conflicting_sundbyberg(), "sundbyberg.txt"))
    upload = ReportUpload.objects.get()
    before = upload.extracted
    response = client.post(f"/import/{upload.pk}/ratta/", {"field": "areas.3.score", "value": value}, follow=True)
    assert message in response.content.decode()
    assert ReportUpload.objects.get().extracted == before and Correction.objects.count() == 0


def test_upload_without_files_shows_a_message_and_keeps_nothing(client, admin):
    client.force_login(admin)
    response = client.post("/import/", {})
    assert response.status_code == 200 and "Välj minst en fil." in response.content.decode()
    assert ReportUpload.objects.count() == 0


def test_a_report_that_cannot_be_imported_is_explained(client, admin):
    client.force_login(admin)
    _upload(client, (samples.UNKNOWN_MUNICIPALITY, "gronkoping.txt"))
    upload = ReportUpload.objects.get()
    page = client.get(f"/import/{upload.pk}/").content.decode()
    assert "finns inte i kommunregistret" in page and "Inget har sparats." in page


def test_hostile_text_in_the_report_is_escaped(client, admin):
    client.force_login(admin)
    hostile = samples.KK2020_FALUN.replace("Ett aktivt näringslivsråd", "<script>alert(1)</script> råd")
    _upload(client, (hostile, "<i>falun.txt"))
    upload = ReportUpload.objects.get()
    page = client.get(f"/import/{upload.pk}/").content.decode()
    assert "<i>falun" not in page and "&lt;i&gt;falun.txt" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; råd" in page


@pytest.mark.parametrize("role", [Role.EVALUATOR, Role.CONTACT])
def test_other_users_get_404_on_every_import_page(client, admin, role):
    client.force_login(admin)
    _upload(client)
    upload = ReportUpload.objects.get()
    client.force_login(make_user(role=role))
    assert client.get("/import/").status_code == 404
    assert _upload(client).status_code == 404
    assert client.get(f"/import/ko/{upload.batch}/").status_code == 404
    assert client.get(f"/import/ko/{upload.batch}/status/").status_code == 404
    assert client.get(f"/import/{upload.pk}/").status_code == 404
    assert client.post(f"/import/{upload.pk}/ratta/", {"field": "total", "value": "1"}).status_code == 404
    assert client.post(f"/import/{upload.pk}/bekrafta/").status_code == 404
    assert Evaluation.objects.count() == 0 and ReportUpload.objects.count() == 1


def test_anonymous_visitors_get_404(client, db):
    assert client.get("/import/").status_code == 404


def test_a_conflicting_total_is_corrected_beside_its_sources(client, admin):
    client.force_login(admin)
    text = (REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8").replace("Totalt 488", "Totalt 498")
    _upload(client, (text, "sundbyberg.txt"))
    upload = ReportUpload.objects.get()
    review = client.get(f"/import/{upload.pk}/").content.decode()
    assert "Totalpoängen skiljer sig mellan 488 i löptext" in review and "498 i tabell" in review
    client.post(f"/import/{upload.pk}/ratta/", {"field": "total", "value": "488"})
    assert Correction.objects.get().source == "löptext: 488 av 800 möjliga poäng; tabell: Totalt 498"
    client.post(f"/import/{upload.pk}/bekrafta/")
    assert Evaluation.objects.get(key="0183-2010").printed_total == 488


def test_a_page_ocr_could_not_read_is_checked_against_the_original_before_the_import(client, admin):
    client.force_login(admin)
    _upload(client, ((REPORTS / "kk2010-sundbyberg-2010.txt").read_text(encoding="utf-8"), "sundbyberg.txt"))
    upload = ReportUpload.objects.get()
    upload.unreadable_pages = [2]
    upload.extracted["conflicts"] = ["Sida 2 gick inte att läsa säkert med OCR (säkerhet 31 %); jämför med originalet."]
    upload.save()
    response = client.post(f"/import/{upload.pk}/bekrafta/", follow=True)
    assert "Rätta eller bekräfta först: Sida 2 gick inte att läsa säkert" in response.content.decode()
    page = client.get(f"/import/{upload.pk}/").content.decode()
    assert "Sida 2 är kontrollerad mot originalet" in page
    client.post(f"/import/{upload.pk}/ratta/", {"field": "pages.2", "value": ""})
    assert Correction.objects.get().after == "kontrollerad mot originalet"
    client.post(f"/import/{upload.pk}/bekrafta/")
    assert Evaluation.objects.filter(key="0183-2010").exists()


def test_confirming_an_upload_that_is_still_being_read_is_refused_with_a_message(client, django_user_model):
    from kompass.accounts.enums import Role
    from kompass.importer.models import ReportUpload

    admin = django_user_model.objects.create_user("granskare", password="x", role=Role.ADMINISTRATOR)
    upload = ReportUpload.objects.create(uploaded_by=admin, source_name="rapport.txt", data=b"text")
    client.force_login(admin)
    response = client.post(f"/import/{upload.pk}/bekrafta/", follow=True)
    assert response.status_code == 200
    assert "Rapporten är inte klar för import." in response.content.decode()
    upload.refresh_from_db()
    assert upload.status == "queued"
