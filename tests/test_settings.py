"""Settings come from the environment; production refuses the development secret."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def import_settings(**env):
    clean_env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    return subprocess.run(
        [sys.executable, "-c", "import dyzo_portal.settings as s; print(s.DATABASES['default']['ENGINE'])"],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
    )


def test_without_debug_a_secret_key_is_required():
    result = import_settings()

    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_without_debug_the_development_key_is_refused():
    result = import_settings(SECRET_KEY="dev-only-insecure-key-do-not-use-in-production")

    assert result.returncode != 0


def test_without_database_url_it_runs_on_sqlite():
    result = import_settings(SECRET_KEY="a-real-secret", DEBUG="1")

    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_a_postgres_url_selects_postgresql():
    result = import_settings(SECRET_KEY="a-real-secret", DATABASE_URL="postgres://u:p@db.example:5432/dyzo")

    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_the_portal_speaks_flemish_dutch_in_brussels_time():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("nl-be", "Europe/Brussels")
