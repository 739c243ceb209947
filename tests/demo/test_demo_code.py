"""The staff sign-in code of the demo logins: the command `make run` prints works as printed, in a
fresh shell without DEBUG or SECRET_KEY (issue 16.1)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import TOTP

from demo.accounts import DEMO_TOTP_KEY

pytestmark = pytest.mark.django_db

MAKE_VARIABLES = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}


@pytest.mark.usefixtures("development_mode")
def test_the_printed_command_gives_the_current_code(demo_data):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out)
    printed = out.getvalue().strip().splitlines()[-1].split()
    assert printed == ["make", "demo-code"]

    # This interpreter's virtualenv stands in for the checkout's .venv; -o: never reinstall it from here.
    bin_dir = Path(sys.executable).parent
    # A fresh shell: none of the portal's variables, nor those of the `make test` this may run under.
    fresh_shell = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", *MAKE_VARIABLES}
    }
    result = subprocess.run(
        [*printed, "-s", f"BIN={bin_dir}", "-o", f"{bin_dir}/.installed"],
        cwd=settings.BASE_DIR,
        env=fresh_shell,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in codes_around_now()


def codes_around_now() -> set[str]:
    """The code of now and of the steps either side: it may turn over between the run and the comparison."""
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
    codes = set()
    for drift in (-1, 0, 1):
        totp.drift = drift
        codes.add(f"{totp.token():06d}")
    return codes
