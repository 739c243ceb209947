"""Scratch databases of the test run's kind (SQLite files or PostgreSQL databases) for tests that
run the portal in another process: the backup drill and the browser tests."""

import os
from pathlib import Path

import psycopg2
from django.db import connection
from psycopg2 import sql


class ScratchDatabases:
    """Empty databases named after `roles`, created on entry and removed on exit."""

    def __init__(self, folder: Path, *roles: str):
        self.folder = folder
        self.postgres = connection.vendor == "postgresql"
        self.names = {role: f"dyzo_{role}_{os.getpid()}" for role in roles}

    def url(self, role: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.folder / self.names[role]}.sqlite3"
        db = connection.settings_dict
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{self.names[role]}"

    def _on_server(self, statement: str) -> None:
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
            for name in self.names.values():
                cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))
        server.close()

    def __enter__(self):
        if self.postgres:
            self._on_server("DROP DATABASE IF EXISTS {}")
            self._on_server("CREATE DATABASE {}")
        return self

    def __exit__(self, *exc):
        if self.postgres:
            self._on_server("DROP DATABASE IF EXISTS {} WITH (FORCE)")
