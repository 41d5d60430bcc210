"""Backups you can trust: a signed manifest covers every file, edits without the key are refused, and no
temporary copy of the data outlives a run — not even one killed with SIGTERM or SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from kompass.accounts.models import User
from kompass.core.backup import WORKSPACE, BackupError, _sign, backup, restore
from kompass.evaluations.models import QuestionnaireDocument
from tests.core.test_backup import empty_database, everything, rewrite
from tests.evaluations.world import build_world
from tests.factories import make_user

pytestmark = pytest.mark.django_db
KOMPASS = str(Path(sys.executable).with_name("kompass"))


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    w = build_world()
    w.kim = make_user(username="kim", first_name="Kim")
    return w


def _nothing_restored(settings, tmp_path) -> None:
    assert [label for label, rows in everything().items() if json.loads(rows)] == []
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))
    assert list((tmp_path / "data" / WORKSPACE).iterdir()) == []


def _kim_made_superuser(name: str, data: bytes) -> bytes:
    if name != "data.jsonl":
        return data
    lines = []
    for line in data.decode().splitlines():
        row = json.loads(line)
        if row["model"] == "accounts.user" and row["fields"]["username"] == "kim":
            row["fields"].update(is_superuser=True, is_staff=True, role="administrator")
        lines.append(json.dumps(row, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


def test_kim_made_superuser_in_the_data_is_refused_and_nothing_changes(world, settings, tmp_path):
    good = tmp_path / "kompass.zip"
    backup(good)
    edited = rewrite(good, tmp_path / "edited.zip", _kim_made_superuser)
    assert b'"is_superuser": true' in zipfile.ZipFile(edited).read("data.jsonl")
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-machine"
    with pytest.raises(BackupError, match=r"data\.jsonl i säkerhetskopian är skadad \(kontrollsumman stämmer inte\)"):
        restore(edited)
    _nothing_restored(settings, tmp_path)


def test_a_manifest_changed_to_match_the_edit_fails_the_signature(world, settings, tmp_path):
    good = tmp_path / "kompass.zip"
    backup(good)
    import hashlib

    data = _kim_made_superuser("data.jsonl", zipfile.ZipFile(good).read("data.jsonl"))

    def forge(name: str, content: bytes) -> bytes:
        if name == "data.jsonl":
            return data
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["data"] = hashlib.sha256(data).hexdigest()
            return json.dumps(manifest).encode()
        return content

    forged = rewrite(good, tmp_path / "forged.zip", forge)
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-machine"
    with pytest.raises(BackupError, match="Säkerhetskopians signatur stämmer inte: filen har ändrats"):
        restore(forged)
    _nothing_restored(settings, tmp_path)
    assert not User.objects.filter(is_superuser=True).exists()


def test_another_key_or_no_signature_is_refused(world, settings, tmp_path):
    good = tmp_path / "kompass.zip"
    backup(good)
    unsigned = rewrite(good, tmp_path / "unsigned.zip", lambda name, data: None if name == "manifest.sig" else data)
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-machine"
    with pytest.raises(BackupError, match="Säkerhetskopian saknar signatur"):
        restore(unsigned)
    settings.KOMPASS_BACKUP_KEY = "en-annan-nyckel"
    with pytest.raises(BackupError, match="KOMPASS_BACKUP_KEY är inte samma som när den skrevs"):
        restore(good)
    _nothing_restored(settings, tmp_path)


def test_without_a_key_there_is_no_backup_and_no_restore(world, settings, tmp_path):
    good = tmp_path / "kompass.zip"
    backup(good)
    settings.KOMPASS_BACKUP_KEY = ""
    with pytest.raises(BackupError, match="KOMPASS_BACKUP_KEY saknas"):
        backup(tmp_path / "utan-nyckel.zip")
    assert not (tmp_path / "utan-nyckel.zip").exists()
    with pytest.raises(BackupError, match="KOMPASS_BACKUP_KEY saknas"):
        restore(good)


def test_production_has_no_default_key(monkeypatch):
    monkeypatch.setenv("KOMPASS_DEBUG", "false")
    monkeypatch.setenv("KOMPASS_SECRET_KEY", "a-production-key-" + "x" * 50)  # production refuses to start without
    monkeypatch.setenv("KOMPASS_ALLOWED_HOSTS", "kompass.example.se")
    monkeypatch.delenv("KOMPASS_BACKUP_KEY", raising=False)
    out = subprocess.run(
        [sys.executable, "-c", "from kompass import settings; print(repr(settings.KOMPASS_BACKUP_KEY))"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kompass.settings"},
    )
    assert out.stdout.strip() == "''"


def test_the_backup_is_private_and_its_signature_covers_every_file(world, tmp_path):
    path = tmp_path / "kompass.zip"
    backup(path)
    assert path.stat().st_mode & 0o777 == 0o600
    archive = zipfile.ZipFile(path)
    manifest_bytes = archive.read("manifest.json")
    manifest = json.loads(manifest_bytes)
    stored = QuestionnaireDocument.objects.get().file.name
    assert sorted(archive.namelist()) == sorted(["data.jsonl", f"media/{stored}", "manifest.json", "manifest.sig"])
    assert list(manifest["files"]) == [stored]
    assert len(manifest["data"]) == 64
    assert archive.read("manifest.sig").decode() == _sign(manifest_bytes, django_settings.KOMPASS_BACKUP_KEY.encode())
    workspace = tmp_path / "data" / WORKSPACE
    assert (workspace.stat().st_mode & 0o777, list(workspace.iterdir())) == (0o700, [])


def test_a_leftover_of_a_killed_run_is_removed_at_the_next_start(world, settings, tmp_path):
    workspace = tmp_path / "data" / WORKSPACE
    workspace.mkdir(parents=True)
    (workspace / "4242-deadbeef").mkdir()
    (workspace / "4242-deadbeef" / "data.jsonl").write_text('{"model": "accounts.user"}\n')
    (workspace / "4242-deadbeef.lock").write_text("")
    old_staging = Path(settings.MEDIA_ROOT) / ".restore-abc123"
    old_staging.mkdir(parents=True)
    (old_staging / "policy.pdf").write_bytes(b"%PDF")
    backup(tmp_path / "kompass.zip")
    assert list(workspace.iterdir()) == []
    assert not old_staging.exists()


# ---------------------------------------------------------------- a restore killed mid-way (subprocess)


@pytest.fixture
def big_backup(world, settings, tmp_path):
    """A backup whose upload is 64 MB of random bytes, so a restore takes long enough to be stopped."""
    stored = Path(settings.MEDIA_ROOT) / QuestionnaireDocument.objects.get().file.name
    with stored.open("wb") as handle:
        for _ in range(64):
            handle.write(os.urandom(1 << 20))
    path = tmp_path / "big.zip"
    backup(path)
    return path


def _restore_until_midway(big_backup: Path, tmp_path: Path) -> tuple[subprocess.Popen, dict, Path]:
    """Start `kompass restore` into a new migrated SQLite database; return once it is extracting the files."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}",
        "KOMPASS_DATA_DIR": str(tmp_path / "new-data"),
        "KOMPASS_MEDIA_ROOT": str(tmp_path / "new-media"),
        "KOMPASS_CACHE_URL": "",
        "KOMPASS_BROKER_URL": "",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run([KOMPASS, "migrate", "-v0"], env=env, check=True, timeout=120)
    process = subprocess.Popen(
        [KOMPASS, "restore", str(big_backup)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    workspace = tmp_path / "new-data" / WORKSPACE
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.is_file() for p in workspace.glob("*/media/**/*")):
            return process, env, workspace
        time.sleep(0.005)
    process.kill()
    pytest.fail(f"Återställningen nådde aldrig filerna: {process.communicate()}")


def _users_in(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "new.sqlite3") as db:
        return db.execute("SELECT count(*) FROM accounts_user").fetchone()[0]


def test_a_restore_stopped_with_sigterm_leaves_no_copy_behind(big_backup, tmp_path):
    process, _env, workspace = _restore_until_midway(big_backup, tmp_path)
    assert any(p.name == "data.jsonl" for p in workspace.rglob("*"))  # the copy of every row exists now
    process.send_signal(signal.SIGTERM)
    process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM
    assert list(workspace.iterdir()) == []
    assert [p for p in (tmp_path / "new-media").rglob("*") if p.is_file()] == []
    assert _users_in(tmp_path) == 0


def test_a_restore_killed_outright_is_cleaned_by_the_next_run(big_backup, tmp_path):
    process, env, workspace = _restore_until_midway(big_backup, tmp_path)
    process.kill()
    process.communicate(timeout=60)
    assert any(p.name == "data.jsonl" for p in workspace.rglob("*"))  # SIGKILL: nothing could clean up
    subprocess.run([KOMPASS, "backup", str(tmp_path / "next.zip")], env=env, check=True, timeout=120)
    assert list(workspace.iterdir()) == []
    assert _users_in(tmp_path) == 0
