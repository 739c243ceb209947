"""Print the URL of a reachable PostgreSQL for the test run, or nothing.

Uses DATABASE_URL when it points at PostgreSQL, else postgres@127.0.0.1:5432.
With REQUIRE_POSTGRES=1 an unreachable server is an error (exit 1).
"""

import os
import sys

import psycopg2

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dyzo"


def main() -> int:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = DEFAULT_URL
    server_url = url.rsplit("/", 1)[0] + "/postgres"
    try:
        psycopg2.connect(server_url, connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            print(f"PostgreSQL is required but not reachable at {url}: {error}", file=sys.stderr)
            return 1
        return 0
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
