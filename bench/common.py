"""What every benchmark script shares: Django on the bench database, the scale data set,
signed-in personas that never touch the login form, and a gunicorn server.

Personas get a session built with Django's SessionStore (staff with a verified TOTP
device in it), so sign-in lockout and staff 2FA do not
get in the way; the API uses DRF tokens.
"""

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_BENCH_URL = "postgres://postgres@127.0.0.1:5432/dyzo_bench"
SECRET_KEY = "bench-only-secret-key"
CASES, SESSIONS, OFFERS = 50_000, 3_000, 3_000
PARTNER_NIS_CODE = "44021"  # Gent


def setup_django(database_url: str, *, override: bool = False) -> str:
    """Point Django at the bench database (DATABASE_URL unless `override`; created on first use); returns its URL."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dyzo_portal.settings")
    if override:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DATABASE_URL", database_url)
    os.environ.setdefault("SECRET_KEY", SECRET_KEY)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")  # the test client and wrk speak plain HTTP
    from scripts.create_database import ensure_database

    ensure_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    return os.environ["DATABASE_URL"]


def build_scale_data(seed: int = 2018) -> None:
    """Migrate, collect static files, load the reference data and, once, the scale data set.

    Every municipality gets 2016-2025 agreements; the 50,000 cases mix funding bases and
    referrals by the municipality's OCMW, so partners see cases and pending approvals too.
    """
    from django.core.management import call_command
    from django.db import connection

    from cases.models import Case, Entrepreneur
    from partnerships.models import Agreement, Municipality, Organisation, Outreach
    from trainings.models import TrainingSession

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_reference_data", verbosity=0)
    if Case.objects.count() >= CASES:
        return
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.all())
    agreements = []
    for municipality in municipalities:
        day = max(municipality.valid_from or date(2016, 1, 1), date(2016, 1, 1))
        last = municipality.valid_to or date(2025, 12, 31)
        party = rng.choice(["gemeente", "ocmw"])
        while day < last:
            end = min(day + timedelta(days=rng.randint(200, 1200)), last)
            agreements.append(
                Agreement(
                    municipality=municipality,
                    party=party,
                    form=rng.choice(Agreement.Form.values),
                    start_date=day,
                    end_date=end,
                    is_synthetic=True,
                )
            )
            day = end + timedelta(days=rng.randint(1, 300))
    Agreement.objects.bulk_create(agreements)
    ocmws = list(Organisation.objects.filter(kind="ocmw").select_related("municipality"))
    ocmw_of = {ocmw.municipality_id: ocmw for ocmw in ocmws}
    Outreach.objects.bulk_create(
        Outreach(
            organisation=rng.choice(ocmws),
            sent_on=date(2016, 1, 1) + timedelta(days=rng.randint(0, 3600)),
            status=rng.choice(["geen_antwoord", "in_onderhandeling"]),
            is_synthetic=True,
        )
        for _ in range(OFFERS)
    )
    entrepreneurs = Entrepreneur.objects.bulk_create(
        Entrepreneur(name=f"Ondernemer {i}", is_synthetic=True) for i in range(CASES)
    )

    def case(entrepreneur):
        municipality = rng.choice(municipalities)
        referrer = ocmw_of.get(municipality.pk) if rng.random() < 0.3 else None
        return Case(
            entrepreneur=entrepreneur,
            municipality=municipality,
            opened_on=max(municipality.valid_from or date(2016, 1, 1), date(2016, 1, 1)) + timedelta(days=rng.randint(0, 300)),
            channel="ocmw" if referrer else "zelf",
            referring_organisation=referrer,
            phase="redding",
            funding_basis=rng.choice(Case.FundingBasis.values),
            is_synthetic=True,
        )

    Case.objects.bulk_create((case(entrepreneur) for entrepreneur in entrepreneurs), batch_size=5000)
    TrainingSession.objects.bulk_create(
        TrainingSession(
            date=date(2014, 1, 1) + timedelta(days=rng.randint(0, 4000)),
            organiser_name="Dyzo",
            target_group="Bench",
            historic_participants=rng.randint(5, 40),
            is_synthetic=True,
        )
        for _ in range(SESSIONS)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # planner statistics for the bulk-loaded tables, as autovacuum would give production


@dataclass(frozen=True)
class Persona:
    role: str
    user: object
    session_key: str
    token: str

    @property
    def cookie(self) -> str:
        from django.conf import settings

        return f"{settings.SESSION_COOKIE_NAME}={self.session_key}"


def personas() -> dict[str, Persona]:
    """A signed-in staff member, partner of OCMW Gent and policy officer, each with a session and a token."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from core.roles import POLICY_GROUP
    from partnerships.models import Membership, Organisation

    User = get_user_model()
    staff, _ = User.objects.update_or_create(email="bench-staff@dyzo.example", defaults={"is_staff": True, "is_superuser": True})
    partner, _ = User.objects.get_or_create(email="bench-partner@dyzo.example")
    policy, _ = User.objects.get_or_create(email="bench-policy@dyzo.example")
    ocmw = Organisation.objects.get(kind=Organisation.Kind.OCMW, municipality__nis_code=PARTNER_NIS_CODE)
    Membership.objects.get_or_create(user=partner, organisation=ocmw, defaults={"role": Membership.Role.ADMIN})
    policy.groups.add(Group.objects.get_or_create(name=POLICY_GROUP)[0])
    return {role: _persona(role, user) for role, user in (("staff", staff), ("partner", partner), ("policy", policy))}


def _persona(role: str, user) -> Persona:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.api_tokens import issue_token

    backends = settings.AUTHENTICATION_BACKENDS
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next((path for path in backends if path.endswith(".ModelBackend")), backends[-1])
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if user.is_staff:
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return Persona(role=role, user=user, session_key=session.session_key, token=issue_token(user=user)[1])


def default_workers() -> int:
    """As gunicorn.conf.py: one per core and one more."""
    return (os.cpu_count() or 1) + 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen

    def worker_pids(self) -> set[int]:
        """The master's current workers: a changed set means gunicorn replaced some."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        return {int(pid) for pid in children.split()}


@contextmanager
def gunicorn(*, database_url: str, workers: int, timeout: int = 30):
    """Serve the portal as production does (DEBUG off, hashed static files, PostgreSQL) over plain HTTP."""
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",
        # The benchmarks measure throughput from one address and token, not the API's rate limits.
        "API_ANONYMOUS_RATE": "100000/second",
        "API_USER_RATE": "100000/second",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "dyzo_portal.wsgi",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        str(workers),
        "--timeout",
        str(timeout),
    ]
    log = open(ROOT / "var" / "bench-gunicorn.log", "ab")  # noqa: SIM115 (open for the server's lifetime)
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    server = Server(url=f"http://127.0.0.1:{port}", process=process)
    try:
        _wait_until_up(f"{server.url}/api/v1/provinces/", process)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def _wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode}); see var/bench-gunicorn.log")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset or timed out while the workers boot
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {seconds} s")


def table(headers: list[str], rows: list[list]) -> str:
    """A plain-text table: the first column left-aligned, the others right-aligned."""
    cells = [headers] + [[str(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)
