"""Demo logins, one per role, with fixed passwords that `make run` prints."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dyzo_portal.roles import POLICY_GROUP, STAFF_GROUP
from partnerships.models import Membership, Municipality, Organisation



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
    return DEMO_LOGINS
