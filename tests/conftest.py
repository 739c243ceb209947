import subprocess

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from cases.models import Approval, Case, Entrepreneur, PayerLine, Referral
from core import freshness
from partnerships.models import Agreement, Membership, Outreach, TariffBand
from trainings.models import Registration, TrainingSession

ENGLISH_CATALOGUE = django_settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES" / "django.po"


@pytest.fixture(scope="session", autouse=True)
def compiled_english_catalogue():
    """Only the .po is committed: compile it when the .mo is missing or stale, so plain pytest needs no `make`."""
    compiled = ENGLISH_CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < ENGLISH_CATALOGUE.stat().st_mtime:
        subprocess.run(["msgfmt", "--check-format", "-o", compiled, ENGLISH_CATALOGUE], check=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real Flemish reference data, loaded once."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


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


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks plain HTTP; production redirects it to HTTPS (see test_security)."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test starts with an empty cache, and its writes raise the data generation at once:
    the test's transaction never commits, and nobody else reads it meanwhile."""
    cache.clear()
    monkeypatch.setattr(freshness, "on_commit", lambda func, using=None: func())


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """The demo data of `make run`, loaded once for a test module and removed after it."""
    with django_db_blocker.unblock():
        call_command("load_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        for model in (Outreach, Agreement, Registration, TrainingSession, Approval, Referral, PayerLine, Case):
            model.objects.all().delete()
            model.history.all().delete()
        Entrepreneur.objects.all().delete()
        TariffBand.objects.all().delete()
        Membership.objects.all().delete()
        Membership.history.all().delete()
        get_user_model().objects.all().delete()
