"""Jobs: long work in the worker that a person follows at /jobb/<id>/ (the worker runs in-process here)."""

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client

from kompass.accounts.enums import Role
from kompass.core.health import WORKER_HEARTBEAT_KEY
from kompass.evaluations.enums import Status
from kompass.jobs.enums import JobStatus
from kompass.jobs.models import Job
from kompass.jobs.services import enqueue, job_task, progress, start_job
from kompass.jobs.tasks import heartbeat
from tests.factories import make_evaluation, make_user

pytestmark = pytest.mark.django_db


@job_task("tests.failing")
def failing(job: Job) -> dict:
    progress(job, done=1, total=3)
    raise RuntimeError("boom")


@job_task("tests.counting")
def counting(job: Job, upto: int) -> dict:
    for n in range(1, upto + 1):
        progress(job, done=n, total=upto)
    return {"counted": upto}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_renders_every_published_report_into_a_zip_and_follows_the_job(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DATA_DIR = tmp_path
    make_evaluation("1980", year=2021, status=Status.PUBLISHED)
    make_evaluation("0180", year=2022, status=Status.PUBLISHED)
    make_evaluation("0180", year=2024, status=Status.SCORING)  # not published: not in the zip
    admin = make_user(role=Role.ADMINISTRATOR)
    client = _client(admin)
    form = client.get("/jobb/rapporter/").content.decode()
    assert "var och en av de 2 publicerade utvärderingarna" in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/jobb/rapporter/", {"fmt": "html"})
    job = Job.objects.get()
    assert response["Location"] == f"/jobb/{job.pk}/"
    assert (job.status, job.done, job.total, job.started_by, job.result["written"]) == (
        JobStatus.DONE,
        2,
        2,
        admin,
        2,
    )
    page = client.get(f"/jobb/{job.pk}/").content.decode()
    assert "Alla publicerade rapporter (Webbsida (HTML))" in page
    assert "2 av 2 klara" in page
    assert "2 rapporter i formatet Webbsida (HTML)." in page
    assert 'hx-trigger="every 2s"' not in page  # finished: the page stops polling
    download = client.get(f"/jobb/{job.pk}/fil/")
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert sorted(names) == ["kommunkompassen-0180-2022.html", "kommunkompassen-1980-2021.html"]
    assert list(tmp_path.joinpath("jobs").iterdir()) == [tmp_path / "jobs" / f"jobb-{job.pk}.zip"]
    assert os.stat(tmp_path / "jobs").st_mode & 0o777 == 0o700


def test_a_queued_job_polls_for_its_progress(db):
    owner = make_user()
    job = Job.objects.create(kind="tests.counting", title="Räkna", started_by=owner, total=4, done=1)
    status = _client(owner).get(f"/jobb/{job.pk}/status/").content.decode()
    assert f'hx-get="/jobb/{job.pk}/status/" hx-trigger="every 2s"' in status
    assert "I kö</strong> – 1 av 4 klara" in status
    assert 'value="25"' in status


def test_only_the_owner_and_administrators_follow_a_job(db):
    owner, colleague = make_user(), make_user()
    job = Job.objects.create(kind="tests.counting", title="Räkna", started_by=owner)
    assert _client(owner).get(f"/jobb/{job.pk}/").status_code == 200
    assert _client(make_user(role=Role.ADMINISTRATOR)).get(f"/jobb/{job.pk}/").status_code == 200
    assert _client(colleague).get(f"/jobb/{job.pk}/").status_code == 404
    assert _client(colleague).get(f"/jobb/{job.pk}/status/").status_code == 404
    assert Client().get(f"/jobb/{job.pk}/")["Location"] == f"/konto/logga-in/?next=/jobb/{job.pk}/"
    assert _client(colleague).get("/jobb/rapporter/").status_code == 404


def test_a_job_runs_only_after_the_transaction_that_started_it_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job(counting, 3, title="Räkna", by=make_user())
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    callbacks[0]()
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.result) == (JobStatus.DONE, 3, 3, {"counted": 3})
    assert job.finished_at >= job.started_at


def test_a_failing_job_says_so_in_swedish_and_keeps_its_progress(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_job(failing, title="Går sönder")
    job.refresh_from_db()
    assert (job.status, job.done, job.total) == (JobStatus.FAILED, 1, 3)
    assert job.message == "Jobbet misslyckades av ett tekniskt fel. Försök igen eller kontakta förvaltningen."


def test_enqueue_runs_a_plain_task_and_the_heartbeat_writes_the_time(django_capture_on_commit_callbacks):
    cache.delete(WORKER_HEARTBEAT_KEY)
    before = time.time()
    with django_capture_on_commit_callbacks(execute=True):
        enqueue(heartbeat)
    assert before <= cache.get(WORKER_HEARTBEAT_KEY) <= time.time()  # seconds since the epoch, as /halsa/ reads


def test_the_nightly_backup_keeps_the_configured_number_of_days(settings, tmp_path):
    from kompass.core.backup import backup_with_rotation

    settings.DATA_DIR = tmp_path / "data"
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "kompass-2020-01-01-021500.zip"
    recent = folder / "kompass-2026-01-01-021500.zip"
    other = folder / "notes.txt"
    for path in (old, recent, other):
        path.write_text("x")
    os.utime(old, (time.time() - 15 * 86400,) * 2)
    os.utime(recent, (time.time() - 13 * 86400,) * 2)
    made = backup_with_rotation(folder, keep_days=14)
    assert sorted(p.name for p in folder.iterdir()) == sorted([made.name, recent.name, other.name])
    assert zipfile.ZipFile(made).namelist()[-2:] == ["manifest.json", "manifest.sig"]
    assert (Path(made).stat().st_size > 1000, folder.stat().st_mode & 0o777) == (True, 0o700)


@pytest.mark.browser
def test_the_job_pages_are_accessible_and_the_page_follows_the_job(live_server, browser_page, reference_data):
    from tests.browser import assert_accessible, login_as

    admin = make_user(role=Role.ADMINISTRATOR)
    job = Job.objects.create(kind="tests.counting", title="Räkna till fyra", started_by=admin, total=4, done=1)
    login_as(browser_page, live_server, admin)
    browser_page.goto(f"{live_server.url}/jobb/{job.pk}/")
    assert browser_page.get_by_role("status").inner_text().startswith("I kö – 1 av 4 klara")
    assert_accessible(browser_page)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, done=4, message="Fyra av fyra.")
    browser_page.get_by_text("Fyra av fyra.").wait_for()  # htmx polled the new status in
    assert browser_page.get_by_role("status").inner_text().startswith("Klart – 4 av 4 klara")
    browser_page.goto(f"{live_server.url}/jobb/rapporter/")
    assert_accessible(browser_page)
