"""End to end: `kompass worker` as a real process (Celery worker + beat, Redis as broker) runs a job and
delivers a reminder e-mail to a real SMTP server — which is down at first, so the worker retries it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.jobs.test_mail import Inbox, free_port

BROKER = os.environ.get("KOMPASS_TEST_BROKER", "redis://127.0.0.1:6379/5")
KOMPASS = str(Path(sys.executable).with_name("kompass"))

SEED = """
from datetime import timedelta
from django.utils import timezone
from kompass.actionplans.services import add_action, create_plan
from kompass.criteria.models import Area, CriteriaVersion
from kompass.criteria.services import load_shipped_criteria
from kompass.evaluations.enums import FindingKind, Status
from kompass.assessment.models import Finding
from kompass.evaluations.services import create_evaluation
from kompass.jobs.services import enqueue, start_job
from kompass.jobs.tasks import send_action_reminders
from kompass.municipalities.models import Municipality
from kompass.municipalities.services import load_reference_data
from kompass.reports.tasks import published_reports_zip

load_reference_data()
load_shipped_criteria()
version = CriteriaVersion.objects.get(code="kk2020")
evaluation = create_evaluation(
    Municipality.objects.get(code="1980"), version=version, year=2022, status=Status.PUBLISHED
)
area = Area.objects.get(version=version, number=1)
point = Finding.objects.create(
    evaluation=evaluation, area=area, kind=FindingKind.IMPROVEMENT, position=1, text="Ta fram en dialogplan."
)
add_action(
    create_plan(evaluation), finding_id=point.pk, description="Anta en plan för medborgardialog",
    due=timezone.localdate() - timedelta(days=3), owner_email="asa@vasteras.se",
)
enqueue(send_action_reminders)
print(start_job(published_reports_zip, "html", title="Alla publicerade rapporter").pk)
"""


def _require_redis() -> None:
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis på {BROKER} går inte att nå: {exc}")
        pytest.skip(f"Redis på {BROKER} går inte att nå: {exc}")


def _wait_for(check, *, seconds: float, what: str, log: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.3)
    pytest.fail(f"{what} inom {seconds} s. Arbetarens logg:\n{log.read_text()[-4000:]}")


def test_the_worker_process_runs_a_job_and_retries_an_email_until_the_server_is_up(tmp_path):
    _require_redis()
    port = free_port()
    database = tmp_path / "kompass.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "KOMPASS_DATA_DIR": str(tmp_path / "var"),
        "KOMPASS_BROKER_URL": BROKER,
        "KOMPASS_CACHE_URL": "",
        "KOMPASS_CACHE_PREFIX": f"worker-test-{os.getpid()}-{time.time_ns()}",
        "KOMPASS_EMAIL_HOST": "127.0.0.1",
        "KOMPASS_EMAIL_PORT": str(port),
        "KOMPASS_EMAIL_USE_TLS": "false",
        "KOMPASS_EMAIL_RETRY_SECONDS": "1",
        "KOMPASS_FROM_EMAIL": "kompass@skr.se",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([KOMPASS, "migrate", "-v0"], env=env, check=True, timeout=120)
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [KOMPASS, "worker", "--concurrency=1", "--loglevel=INFO"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    try:
        seeded = subprocess.run(
            [KOMPASS, "shell", "-c", SEED], env=env, check=True, timeout=120, capture_output=True, text=True
        )
        job_id = int(seeded.stdout.strip().splitlines()[-1])

        def job_row() -> tuple | None:
            with sqlite3.connect(database) as db:
                row = db.execute("SELECT status, done, total, result FROM jobs_job WHERE id = ?", [job_id]).fetchone()
            return row if row and row[0] == "done" else None

        assert _wait_for(job_row, seconds=90, what="Jobbet blev inte klart", log=log) == (
            "done",
            1,
            1,
            '{"written": 1, "failed": [], "format": "html"}',
        )
        assert (tmp_path / "var" / "jobs" / f"jobb-{job_id}.zip").is_file()
        _wait_for(lambda: "nytt försök om 1 s" in log.read_text(), seconds=60, what="Inget nytt försök", log=log)
        assert inbox.messages == []  # the SMTP server is still down
        controller.start()
        [message] = _wait_for(lambda: inbox.messages, seconds=60, what="E-posten kom inte fram", log=log)
        assert (message["Subject"].strip(), message["To"]) == (
            "Påminnelse om handlingsplanen: 1 försenad",
            "asa@vasteras.se",
        )
        assert "• Anta en plan för medborgardialog" in message.get_content()
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        if controller.loop.is_running():
            controller.stop()
        _forget_keys(env["KOMPASS_CACHE_PREFIX"])


def _forget_keys(prefix: str) -> None:
    """The broker's keys of this run (queues, unacknowledged messages): one prefix, removed afterwards."""
    import redis

    client = redis.Redis.from_url(BROKER)
    keys = list(client.scan_iter(match=f"{prefix}*"))
    if keys:
        client.delete(*keys)
