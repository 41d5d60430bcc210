"""`kompass serve` as a real process: gunicorn with two workers on its own database (PostgreSQL and Redis
when the test run uses them, SQLite otherwise), production settings, a login over HTTP, the health check,
a page, a static file and an oversized request refused before its body is sent."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "ett-långt-lösenord-för-testet"
MAX_UPLOAD = 100_000  # so the request limit is 100 kB + 1 MB
SERVER_PID: list[int] = []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_admin_url() -> str | None:
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running `kompass serve`; its process id is in `SERVER_PID`."""
    data = tmp_path_factory.mktemp("serve")
    pg = postgres_admin_url()
    name = f"kompass_serve_{os.getpid()}"
    if pg:
        import psycopg

        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        database = f"{pg}/{name}"
    else:
        database = f"sqlite:///{data / 'kompass.sqlite3'}"
    cache = settings.CACHES["default"]
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOMPASS_", "DATABASE_URL", "DJANGO_ALLOW"))}
    env.update(
        DATABASE_URL=database,
        KOMPASS_DEBUG="false",
        KOMPASS_SECRET_KEY="test-" + "x" * 60,
        KOMPASS_ALLOWED_HOSTS="127.0.0.1",
        KOMPASS_HTTPS="false",  # no TLS proxy in front of the test server
        KOMPASS_REQUIRE_2FA="false",  # the second factor has its own tests (tests/accounts); here: the server
        KOMPASS_DATA_DIR=str(data),
        KOMPASS_MAX_UPLOAD_BYTES=str(MAX_UPLOAD),
        KOMPASS_CACHE_URL=cache["LOCATION"] if cache["BACKEND"].endswith("RedisCache") else "",
        KOMPASS_CACHE_PREFIX=f"serve-test-{os.getpid()}",
        DJANGO_SUPERUSER_USERNAME="drift",
        DJANGO_SUPERUSER_EMAIL="drift@example.se",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    kompass = [sys.executable, "-c", "from kompass.cli import main; main()"]
    for command in (["migrate", "--verbosity", "0"], ["createsuperuser", "--noinput"]):
        subprocess.run([*kompass, *command], env=env, cwd=ROOT, check=True, capture_output=True, timeout=300)
    log = (data / "serve.log").open("w")
    process = subprocess.Popen(
        [*kompass, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/halsa/", timeout=5)
                break
            except (urllib.error.URLError, ConnectionError):
                assert process.poll() is None, (data / "serve.log").read_text()
                assert time.monotonic() < deadline, "kompass serve svarade inte"
                time.sleep(0.3)
        SERVER_PID.append(process.pid)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        log.close()
        if pg:
            import psycopg

            with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_gunicorn_runs_two_workers_and_serves_a_page_and_a_static_file(server: str):
    page = urllib.request.urlopen(f"{server}/utvarderingar/", timeout=30)
    assert (page.status, page.headers["Server"]) == (200, "gunicorn")
    assert "<title>Publicerade utvärderingar – kompass</title>" in page.read().decode()
    css = urllib.request.urlopen(f"{server}/static/kompass/kompass.css", timeout=30)
    assert css.status == 200 and b".htmx-indicator" in css.read()
    workers = subprocess.run(["pgrep", "-P", str(SERVER_PID[-1])], capture_output=True, text=True).stdout.split()
    assert len(workers) == 2


def test_an_administrator_logs_in_over_http_and_reads_the_health_details(server: str):
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = browser.open(f"{server}/konto/logga-in/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None
    fields = {"csrfmiddlewaretoken": token.group(1), "username": "drift", "password": PASSWORD, "next": "/arbete/"}
    work = browser.open(f"{server}/konto/logga-in/", urllib.parse.urlencode(fields).encode(), timeout=30)
    assert (work.status, urllib.parse.urlsplit(work.url).path) == (200, "/arbete/")
    assert "no-store" in work.headers["Cache-Control"]
    health = json.loads(browser.open(f"{server}/halsa/", timeout=30).read())
    cache = "ok" if settings.CACHES["default"]["BACKEND"].endswith("RedisCache") else "lokal"
    assert health == {"status": "ok", "database": "ok", "cache": cache, "worker": "okänd"}
    anonymous = json.loads(urllib.request.urlopen(f"{server}/halsa/", timeout=30).read())
    assert anonymous == {"status": "ok"}


def raw_request(server: str, head: str, body: bytes) -> str:
    host, port = urllib.parse.urlsplit(server).netloc.split(":")
    with socket.create_connection((host, int(port)), timeout=30) as conn:
        conn.sendall(head.encode() + body)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
            if b"\r\n\r\n" in answer and b"</html>" in answer:
                break
    return answer.decode(errors="replace")


def test_a_200_mb_upload_is_refused_before_its_body_is_sent(server: str):
    head = (
        "POST /konto/logga-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {200 * 1024 * 1024}\r\nConnection: close\r\n\r\n"
    )
    answer = raw_request(server, head, b"--x\r\n" + b"a" * 1000)  # the other 200 MB are never sent
    assert answer.startswith("HTTP/1.1 413 ")
    assert "Anropet är för stort. Det största som tas emot är 1 MB." in answer


def test_a_chunked_body_over_the_limit_is_refused(server: str):
    head = (
        "POST /konto/logga-in/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    )
    chunk = b"x" * 65536
    body = (f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n") * 20 + b"0\r\n\r\n"  # 1.3 MB
    assert raw_request(server, head, body).startswith("HTTP/1.1 413 ")
