import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cases.models import Approval, Case, Entrepreneur, PayerLine, Referral
from partnerships.models import Agreement, Membership, Outreach, TariffBand
from trainings.models import Registration, TrainingSession


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database holds the real Flemish reference data, loaded once."""
    with django_db_blocker.unblock():
        call_command("load_reference_data", verbosity=0)


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
