"""Backups of the portal's database: pg_dump/pg_restore on PostgreSQL, a consistent file copy on SQLite."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.cache import cache
from django.db import connections


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


def _run(command: list[str], env: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is niet geïnstalleerd (Debian-pakket postgresql-client).")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} mislukte: {result.stderr.strip()}")


def backup_database(*, target: Path, using: str = "default") -> Path:
    """Write a complete copy of the database to `target`."""
    connection = connections[using]
    target.parent.mkdir(parents=True, exist_ok=True)
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


def restore_database(*, source: Path, using: str = "default") -> None:
    """Replace the database's contents with the backup in `source`."""
    if not source.is_file():
        raise BackupError(f"Back-upbestand {source} bestaat niet.")
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
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(source) as backup:
            backup.backup(connection.connection)
    else:
        raise BackupError(f"Geen herstel mogelijk voor database van het type {connection.vendor}.")
    cache.clear()  # the restored data generations may repeat a number that pages were cached under
