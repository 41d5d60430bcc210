"""Backup and restore ("backups restore completely"; docs/backup.md).

A backup is one zip file: `data.jsonl` — every row of the database in Django's serialisation with natural
keys for content types, so it moves between SQLite and PostgreSQL —, `media/…` — every uploaded file a
row refers to —, and `manifest.json` — the format, the applied migrations, the number of rows per model
and a SHA-256 per file. It is read in one transaction (a consistent snapshot) and written atomically.

The manifest carries a SHA-256 of `data.jsonl` and of every file, and is itself signed (HMAC-SHA256 with
KOMPASS_BACKUP_KEY, in `manifest.sig`): a backup edited by anyone without the key is refused.

A restore goes into a migrated, empty database of the same kompass version: it checks the signature and
the whole file first, loads every row in one transaction, checks the counts against the manifest, and only
then puts the files in place. Any failure leaves the database and the media folder as they were.

Every temporary copy (the rows, the files on their way) lives in a private folder (0700) inside
KOMPASS_DATA_DIR, removed when the run ends — also on SIGTERM; a run killed outright (SIGKILL) leaves it
behind, and the next backup or restore removes it."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
from django.utils.translation import gettext as _

FORMAT = 2  # 2: data.jsonl's checksum in the manifest, the manifest signed in manifest.sig
# Not data: rebuilt by `migrate` (content types, permissions) or throwaway (sessions).
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
MANIFEST, SIGNATURE, DATA, MEDIA = "manifest.json", "manifest.sig", "data.jsonl", "media/"
WORKSPACE = ".backup-work"  # inside KOMPASS_DATA_DIR


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is Swedish and says why. Nothing changed."""


@dataclass
class BackupSummary:
    rows: int
    files: int
    missing_files: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- backup


def backup(path: Path) -> BackupSummary:
    """Write a signed backup of the database and the uploaded files to `path` (mode 0600, replaced only
    once complete). Side effects: the file; a private working folder while it runs."""
    path = Path(path)
    key = _key()
    _check_migrated()
    with _workspace() as work:
        rows, partial = work / DATA, work / "backup.zip"
        outermost = not connection.in_atomic_block
        with transaction.atomic(), zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            if connection.vendor == "postgresql" and outermost:  # one snapshot for every table read below
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            with rows.open("w", encoding="utf-8") as text:
                call_command(
                    "dumpdata", format="exactjson", exclude=EXCLUDED, natural_foreign=True, stdout=text, verbosity=0
                )
            with rows.open("rb") as source, archive.open(DATA, "w", force_zip64=True) as target:
                data_digest = _sha256(source, copy_to=target)
            rows.unlink()
            files, missing = _write_media(archive)
            counts = _counts()
            manifest = {
                "format": FORMAT,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": _applied_migrations(),
                "counts": counts,
                "data": data_digest,
                "files": files,
                "missing_files": missing,
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            archive.writestr(MANIFEST, manifest_bytes)
            archive.writestr(SIGNATURE, _sign(manifest_bytes, key))
        os.chmod(partial, 0o600)  # password hashes and interview notes: for the operator only
        _move(partial, path)
    return BackupSummary(rows=sum(counts.values()), files=len(files), missing_files=missing)


def _key() -> bytes:
    key = getattr(settings, "KOMPASS_BACKUP_KEY", "")
    if not key:
        raise BackupError(
            _(
                "KOMPASS_BACKUP_KEY saknas: utan nyckel kan en säkerhetskopia varken signeras eller kontrolleras. "
                "Sätt samma hemliga nyckel på maskinen som gör kopian och den som återställer den."
            )
        )
    return str(key).encode()


def _sign(manifest: bytes, key: bytes) -> str:
    return "hmac-sha256:" + hmac.new(key, manifest, hashlib.sha256).hexdigest()


def _check_migrated() -> None:
    """A backup records the schema it was taken from: it must be this version's, fully migrated."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in pending[:3])
        raise BackupError(_("Databasen är inte migrerad (%(names)s…): kör `kompass migrate` först.") % {"names": names})


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
    """Restore a backup into this (migrated, empty) database and media folder. All or nothing: a backup
    whose signature, checksums, schema or counts do not match is refused. Side effects: every row and file
    of the backup; a private working folder while it runs."""
    key = _key()
    try:
        archive = zipfile.ZipFile(Path(path))
    except FileNotFoundError:
        raise BackupError(_("Filen %(path)s finns inte.") % {"path": path}) from None
    except (zipfile.BadZipFile, OSError):
        raise BackupError(
            _("%(path)s är ingen säkerhetskopia från kompass (inte en zip-fil).") % {"path": path}
        ) from None
    with archive, _workspace() as work:
        manifest = _read_manifest(archive, key)
        _check_compatible(manifest)
        _check_empty()
        _check_files(archive, manifest)
        root = Path(settings.MEDIA_ROOT)
        root.mkdir(parents=True, exist_ok=True)
        data, staging = work / DATA, work / "media"
        staging.mkdir(mode=0o700)
        with archive.open(DATA) as source, data.open("wb") as target:
            if _sha256(source, copy_to=target) != manifest["data"]:
                raise BackupError(
                    _("%(name)s i säkerhetskopian är skadad (kontrollsumman stämmer inte).") % {"name": DATA}
                )
        _extract_media(archive, manifest, staging)
        with transaction.atomic():
            call_command("loaddata", str(data), verbosity=0)
            _check_counts(manifest)
            _rebuild_search()
        _move_into_place(staging, root)
    return BackupSummary(
        rows=sum(manifest["counts"].values()), files=len(manifest["files"]), missing_files=manifest["missing_files"]
    )


def _read_manifest(archive: zipfile.ZipFile, key: bytes) -> dict[str, Any]:
    """The manifest, once its signature proves it was written with this key and not changed since."""
    names = set(archive.namelist())
    if MANIFEST not in names or DATA not in names:
        raise BackupError(
            _("Säkerhetskopian saknar %(MANIFEST)s eller %(DATA)s.") % {"MANIFEST": MANIFEST, "DATA": DATA}
        )
    if SIGNATURE not in names:
        raise BackupError(
            _(
                "Säkerhetskopian saknar signatur (%(name)s): den kommer från en äldre version av kompass "
                "eller har ändrats. Inget återställdes."
            )
            % {"name": SIGNATURE}
        )
    try:
        manifest_bytes, signature = archive.read(MANIFEST), archive.read(SIGNATURE).decode("ascii", "replace")
    except zipfile.BadZipFile:
        raise BackupError("manifest.json i säkerhetskopian går inte att läsa.") from None
    if not hmac.compare_digest(signature.strip(), _sign(manifest_bytes, key)):
        raise BackupError(
            _(
                "Säkerhetskopians signatur stämmer inte: filen har ändrats efter att den skrevs, eller "
                "KOMPASS_BACKUP_KEY är inte samma som när den skrevs. Inget återställdes."
            )
        )
    try:
        manifest = json.loads(manifest_bytes)
    except ValueError:
        raise BackupError("manifest.json i säkerhetskopian går inte att läsa.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(
            _("Säkerhetskopian har ett format som den här versionen inte känner (väntade %(FORMAT)s).")
            % {"FORMAT": FORMAT}
        )
    for name, kind in (
        ("migrations", dict),
        ("counts", dict),
        ("data", str),
        ("files", dict),
        ("missing_files", list),
    ):
        if not isinstance(manifest.get(name), kind):
            raise BackupError(_("manifest.json saknar %(name)s.") % {"name": name})
    return manifest


def _check_compatible(manifest: dict[str, Any]) -> None:
    """The backup's schema must be this database's: same migrations applied, app by app."""
    here = _applied_migrations()
    theirs = manifest["migrations"]
    differing = sorted(app for app in set(here) | set(theirs) if here.get(app) != theirs.get(app))
    if differing:
        raise BackupError(
            _(
                "Säkerhetskopian kommer från en annan version av kompass (migreringarna skiljer "
                "sig för %(value)s). Återställ med den version som gjorde kopian, eller kör "
                "`kompass migrate` så att versionerna stämmer."
            )
            % {"value": ", ".join(differing)}
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
            raise BackupError(_("Säkerhetskopian innehåller ett otillåtet filnamn: %(name)s.") % {"name": repr(name)})
        try:
            with archive.open(MEDIA + name) as handle:
                found = _sha256(handle)
        except (KeyError, zipfile.BadZipFile):
            raise BackupError(_("Filen %(name)s saknas i säkerhetskopian eller är skadad.") % {"name": name}) from None
        if found != digest:
            raise BackupError(
                _("Filen %(name)s i säkerhetskopian är skadad (kontrollsumman stämmer inte).") % {"name": name}
            )


def _safe_media_name(name: str) -> bool:
    """A relative path below the media folder: no absolute paths, no `..`, no backslashes."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "\\" not in name


def _extract_media(archive: zipfile.ZipFile, manifest: dict[str, Any], staging: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    for name in manifest["files"]:
        if (root / name).exists():
            raise BackupError(_("Filen %(name)s finns redan i mediamappen: inget skrivs över.") % {"name": name})
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
        _move(source, target)


def _move(source: Path, target: Path) -> None:
    """Rename `source` to `target` atomically; across file systems, copy to a hidden file beside the target
    first and rename that."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            shutil.copy2(source, partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        source.unlink()


# ---------------------------------------------------------------- the private working folder


@contextmanager
def _workspace() -> Iterator[Path]:
    """A private folder (0700) for this run's temporary copies inside KOMPASS_DATA_DIR/.backup-work,
    removed when the run ends, also when it ends by SIGTERM. A run holds a lock (`<folder>.lock`, taken
    before the folder exists); folders whose lock nobody holds were left by a run killed outright and
    are removed first."""
    root = Path(settings.DATA_DIR) / WORKSPACE
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    remove_leftovers()
    name = f"{os.getpid()}-{secrets.token_hex(6)}"
    lock_path, work = root / f"{name}.lock", root / name
    lock = lock_path.open("w")
    fcntl.flock(lock, fcntl.LOCK_EX)  # blocking: another run's check of this lock lasts an instant
    previous = _on_sigterm(_terminated)
    try:
        work.mkdir(mode=0o700)
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)
        lock_path.unlink(missing_ok=True)
        lock.close()
        _on_sigterm(previous)


def remove_leftovers() -> list[Path]:
    """Remove working folders of runs that no longer hold their lock (killed), and staging folders that
    earlier versions left in the media folder. Returns what was removed."""
    removed = []
    root = Path(settings.DATA_DIR) / WORKSPACE
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.suffix == ".lock" or _held(folder.with_name(folder.name + ".lock")):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        folder.with_name(folder.name + ".lock").unlink(missing_ok=True)
        removed.append(folder)
    media = Path(settings.MEDIA_ROOT)
    for folder in sorted(media.glob(".restore-*")) if media.is_dir() else []:
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _held(lock_path: Path) -> bool:
    try:
        with lock_path.open("r") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except FileNotFoundError:
        return False
    except OSError:  # held by a running backup or restore
        return True
    return False


def _terminated(signum: int, frame: Any) -> None:
    """SIGTERM during a backup or restore: end it as an error, so every `finally` cleans up and the
    restore's transaction rolls back."""
    raise SystemExit(128 + signum)


def _on_sigterm(handler: Any) -> Any:
    """Install `handler` for SIGTERM and return the previous one. Only the main thread may; elsewhere
    (None) the process keeps what it does."""
    if handler is None:
        return None
    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:
        return None
    return signal.SIG_DFL if previous is None else previous


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
