"""Demo logins, one per role, with fixed passwords that `make run` prints."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from dyzo_portal.roles import POLICY_GROUP, STAFF_GROUP
from partnerships.models import Membership, Municipality, Organisation

DEMO_TOTP_KEY = b"dyzo-demo-totp-2026!".hex()  # the demo staff login's authenticator key; demo only


@dataclass(frozen=True)
class DemoLogin:
    role: str
    username: str
    password: str


DEMO_LOGINS = [
    DemoLogin("Dyzo-medewerker", "dyzo", "dyzo-demo-2026"),
    DemoLogin("Partner (OCMW Gent)", "ocmw.gent", "gent-demo-2026"),
    DemoLogin("Beleidsmedewerker", "beleid", "beleid-demo-2026"),
]


def create_demo_accounts() -> list[DemoLogin]:
    User = get_user_model()
    staff_group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    policy_group, _ = Group.objects.get_or_create(name=POLICY_GROUP)
    staff, policy, partner = (
        User.objects.get_or_create(username=login.username)[0] for login in (DEMO_LOGINS[0], DEMO_LOGINS[2], DEMO_LOGINS[1])
    )
    staff.is_staff = staff.is_superuser = True
    partner.is_staff = policy.is_staff = False
    for user, login in zip((staff, partner, policy), DEMO_LOGINS, strict=True):
        user.set_password(login.password)
        user.save()
    staff.groups.add(staff_group)
    policy.groups.add(policy_group)
    gent = Municipality.objects.get(nis_code="44021")
    ocmw_gent = Organisation.objects.get(kind=Organisation.Kind.OCMW, municipality=gent)
    Membership.objects.get_or_create(user=partner, organisation=ocmw_gent, defaults={"role": Membership.Role.ADMIN})
    TOTPDevice.objects.update_or_create(user=staff, name="Demo", defaults={"key": DEMO_TOTP_KEY, "confirmed": True})
    return DEMO_LOGINS


def demo_totp_code() -> str:
    """The code the demo staff login's authenticator would show now."""
    return f"{TOTP(bytes.fromhex(DEMO_TOTP_KEY)).token():06d}"
