"""Scratch databases of the test run's kind (SQLite files or PostgreSQL databases) for tests that
run the portal in another process: the backup drill and the browser tests."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg2
from django.conf import settings
from django.db import connection
from psycopg2 import sql


def manage(url: str, *args: str) -> str:
    """Run a manage.py command on the database at `url`, in another process; its output."""
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


class ScratchDatabases:
    """Empty databases named after `roles`, created on entry and removed on exit."""

    def __init__(self, folder: Path, *roles: str):
        self.folder = folder
        self.postgres = connection.vendor == "postgresql"
        self.names = {role: f"dyzo_{role}_{os.getpid()}" for role in roles}

    def url(self, role: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self._file(role)}"
        db = connection.settings_dict
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.names[role]}"

    def copy(self, role: str, *, source: "ScratchDatabases", source_role: str) -> None:
        """Make the database of `role` a copy of the source's: a file copy, or PostgreSQL's CREATE DATABASE … TEMPLATE."""
        if not self.postgres:
            shutil.copyfile(source._file(source_role), self._file(role))
            return
        target, template = sql.Identifier(self.names[role]), sql.Identifier(source.names[source_role])
        self._on_server(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(target),
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(target, template),
        )

    def _file(self, role: str) -> Path:
        return self.folder / f"{self.names[role]}.sqlite3"

    def _on_server(self, *statements: sql.Composable) -> None:
        db = connection.settings_dict
        server = psycopg2.connect(
            dbname="postgres",
            user=db["USER"],
            password=db["PASSWORD"] or None,
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
        )
        server.autocommit = True
        with server.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        server.close()

    def _on_each(self, statement: str) -> None:
        self._on_server(*(sql.SQL(statement).format(sql.Identifier(name)) for name in self.names.values()))

    def __enter__(self):
        if self.postgres:
            self._on_each("DROP DATABASE IF EXISTS {}")
            self._on_each("CREATE DATABASE {}")
        return self

    def __exit__(self, *exc):
        if self.postgres:
            self._on_each("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def load_demo_data(url: str) -> None:
    """What `make run` loads, by the same commands."""
    for command in (["migrate", "--noinput"], ["load_reference_data"], ["load_demo_data"]):
        manage(url, *command, "-v", "0")
