"""Backups of the portal: the database (pg_dump/pg_restore on PostgreSQL, a consistent file copy on
SQLite) and the media files (case reports, frozen answer PDFs), in one tar archive whose
manifest.json says what it holds.

A backup holds every person's data, so only its owner may read it (0600). A restore checks that
the file is a backup of this portal before it touches anything, keeps a safety copy of what
it replaces, puts the media files back, and then lets the apps re-apply what must hold after
any restore (the `restored` signal: the cases app anonymises again what the retention period
has erased since the backup was taken).
"""

import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.dispatch import Signal
from django.utils import timezone

# What a file of each kind starts with, and a table that only this portal's database has.
HEADERS = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
KIND_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
PORTAL_TABLE = "core_user"
MANIFEST = "manifest.json"
FORMAT = "dyzo-backup"
FORMAT_VERSION = 1
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = "media"

restored = Signal()
"""Sent after a restore, once the database and the media are back; each receiver returns a line
(in Dutch) that the restore prints, saying what it re-applied."""


class BackupError(Exception):
    """The dump or restore failed; the message says why, in Dutch."""


def _postgres_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _postgres_args(settings_dict: dict) -> list[str]:
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", settings_dict["HOST"]]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", settings_dict["USER"]]
    return args


def _run(command: list[str], env: dict | None = None) -> str:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is niet geïnstalleerd (Debian-pakket postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} mislukte: {result.stderr.strip()}")
    return result.stdout


def default_backup_path(suffix: str = "") -> Path:
    """A new file in BACKUP_DIR named after the current time: dyzo-20260131-020000[-suffix].backup."""
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return settings.BACKUP_DIR / f"dyzo-{stamp}{suffix and '-' + suffix}.backup"


def _create_private_file(target: Path) -> None:
    """An empty file only its owner reads, before any data goes in (an existing file keeps its mode on open)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(target, 0o600)


def _media_files() -> list[tuple[Path, str]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted((path, path.relative_to(root).as_posix()) for path in root.rglob("*") if path.is_file())


def create_backup(*, target: Path, using: str = "default") -> dict:
    """Write the database and every media file to `target` (tar, readable by its owner only); its manifest."""
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Geen back-up mogelijk voor database van het type {vendor}.")
    _create_private_file(target)
    with tempfile.TemporaryDirectory() as scratch:
        database = backup_database(target=Path(scratch) / DATABASE_FILES[vendor], using=using)
        media = _media_files()
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "database": {"kind": vendor, "file": database.name, "bytes": database.stat().st_size},
            "media": {
                "folder": MEDIA,
                "files": len(media),
                "bytes": sum(path.stat().st_size for path, _name in media),
            },
        }
        with tarfile.open(target, "w:gz") as archive:  # the file exists already, so it keeps its mode 0600
            text = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(text), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(text))
            archive.add(database, arcname=database.name)
            for path, name in media:
                archive.add(path, arcname=f"{MEDIA}/{name}")
    return manifest


def describe(manifest: dict | None) -> str:
    """What a backup holds, in one Dutch sentence."""
    if manifest is None:
        return "alleen de database (een back-up van vóór de mediabestanden)"
    database, media = manifest["database"], manifest["media"]
    return (
        f"de database ({KIND_NAMES[database['kind']]}, {database['bytes']:,} bytes) en "
        f"{media['files']} mediabestand(en) ({media['bytes']:,} bytes)".replace(",", ".")
    )


def backup_database(*, target: Path, using: str = "default") -> Path:
    """Write a complete copy of the database to `target`, readable by its owner only."""
    connection = connections[using]
    _create_private_file(target)
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(target), *_postgres_args(settings_dict)],
            _postgres_env(settings_dict),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
    else:
        raise BackupError(f"Geen back-up mogelijk voor database van het type {connection.vendor}.")
    return target


def _holds_portal_table(source: Path, vendor: str) -> bool:
    if vendor == "postgresql":
        return (
            re.search(rf"^\S+ \S+ \S+ TABLE \S+ {PORTAL_TABLE}\b", _run(["pg_restore", "--list", str(source)]), re.M) is not None
        )
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as backup:
            query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
            return backup.execute(query, [PORTAL_TABLE]).fetchone() is not None
    except sqlite3.DatabaseError:
        return False


def _refuse(source: Path, vendor: str) -> BackupError:
    return BackupError(
        f"{source} is geen back-up van het Dyzo-portaal voor {KIND_NAMES[vendor]} "
        "(een bestand van `manage.py backup` op dezelfde soort database). Er is niets gewijzigd."
    )


@dataclass
class OpenedBackup:
    manifest: dict | None
    """None for a database-only backup of the first format (a bare dump or SQLite file)."""
    database: Path
    media: list[tarfile.TarInfo] = field(default_factory=list)


@contextmanager
def opened_backup(*, source: Path, using: str = "default") -> Iterator[OpenedBackup]:
    """The backup's manifest and its database file (unpacked into a private scratch folder), after
    refusing, in Dutch, a file that is not a backup of this portal for this kind of database."""
    if not source.is_file():
        raise BackupError(f"Back-upbestand {source} bestaat niet.")
    vendor = connections[using].vendor
    if vendor not in HEADERS:
        raise BackupError(f"Geen herstel mogelijk voor database van het type {vendor}.")
    if not tarfile.is_tarfile(source):
        _check_database_file(source, source, vendor)
        yield OpenedBackup(None, source)
        return
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(source) as archive:
        manifest = _manifest(archive, source, vendor)
        database = Path(scratch) / DATABASE_FILES[vendor]
        member = archive.extractfile(DATABASE_FILES[vendor])
        if member is None:
            raise _refuse(source, vendor)
        with member, database.open("wb") as unpacked:
            shutil.copyfileobj(member, unpacked)
        _check_database_file(database, source, vendor)
        media = [info for info in archive.getmembers() if info.isfile() and info.name.startswith(f"{MEDIA}/")]
        yield OpenedBackup(manifest, database, media)


def _manifest(archive: tarfile.TarFile, source: Path, vendor: str) -> dict:
    try:
        member = archive.extractfile(MANIFEST)
        manifest = json.loads(member.read()) if member else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(source, vendor)
    kind = manifest.get("database", {}).get("kind")
    if kind != vendor:
        raise BackupError(
            f"{source} is een back-up van een {KIND_NAMES.get(kind, kind)}-database; dit portaal draait op "
            f"{KIND_NAMES[vendor]}. Er is niets gewijzigd."
        )
    return manifest


def _check_database_file(database: Path, source: Path, vendor: str) -> None:
    with database.open("rb") as file:
        header = file.read(len(HEADERS[vendor]))
    if header != HEADERS[vendor] or not _holds_portal_table(database, vendor):
        raise _refuse(source, vendor)


def check_backup(*, source: Path, using: str = "default") -> dict | None:
    """Refuse, with a Dutch message, a file that is not a backup of this portal for this kind of
    database; the manifest of one that is (None for a database-only backup of the first format)."""
    with opened_backup(source=source, using=using) as backup:
        return backup.manifest


@dataclass
class Restored:
    manifest: dict | None
    media_files: int
    reapplied: list[str]


def restore(*, source: Path, safety_copy: Path, using: str = "default") -> Restored:
    """Replace the database's contents and the media files with the backup in `source`, after
    copying both to `safety_copy`; then the apps re-apply what must hold (the `restored` signal)."""
    with opened_backup(source=source, using=using) as backup:
        create_backup(target=safety_copy, using=using)
        _restore_database(backup.database, using=using)
        media_files = _restore_media(source, backup.media) if backup.manifest is not None else 0
    cache.clear()  # the restored data generations may repeat a number that pages were cached under
    reapplied = [str(line) for _receiver, line in restored.send(sender=None, using=using) if line]
    return Restored(backup.manifest, media_files, reapplied)


def _restore_media(source: Path, members: list[tarfile.TarInfo]) -> int:
    """MEDIA_ROOT's contents become the backup's media files (the safety copy holds what was there)."""
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for child in root.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    with tarfile.open(source) as archive:
        for info in members:
            relative = PurePosixPath(info.name).relative_to(MEDIA)
            if relative.is_absolute() or ".." in relative.parts:
                raise BackupError(f"Ongeldig pad in de back-up: {info.name}.")
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            member = archive.extractfile(info)
            if member is None:
                continue
            with member, target.open("wb") as file:
                shutil.copyfileobj(member, file)
    return len(members)


def _restore_database(source: Path, *, using: str) -> None:
    connection = connections[using]
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        connection.close()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                *_postgres_args(settings_dict),
                str(source),
            ],
            _postgres_env(settings_dict),
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
