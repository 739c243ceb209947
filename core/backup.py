"""Backups of the portal's database: pg_dump/pg_restore on PostgreSQL, a consistent file copy on SQLite.

A backup holds every person's data, so only its owner may read it (0600). A restore checks that
the file is a backup of this portal before it touches anything, and keeps a safety copy of what
it replaces.
"""

import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

# What a file of each kind starts with, and a table that only this portal's database has.
HEADERS = {"postgresql": b"PGDMP", "sqlite": b"SQLite format 3\x00"}
KIND_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
PORTAL_TABLE = "core_user"


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


def check_backup(*, source: Path, using: str = "default") -> None:
    """Refuse, with a Dutch message, a file that is not a backup of this portal for this kind of database."""
    if not source.is_file():
        raise BackupError(f"Back-upbestand {source} bestaat niet.")
    vendor = connections[using].vendor
    if vendor not in HEADERS:
        raise BackupError(f"Geen herstel mogelijk voor database van het type {vendor}.")
    with source.open("rb") as file:
        header = file.read(len(HEADERS[vendor]))
    if header != HEADERS[vendor] or not _holds_portal_table(source, vendor):
        raise BackupError(
            f"{source} is geen back-up van het Dyzo-portaal voor {KIND_NAMES[vendor]} "
            "(een bestand van `manage.py backup` op dezelfde soort database). Er is niets gewijzigd."
        )


def restore_database(*, source: Path, safety_copy: Path, using: str = "default") -> None:
    """Replace the database's contents with the backup in `source`, after copying them to `safety_copy`."""
    check_backup(source=source, using=using)
    backup_database(target=safety_copy, using=using)
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
    cache.clear()  # the restored data generations may repeat a number that pages were cached under
