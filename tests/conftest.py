import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from core import freshness, tasks
from tests import factories
from tests.scratch_databases import ScratchDatabases, load_demo_data

CATALOGUES = sorted(django_settings.LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po"))  # English; Dutch for libraries


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues():
    """Only the .po files are committed: compile each when its .mo is missing or stale, so plain pytest needs no `make`."""
    for catalogue in CATALOGUES:
        compiled = catalogue.with_suffix(".mo")
        if not compiled.exists() or compiled.stat().st_mtime < catalogue.stat().st_mtime:
            subprocess.run(["msgfmt", "--check-format", "-o", compiled, catalogue], check=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real Flemish reference data, loaded once."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


@pytest.fixture(scope="session", autouse=True)
def demo_database_build(request, tmp_path_factory):
    """When a test of the run asks for `demo_database`, its build starts with the run: it takes other
    processes a while, and the in-process tests (which pytest-django runs first) go on meanwhile."""
    if not any("demo_database" in item.fixturenames for item in request.session.items):
        yield None
        return
    with ScratchDatabases(tmp_path_factory.mktemp("demo"), "demo") as databases, ThreadPoolExecutor(1) as builder:
        yield databases, builder.submit(load_demo_data, databases.url("demo"))


@pytest.fixture(scope="session")
def demo_database(demo_database_build):
    """A scratch database (role "demo") with what `make run` loads, for tests that run the portal in
    another process. It is shared: read it, or copy it (`ScratchDatabases.copy`) to change it."""
    databases, build = demo_database_build
    build.result()
    return databases


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch: a request in English leaves English active in the test's thread."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests do not run collectstatic, so they use unhashed static file names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True, scope="session")
def private_upload_dir(tmp_path_factory):
    """Imports keep their uploads between preview and confirmation in a scratch folder, not in var/."""
    with override_settings(PENDING_UPLOAD_DIR=tmp_path_factory.mktemp("uploads")):
        yield


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks plain HTTP; production redirects it to HTTPS (see test_security)."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test starts with an empty cache, and its writes raise the data generation at once:
    the test's transaction never commits, and nobody else reads it meanwhile. Likewise tasks are enqueued at once."""
    cache.clear()
    monkeypatch.setattr(freshness, "on_commit", lambda func, using=None: func())
    monkeypatch.setattr(tasks, "on_commit", lambda func, using=None: func())


@pytest.fixture(scope="session", autouse=True)
def immediate_tasks():
    """Background tasks run inside the test, when enqueued (django-tasks' immediate backend); one test runs a
    real worker (tests/test_task_worker.py) and the browser tests' portal has one."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}):
        yield


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """The production hasher takes most of a second per password; the set-up shared by many
    tests (the demo data, the access matrix's world) creates users too, so this holds for the session."""
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    ):
        yield


# The personas: one person per role, each signed in (as the middleware demands, with the
# second step for staff) by the matching `…_client` fixture. `client` alone is anonymous.


@pytest.fixture
def coordinator():
    return factories.coordinator()


@pytest.fixture
def case_worker():
    return factories.case_worker()


@pytest.fixture
def partner_admin():
    return factories.partner_admin()


@pytest.fixture
def partner_member():
    return factories.partner_member()


@pytest.fixture
def policy_officer():
    return factories.policy_officer()


@pytest.fixture
def user_without_role():
    return factories.user_without_role()


def signed_in(client, user):
    factories.sign_in(client, user)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    return signed_in(client, coordinator)


@pytest.fixture
def case_worker_client(client, case_worker):
    return signed_in(client, case_worker)


@pytest.fixture
def partner_admin_client(client, partner_admin):
    return signed_in(client, partner_admin)


@pytest.fixture
def partner_member_client(client, partner_member):
    return signed_in(client, partner_member)


@pytest.fixture
def policy_client(client, policy_officer):
    return signed_in(client, policy_officer)
