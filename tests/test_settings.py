"""Settings come from the environment; production refuses the development secret."""

import os
import subprocess
import sys

from django.conf import settings

ROOT = settings.BASE_DIR


def import_settings(expression="s.DATABASES['default']['ENGINE']", **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "CACHE_URL", "TASKS_REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", f"import dyzo_portal.settings as s; print({expression})"],
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


def test_without_cache_url_each_process_caches_in_memory_and_sessions_stay_in_the_database():
    result = import_settings("s.CACHES['default']['BACKEND'], getattr(s, 'SESSION_ENGINE', 'db')", SECRET_KEY="a-real-secret")

    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache db"


def test_a_redis_cache_url_gives_a_shared_cache_that_also_holds_sessions():
    result = import_settings(
        "s.CACHES['default']['BACKEND'], s.SESSION_ENGINE", SECRET_KEY="a-real-secret", CACHE_URL="redis://cache.internal:6379/0"
    )

    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache django.contrib.sessions.backends.cached_db"


def test_another_kind_of_cache_url_is_refused():
    result = import_settings(SECRET_KEY="a-real-secret", CACHE_URL="memcached://cache.internal:11211")

    assert result.returncode != 0 and "CACHE_URL must be a redis://" in result.stderr


def test_background_tasks_queue_in_the_database_unless_a_redis_url_is_set():
    database = import_settings("s.TASKS['default']['BACKEND']", SECRET_KEY="a-real-secret")
    redis = import_settings(
        "s.TASKS['default']['BACKEND'], s.RQ_QUEUES['default']['URL']",
        SECRET_KEY="a-real-secret",
        TASKS_REDIS_URL="redis://queue.internal:6379/1",
    )

    assert database.stdout.strip() == "django_tasks_db.DatabaseBackend"
    assert redis.stdout.strip() == "django_tasks_rq.RQBackend redis://queue.internal:6379/1"


def test_another_kind_of_tasks_url_is_refused():
    result = import_settings(SECRET_KEY="a-real-secret", TASKS_REDIS_URL="amqp://queue.internal")

    assert result.returncode != 0 and "TASKS_REDIS_URL must be a redis://" in result.stderr


def test_a_flag_accepts_the_usual_yes_and_no_words():
    result = import_settings(
        "s.DEBUG, s.SECURE_SSL_REDIRECT", DEBUG=" Yes ", SECRET_KEY="a-real-secret", SECURE_SSL_REDIRECT="off"
    )

    assert result.stdout.strip() == "True False"


def test_an_empty_flag_is_its_default():
    result = import_settings("s.SECURE_SSL_REDIRECT", SECRET_KEY="a-real-secret", SECURE_SSL_REDIRECT="")

    assert result.stdout.strip() == "True"


def test_a_flag_with_an_unknown_value_is_refused_naming_the_variable_and_the_accepted_values():
    result = import_settings(SECRET_KEY="a-real-secret", DEBUG="1", TRUST_X_FORWARDED_PROTO="ja")

    assert result.returncode != 0
    assert "ImproperlyConfigured: TRUST_X_FORWARDED_PROTO='ja' is not a yes/no value" in result.stderr
    assert "1, true, yes, on, 0, false, no, off" in result.stderr
