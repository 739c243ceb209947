"""Registration rules: capacity and waiting list, deadline, duplicates, own organisation; attendance."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Membership
from tests.factories import OrganisationFactory, RegistrationFactory, TrainingSessionFactory, UserFactory, municipality
from trainings import services
from trainings.models import Registration, TrainingSession

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 1)
Status = Registration.Status


@pytest.fixture
def staff():
    return UserFactory(email="coordinator@example.org", is_staff=True)


def register(session, name, by, **fields):
    return services.register(session=session, name=name, registered_by=by, today=TODAY, organisation_name="OCMW Gent", **fields)


def test_people_are_confirmed_up_to_the_capacity(staff):
    session = TrainingSessionFactory(capacity=2)

    statuses = [register(session, name, staff).status for name in ("An", "Bart")]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED]


def test_a_full_session_puts_people_on_the_waiting_list(staff):
    session = TrainingSessionFactory(capacity=1)
    register(session, "An", staff)

    assert register(session, "Bart", staff).status == Status.WAITING


def test_a_cancellation_promotes_the_first_on_the_waiting_list(staff):
    session = TrainingSessionFactory(capacity=1)
    first = register(session, "An", staff)
    waiting_first, waiting_second = register(session, "Bart", staff), register(session, "Chris", staff)

    promoted = services.cancel_registration(registration=first, by=staff)

    assert promoted == waiting_first
    assert Registration.objects.get(pk=waiting_second.pk).status == Status.WAITING


def test_cancelling_from_the_waiting_list_promotes_nobody(staff):
    session = TrainingSessionFactory(capacity=1)
    register(session, "An", staff)
    waiting = register(session, "Bart", staff)

    assert services.cancel_registration(registration=waiting, by=staff) is None


def test_registration_closes_at_the_deadline(staff):
    session = TrainingSessionFactory(registration_deadline=datetime.date(2030, 2, 28))

    with pytest.raises(ValidationError) as error:
        register(session, "An", staff)

    assert "De inschrijvingen voor deze sessie zijn afgesloten." in error.value.messages


def test_a_past_session_takes_no_registrations(staff):
    with pytest.raises(ValidationError):
        register(TrainingSessionFactory(date=datetime.date(2029, 12, 1)), "An", staff)


def test_the_same_person_cannot_register_twice(staff):
    session = TrainingSessionFactory(capacity=5)
    register(session, "An Peeters", staff)

    with pytest.raises(ValidationError) as error:
        register(session, "  an  peeters ", staff)

    assert "is al ingeschreven voor deze sessie" in error.value.messages[0]


def test_a_cancelled_person_may_register_again(staff):
    session = TrainingSessionFactory(capacity=5)
    services.cancel_registration(registration=register(session, "An", staff), by=staff)

    assert register(session, "An", staff).status == Status.CONFIRMED


def test_staff_may_still_cancel_after_the_session_to_correct_the_records(staff):
    registration = register(TrainingSessionFactory(), "An", staff)

    services.cancel_registration(registration=registration, by=staff, today=datetime.date(2030, 4, 1))

    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_a_partner_registers_colleagues_of_their_own_organisation():
    ocmw = OrganisationFactory(municipality=municipality("44021"))
    partner = UserFactory(email="partner@example.org")
    Membership.objects.create(user=partner, organisation=ocmw)

    registration = register(TrainingSessionFactory(), "An", partner, organisation=ocmw)

    assert registration.organisation_name == "OCMW Gent"


def test_a_partner_cannot_register_people_of_another_organisation():
    partner = UserFactory(email="partner@example.org")
    Membership.objects.create(user=partner, organisation=OrganisationFactory(municipality=municipality("44021")))
    other = OrganisationFactory(municipality=municipality("11002"))

    with pytest.raises(ValidationError) as error:
        register(TrainingSessionFactory(), "An", partner, organisation=other)

    assert "eigen organisatie" in error.value.messages[0]


def test_staff_mark_attendance_after_the_session(staff):
    session = TrainingSessionFactory(date=datetime.date(2030, 3, 15))
    came, stayed_away = RegistrationFactory(session=session), RegistrationFactory(session=session)

    services.mark_attendance(session=session, attended_ids={came.pk}, by=staff, today=datetime.date(2030, 3, 16))

    assert [Registration.objects.get(pk=r.pk).attended for r in (came, stayed_away)] == [True, False]


def test_attendance_cannot_be_marked_before_the_session(staff):
    session = TrainingSessionFactory(date=datetime.date(2030, 3, 15))

    with pytest.raises(ValidationError):
        services.mark_attendance(session=session, attended_ids=set(), by=staff, today=TODAY)


def test_participants_are_derived_from_attendance_when_there_are_registrations():
    session = TrainingSessionFactory(historic_participants=40)
    RegistrationFactory(session=session, attended=True)
    RegistrationFactory(session=session, attended=False)

    assert TrainingSession.objects.with_participants().get(pk=session.pk).participants == 1


def test_participants_of_a_historic_session_are_the_number_entered():
    session = TrainingSessionFactory(historic_participants=21)

    assert TrainingSession.objects.with_participants().get(pk=session.pk).participants == 21


def test_registrations_keep_their_history(staff):
    registration = register(TrainingSessionFactory(capacity=3), "An", staff)
    services.cancel_registration(registration=registration, by=staff)

    assert [record.status for record in registration.history.order_by("history_date")] == [Status.CONFIRMED, Status.CANCELLED]
