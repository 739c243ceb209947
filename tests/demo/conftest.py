"""The tests of this package run on the demo data of `make run`.

It is loaded once for the whole package, inside a transaction that is rolled back after the
package's last test, so it is never committed: each test's own writes roll back to a savepoint
as usual, and every test outside this package keeps its empty database. The tests here must
therefore not be transactional (`transaction=True` would commit, flush, or not see the data).
The demo loads in development mode only (DEBUG on), as under `make run`.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings


@pytest.fixture(scope="package", autouse=True)
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True):
            call_command("load_demo_data", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def development_mode(settings):
    """DEBUG on, as `make run` has it, for a test that runs the demo command itself."""
    settings.DEBUG = True
