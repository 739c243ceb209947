"""Demo logins, one per role, with fixed passwords that `make run` prints."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import CASE_WORKER_GROUP, COORDINATOR_GROUP, POLICY_GROUP
from partnerships.models import Membership, Municipality, Organisation

DEMO_TOTP_KEY = b"dyzo-demo-totp-2026!".hex()  # the demo staff login's authenticator key; demo only


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    groups: tuple[str, ...] = ()
    is_staff: bool = False
    is_superuser: bool = False


DEMO_LOGINS = [
    DemoLogin(
        "Dyzo-coördinator (beheerder)", "dyzo@dyzo.be", "dyzo-demo-2026", (COORDINATOR_GROUP,), is_staff=True, is_superuser=True
    ),
    DemoLogin("Dyzo-dossierbegeleider", "dossier@dyzo.be", "dossier-demo-2026", (CASE_WORKER_GROUP,), is_staff=True),
    DemoLogin("Partner (OCMW Gent)", "ocmw.gent@gent.example", "gent-demo-2026"),
    DemoLogin("Beleidsmedewerker", "beleid@vlaanderen.example", "beleid-demo-2026", (POLICY_GROUP,)),
]


def create_demo_accounts() -> list[DemoLogin]:
    """One login per role; staff logins share the demo authenticator key, so `demo_code` serves both."""
    for login in DEMO_LOGINS:
        user = get_user_model().objects.get_or_create(email=login.email)[0]
        user.is_staff, user.is_superuser = login.is_staff, login.is_superuser
        user.set_password(login.password)
        user.save()
        user.groups.set([Group.objects.get_or_create(name=name)[0] for name in login.groups])
        if login.is_staff:
            TOTPDevice.objects.update_or_create(user=user, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
    gent = Municipality.objects.get(nis_code="44021")
    ocmw_gent = Organisation.objects.get(kind=Organisation.Kind.OCMW, municipality=gent)
    partner = get_user_model().objects.get(email="ocmw.gent@gent.example")
    Membership.objects.get_or_create(user=partner, organisation=ocmw_gent, defaults={"role": Membership.Role.ADMIN})
    case_worker = get_user_model().objects.get(email="dossier@dyzo.be")
    case_worker.first_name, case_worker.last_name = "Sofie", "Peeters"
    case_worker.save()
    Organisation.objects.filter(municipality=gent).update(dyzo_contact=case_worker)
    return DEMO_LOGINS


def demo_totp_code() -> str:
    """The code the demo staff logins' authenticator would show now."""
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"
