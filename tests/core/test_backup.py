"""Backup and restore (docs/backup.md): a backup restores completely — every row, every uploaded file,
a working search — into an empty database; anything wrong with the file or the target changes nothing."""

from __future__ import annotations

import json
import zipfile
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kompass.core.backup import BackupError, _sign, backup, restore
from kompass.evaluations.models import QuestionnaireDocument
from kompass.search.services import SearchFilters, search
from tests.evaluations.world import build_world

pytestmark = pytest.mark.django_db


def everything() -> dict[str, str]:
    """Every row of every model that a backup carries, serialised in primary-key order."""
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in ("contenttypes", "sessions") or label == "auth.permission":
            continue
        rows[label] = serializers.serialize(
            "json", model._default_manager.order_by("pk"), use_natural_foreign_keys=True
        )
    return rows


def empty_database() -> None:
    """As a new machine after `kompass migrate`. Inside the test's transaction PostgreSQL must first run the
    pending foreign-key checks, or it refuses to TRUNCATE; afterwards they are deferred again, as usual."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def full(settings, tmp_path):
    """What `kompass setup` makes (criteria, municipalities, published results, the imported seed report,
    the demo with scores, texts and action plan) plus a questionnaire upload, with media in a temp dir."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    call_command("setup", stdout=StringIO())
    world = build_world()
    return world


def test_a_backup_restores_every_row_file_and_the_search(full, settings, tmp_path):
    before = everything()
    hits = search("kontaktcenter").total
    county_hits = search("kontaktcenter", filters=SearchFilters(county="19")).total
    stored = QuestionnaireDocument.objects.get(evaluation=full.evaluation).file.name
    upload = (Path(settings.MEDIA_ROOT) / stored).read_bytes()
    uploads = QuestionnaireDocument.objects.count()
    assert hits > 0 and sum(json.loads(rows).__len__() for rows in before.values()) > 1000

    summary = backup(tmp_path / "kompass.zip")
    assert (summary.files, summary.missing_files) == (uploads, [])

    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-machine"
    assert search("kontaktcenter").total == 0

    restored = restore(tmp_path / "kompass.zip")
    assert restored.rows == summary.rows
    after = everything()
    for label in before:  # one model at a time, so a failure names it
        if after[label] != before[label]:
            old, new = json.loads(before[label]), json.loads(after[label])
            diffs = [(o, n) for o, n in zip(old, new, strict=False) if o != n][:1]
            pytest.fail(f"{label}: {len(old)} → {len(new)} rows; first difference {diffs}")
    assert (Path(settings.MEDIA_ROOT) / stored).read_bytes() == upload
    assert search("kontaktcenter").total == hits
    # the filters work too (SQLite: FTS5 facets refilled; PostgreSQL: the generated column)
    assert search("kontaktcenter", filters=SearchFilters(county="19")).total == county_hits


def test_a_restore_never_writes_over_existing_data(full, tmp_path):
    backup(tmp_path / "kompass.zip")
    with pytest.raises(BackupError, match="Databasen innehåller redan data"):
        restore(tmp_path / "kompass.zip")


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a backup with `change(name, bytes) -> bytes | None` applied to each member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            data = change(name, old.read(name))
            if data is not None:
                new.writestr(name, data)
    return target


def manifest_change(edit):
    """A change to the manifest by someone who holds the key (re-signed), to reach the checks behind the
    signature; tests/core/test_backup_trust.py changes it without the key."""
    changed = {}

    def change(name: str, data: bytes) -> bytes:
        if name == "manifest.sig":
            return _sign(changed["manifest"], settings.KOMPASS_BACKUP_KEY.encode()).encode()
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        changed["manifest"] = json.dumps(manifest).encode()
        return changed["manifest"]

    return change


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("not a zip", "inte en zip-fil"),
        ("no manifest", "saknar manifest.json eller data.jsonl"),
        ("other format", "format som den här versionen inte känner"),
        ("other migrations", "annan version av kompass"),
        ("changed file", "kontrollsumman stämmer inte"),
        ("escaping name", "otillåtet filnamn"),
        ("wrong counts", "stämmer inte med säkerhetskopian"),
    ],
)
def test_a_damaged_backup_changes_nothing(full, settings, tmp_path, damage, message):
    good = tmp_path / "kompass.zip"
    backup(good)
    stored = QuestionnaireDocument.objects.get(evaluation=full.evaluation).file.name
    bad = tmp_path / "bad.zip"
    if damage == "not a zip":
        bad.write_bytes(b"%PDF-1.4 not a backup")
    elif damage == "no manifest":
        rewrite(good, bad, lambda name, data: None if name == "manifest.json" else data)
    elif damage == "other format":
        rewrite(good, bad, manifest_change(lambda m: m.update(format=99)))
    elif damage == "other migrations":
        rewrite(good, bad, manifest_change(lambda m: m["migrations"]["evaluations"].pop()))
    elif damage == "changed file":
        rewrite(good, bad, lambda name, data: b"tampered" if name == f"media/{stored}" else data)
    elif damage == "escaping name":
        rewrite(good, bad, manifest_change(lambda m: m["files"].update({"../../etc/passwd": "0" * 64})))
    elif damage == "wrong counts":
        rewrite(good, bad, manifest_change(lambda m: m["counts"].update({"evaluations.evaluation": 1})))
    empty_database()
    settings.MEDIA_ROOT = tmp_path / "new-machine"
    with pytest.raises(BackupError, match=message):
        restore(bad)
    assert [label for label, rows in everything().items() if json.loads(rows)] == []
    assert not any(p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*"))


def test_the_commands_speak_swedish(full, tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path / "k.zip"), stdout=out)
    files = QuestionnaireDocument.objects.count()
    assert "Säkerhetskopia skriven:" in out.getvalue() and f"{files} filer" in out.getvalue()
    (tmp_path / "trasig.zip").write_text("inte en zip")
    with pytest.raises(CommandError, match=r"Ingenting återställdes: .*\(inte en zip-fil\)"):
        call_command("restore", str(tmp_path / "trasig.zip"))
    with pytest.raises(CommandError, match="Ingenting återställdes: .*finns inte"):
        call_command("restore", str(tmp_path / "saknas.zip"))


def test_an_unmigrated_database_is_not_backed_up(full, tmp_path, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    pending = SimpleNamespace(app_label="evaluations", name="0099_future")
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(pending, False)])
    with pytest.raises(BackupError, match="kör `kompass migrate` först"):
        backup(tmp_path / "k.zip")
    assert not (tmp_path / "k.zip").exists()
