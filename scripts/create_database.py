"""Create the PostgreSQL database named in DATABASE_URL when it does not exist yet (make serve, bench)."""

import os
import sys

import psycopg2
from psycopg2 import sql


def ensure_database(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    server, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    connection.close()


if __name__ == "__main__":
    try:
        ensure_database(os.environ.get("DATABASE_URL", ""))
    except psycopg2.OperationalError as error:
        sys.exit(f"PostgreSQL is niet bereikbaar: {error}")
