"""Backup and restore (PRODUCT.md §11: "backups restore completely"; docs/backup.md).

A backup is one zip file: `data.jsonl` — every row of the database in Django's serialisation with natural
keys for content types, so it moves between SQLite and PostgreSQL —, `media/…` — every uploaded file a
row refers to —, and `manifest.json` — the format, the applied migrations, the number of rows per model
and a SHA-256 per file. It is read in one transaction (a consistent snapshot) and written atomically.

A restore goes into a migrated, empty database of the same kompass version: it checks the whole file
first, loads every row in one transaction, checks the counts against the manifest, and only then puts the
files in place. Any failure leaves the database and the media folder as they were."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from io import TextIOWrapper
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from django.utils import timezone

FORMAT = 1
# Not data: rebuilt by `migrate` (content types, permissions) or throwaway (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
MANIFEST, DATA, MEDIA = "manifest.json", "data.jsonl", "media/"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Swedish and says why. Nothing changed."""


@dataclass
class BackupSummary:
    rows: int
    files: int
    missing_files: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- backup


def backup(path: Path) -> BackupSummary:
    """Write a backup of the database and the uploaded files to `path` (replaced only once complete)."""
    path = Path(path)
    _check_migrated()
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic(), zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            if connection.vendor == "postgresql" and outermost:  # one snapshot for every table read below
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with archive.open(DATA, "w", force_zip64=True) as raw, TextIOWrapper(raw, encoding="utf-8") as text:
                call_command(
                    "dumpdata", format="exactjson", exclude=EXCLUDED, natural_foreign=True, stdout=text, verbosity=0
                )
            files, missing = _write_media(archive)
            counts = _counts()
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": _applied_migrations(),
                "counts": counts,
                "files": files,
                "missing_files": missing,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return BackupSummary(rows=sum(counts.values()), files=len(files), missing_files=missing)


def _check_migrated() -> None:
    """A backup records the schema it was taken from: it must be this version's, fully migrated."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in pending[:3])
        raise BackupError(f"Databasen är inte migrerad ({names}…): kör `kompass migrate` först.")


def _file_fields() -> list[tuple[Any, str]]:
    return [
        (model, f.name) for model in apps.get_models() for f in model._meta.get_fields() if isinstance(f, FileField)
    ]


def _write_media(archive: zipfile.ZipFile) -> tuple[dict[str, str], list[str]]:
    """Every file a row refers to, under media/, with its SHA-256; and the names of those not found."""
    root = Path(settings.MEDIA_ROOT)
    files: dict[str, str] = {}
    missing: list[str] = []
    for model, name in _file_fields():
        for stored in model._default_manager.exclude(**{name: ""}).values_list(name, flat=True).iterator():
            source = root / stored
            if not source.is_file():
                missing.append(stored)
                continue
            with source.open("rb") as handle, archive.open(MEDIA + stored, "w", force_zip64=True) as target:
                files[stored] = _sha256(handle, copy_to=target)
    return files, sorted(missing)


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _counts() -> dict[str, int]:
    """Rows per model that a backup carries (all but EXCLUDED)."""
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED
        and model._meta.label_lower not in EXCLUDED
        and not model._meta.proxy
        and model._meta.managed
    }


def _sha256(source: IO[bytes], copy_to: IO[bytes] | None = None) -> str:
    """The SHA-256 of a file read in chunks, copying it to `copy_to` on the way."""
    digest = hashlib.sha256()
    for chunk in iter(lambda: source.read(1 << 20), b""):
        digest.update(chunk)
        if copy_to is not None:
            copy_to.write(chunk)
    return digest.hexdigest()


# ---------------------------------------------------------------- restore


def restore(path: Path) -> BackupSummary:
    """Restore a backup into this (migrated, empty) database and media folder. All or nothing."""
    try:
        archive = zipfile.ZipFile(Path(path))
    except FileNotFoundError:
        raise BackupError(f"Filen {path} finns inte.") from None
    except (zipfile.BadZipFile, OSError):
        raise BackupError(f"{path} är ingen säkerhetskopia från kompass (inte en zip-fil).") from None
    with archive:
        manifest = _read_manifest(archive)
        _check_compatible(manifest)
        _check_empty()
        _check_files(archive, manifest)
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
        try:
            with tempfile.TemporaryDirectory() as scratch:
                data = Path(scratch) / DATA
                with archive.open(DATA) as source, data.open("wb") as target:
                    shutil.copyfileobj(source, target)
                _extract_media(archive, manifest, staging)
                with transaction.atomic():
                    call_command("loaddata", str(data), verbosity=0)
                    _check_counts(manifest)
                    _rebuild_search()
            _move_into_place(staging, root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return BackupSummary(
        rows=sum(manifest["counts"].values()), files=len(manifest["files"]), missing_files=manifest["missing_files"]
    )


def _read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    names = set(archive.namelist())
    if MANIFEST not in names or DATA not in names:
        raise BackupError(f"Säkerhetskopian saknar {MANIFEST} eller {DATA}.")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile):
        raise BackupError("manifest.json i säkerhetskopian går inte att läsa.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Säkerhetskopian har ett format som den här versionen inte känner (väntade {FORMAT}).")
    for key, kind in (("migrations", dict), ("counts", dict), ("files", dict), ("missing_files", list)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"manifest.json saknar {key}.")
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> None:
    """The backup's schema must be this database's: same migrations applied, app by app."""
    here = _applied_migrations()
    theirs = manifest["migrations"]
    differing = sorted(app for app in set(here) | set(theirs) if here.get(app) != theirs.get(app))
    if differing:
        raise BackupError(
            "Säkerhetskopian kommer från en annan version av kompass (migreringarna skiljer sig för "
            f"{', '.join(differing)}). Återställ med den version som gjorde kopian, eller kör "
            "`kompass migrate` så att versionerna stämmer."
        )


def _check_empty() -> None:
    occupied = [label for label, count in _counts().items() if count]
    if occupied:
        raise BackupError(
            "Databasen innehåller redan data ("
            + ", ".join(occupied[:5])
            + ("…" if len(occupied) > 5 else "")
            + "). Återställ till en tom, migrerad databas: inget skrivs över."
        )


def _check_files(archive: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    for name, digest in manifest["files"].items():
        if not _safe_media_name(name):
            raise BackupError(f"Säkerhetskopian innehåller ett otillåtet filnamn: {name!r}.")
        try:
            with archive.open(MEDIA + name) as handle:
                found = _sha256(handle)
        except (KeyError, zipfile.BadZipFile):
            raise BackupError(f"Filen {name} saknas i säkerhetskopian eller är skadad.") from None
        if found != digest:
            raise BackupError(f"Filen {name} i säkerhetskopian är skadad (kontrollsumman stämmer inte).")


def _safe_media_name(name: str) -> bool:
    """A relative path below the media folder: no absolute paths, no `..`, no backslashes."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "\\" not in name


def _extract_media(archive: zipfile.ZipFile, manifest: dict[str, Any], staging: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name in manifest["files"]:
        if (root / name).exists():
            raise BackupError(f"Filen {name} finns redan i mediamappen: inget skrivs över.")
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(MEDIA + name) as source, target.open("wb") as handle:
            shutil.copyfileobj(source, handle)


def _check_counts(manifest: dict[str, Any]) -> None:
    here = _counts()
    wrong = [
        f"{label}: {count} i kopian, {here.get(label)} inlästa"
        for label, count in manifest["counts"].items()
        if here.get(label) != count
    ]
    if wrong:
        raise BackupError("Återställningen stämmer inte med säkerhetskopian: " + "; ".join(wrong[:5]) + ".")


def _rebuild_search() -> None:
    from kompass.search.backends import rebuild_fulltext

    rebuild_fulltext(connection)


def _move_into_place(staging: Path, root: Path) -> None:
    for source in sorted(p for p in staging.rglob("*") if p.is_file()):
        target = root / source.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


# ---------------------------------------------------------------- nightly


def backup_with_rotation(folder: Path, *, keep_days: int) -> Path:
    """The nightly backup: `kompass-YYYY-MM-DD-HHMMSS.zip` in `folder` (made private, 0700), then every
    such file older than `keep_days` days removed. Side effects: a new file, old ones deleted."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    now = timezone.localtime()
    path = folder / f"kompass-{now:%Y-%m-%d-%H%M%S}.zip"
    backup(path)
    cutoff = now.timestamp() - keep_days * 24 * 3600
    for old in folder.glob("kompass-*.zip"):
        if old != path and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return path
