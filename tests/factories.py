"""Factories for test setup. Municipalities are real: the reference data is loaded once per session."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import Case, Entrepreneur
from core.models import User
from core.roles import CASE_WORKER_GROUP, COORDINATOR_GROUP, POLICY_GROUP
from core.security import requires_two_factor
from partnerships.models import Agreement, DeclineReason, Membership, Municipality, Organisation, Outreach, TariffBand
from trainings.models import Registration, TrainingSession


def municipality(nis_code: str, on: datetime.date | None = None) -> Municipality:
    """The real municipality with this NIS code: the record existing on `on`, else the oldest."""
    candidates = Municipality.objects.filter(nis_code=nis_code)
    if on is not None:
        return candidates.existing_on(on).get()
    return candidates.order_by(F("valid_from").asc(nulls_first=True))[:1].get()


def sign_in(client, user) -> None:
    """Sign `user` in as the login pages would, with the second step for those who need it."""
    client.force_login(user)
    if requires_two_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", defaults={"confirmed": True})
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    password = factory.django.Password("correct-horse-battery")


def staff_user(email: str | None = None, *, role: str = COORDINATOR_GROUP) -> User:
    """A Dyzo staff member with the permissions of `role` (a group of core.roles)."""
    user: User = UserFactory.create(is_staff=True, **({"email": email} if email else {}))
    user.groups.add(Group.objects.get(name=role))
    return user


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("kind", "municipality")

    kind = Organisation.Kind.OCMW
    municipality = factory.LazyFunction(lambda: municipality("44021"))
    name = factory.LazyAttribute(lambda org: Organisation.default_name(org.kind, org.municipality))


def ocmw(nis_code: str) -> Organisation:
    """The OCMW of the real municipality with this NIS code."""
    organisation: Organisation = OrganisationFactory.create(municipality=municipality(nis_code))
    return organisation


class MembershipFactory(factory.django.DjangoModelFactory):
    """A partner user of an OCMW (Gent unless told), a plain member unless told."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.LazyFunction(lambda: ocmw("44021"))
    role = Membership.Role.MEMBER


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    municipality = factory.LazyFunction(lambda: municipality("44021"))
    party = Agreement.Party.OCMW
    form = Agreement.Form.SUBSCRIPTION
    start_date = datetime.date(2016, 1, 1)
    end_date = None


class DeclineReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclineReason
        django_get_or_create = ("label",)

    label = factory.Sequence(lambda n: f"Reden {n}")


class OutreachFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outreach

    organisation = factory.SubFactory(OrganisationFactory)
    sent_on = datetime.date(2017, 3, 1)
    status = Outreach.Status.NO_ANSWER


class TariffBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TariffBand

    valid_from = datetime.date(2015, 1, 1)
    min_population = 0
    max_population = None
    annual_fee = 1000


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    date = datetime.date(2030, 3, 15)
    organiser_name = "Dyzo"
    target_group = "Maatschappelijk werkers"
    capacity = 2


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(TrainingSessionFactory)
    name = factory.Sequence(lambda n: f"Deelnemer {n}")
    normalised_name = factory.LazyAttribute(lambda registration: Registration.normalise(registration.name))
    organisation_name = "OCMW Gent"


class EntrepreneurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entrepreneur

    name = factory.Sequence(lambda n: f"Ondernemer {n}")
    email = factory.LazyAttribute(lambda e: f"{e.name.replace(' ', '.').lower()}@example.org")
    enterprise_number = "0123456749"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    entrepreneur = factory.SubFactory(EntrepreneurFactory)
    municipality = factory.LazyFunction(lambda: municipality("44021"))
    opened_on = datetime.date(2020, 3, 1)
    channel = Case.Channel.SELF
    phase = Case.Phase.RESCUE
    funding_basis = Case.FundingBasis.OWN_COST


# The personas of tests/conftest.py, built here so that module-scoped set-up (the access matrix) makes the same people.


def coordinator():
    """Dyzo staff who manage agreements, outreach, trainings and the parliamentary answers."""
    return staff_user(role=COORDINATOR_GROUP)


def case_worker():
    """Dyzo staff who follow cases and read everything else."""
    return staff_user(role=CASE_WORKER_GROUP)


def partner_admin():
    """The partner admin of OCMW Gent: sees Gent's records and manages its colleagues."""
    return MembershipFactory(organisation=ocmw("44021"), role=Membership.Role.ADMIN).user


def partner_member():
    """A plain member of two organisations, OCMW Gent and OCMW Antwerpen: sees the records of both, manages nobody."""
    user = MembershipFactory(organisation=ocmw("44021")).user
    MembershipFactory(user=user, organisation=ocmw("11002"))
    return user


def policy_officer():
    """Policy staff of the Flemish government: read the reports, nothing else."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name=POLICY_GROUP))
    return user


def user_without_role():
    """Signed in, but neither staff, nor policy staff, nor a member of any organisation."""
    return UserFactory()
