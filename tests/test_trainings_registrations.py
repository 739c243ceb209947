"""Registration rules: capacity and waiting list, deadline, duplicates, own organisation; attendance."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import RegistrationFactory, TrainingSessionFactory, ocmw
from trainings import services
from trainings.models import Registration, TrainingSession

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2030, 3, 1)
Status = Registration.Status


def register(session, name, by, **fields):
    return services.register(session=session, name=name, registered_by=by, today=TODAY, organisation_name="OCMW Gent", **fields)


def test_people_are_confirmed_up_to_the_capacity(coordinator):
    session = TrainingSessionFactory(capacity=2)

    statuses = [register(session, name, coordinator).status for name in ("An", "Bart")]

    assert statuses == [Status.CONFIRMED, Status.CONFIRMED]


def test_a_full_session_puts_people_on_the_waiting_list(coordinator):
    session = TrainingSessionFactory(capacity=1)
    register(session, "An", coordinator)

    assert register(session, "Bart", coordinator).status == Status.WAITING


def test_a_cancellation_promotes_the_first_on_the_waiting_list(coordinator):
    session = TrainingSessionFactory(capacity=1)
    first = register(session, "An", coordinator)
    waiting_first, waiting_second = register(session, "Bart", coordinator), register(session, "Chris", coordinator)

    promoted = services.cancel_registration(registration=first, by=coordinator)

    assert promoted == waiting_first
    assert Registration.objects.get(pk=waiting_second.pk).status == Status.WAITING


def test_cancelling_from_the_waiting_list_promotes_nobody(coordinator):
    session = TrainingSessionFactory(capacity=1)
    register(session, "An", coordinator)
    waiting = register(session, "Bart", coordinator)

    assert services.cancel_registration(registration=waiting, by=coordinator) is None


def test_registration_closes_at_the_deadline(coordinator):
    session = TrainingSessionFactory(registration_deadline=datetime.date(2030, 2, 28))

    with pytest.raises(ValidationError) as error:
        register(session, "An", coordinator)

    assert "De inschrijvingen voor deze sessie zijn afgesloten." in error.value.messages


def test_a_past_session_takes_no_registrations(coordinator):
    with pytest.raises(ValidationError):
        register(TrainingSessionFactory(date=datetime.date(2029, 12, 1)), "An", coordinator)


def test_the_same_person_cannot_register_twice(coordinator):
    session = TrainingSessionFactory(capacity=5)
    register(session, "An Peeters", coordinator)

    with pytest.raises(ValidationError) as error:
        register(session, "  an  peeters ", coordinator)

    assert "is al ingeschreven voor deze sessie" in error.value.messages[0]


def test_a_cancelled_person_may_register_again(coordinator):
    session = TrainingSessionFactory(capacity=5)
    services.cancel_registration(registration=register(session, "An", coordinator), by=coordinator)

    assert register(session, "An", coordinator).status == Status.CONFIRMED


def test_staff_may_still_cancel_after_the_session_to_correct_the_records(coordinator):
    registration = register(TrainingSessionFactory(), "An", coordinator)

    services.cancel_registration(registration=registration, by=coordinator, today=datetime.date(2030, 4, 1))

    assert Registration.objects.get(pk=registration.pk).status == Status.CANCELLED


def test_a_partner_registers_colleagues_of_their_own_organisation(partner_admin):
    registration = register(TrainingSessionFactory(), "An", partner_admin, organisation=ocmw("44021"))

    assert registration.organisation_name == "OCMW Gent"


def test_a_partner_cannot_register_people_of_another_organisation(partner_admin):
    with pytest.raises(ValidationError) as error:
        register(TrainingSessionFactory(), "An", partner_admin, organisation=ocmw("11002"))

    assert "eigen organisatie" in error.value.messages[0]


def test_a_partner_cannot_register_for_a_session_its_organisation_is_not_invited_to(partner_admin):
    session = TrainingSessionFactory()
    session.invited_organisations.add(ocmw("11002"))

    with pytest.raises(ValidationError) as error:
        register(session, "An", partner_admin, organisation=ocmw("44021"))

    assert "alleen voor uitgenodigde organisaties" in str(error.value) and not Registration.objects.exists()


def test_a_partner_registers_for_a_session_its_organisation_is_invited_to(partner_admin):
    session = TrainingSessionFactory()
    session.invited_organisations.add(ocmw("11002"), ocmw("44021"))

    assert register(session, "An", partner_admin, organisation=ocmw("44021")).status == Status.CONFIRMED


def test_staff_may_register_anyone_for_a_session_with_invitations(coordinator):
    session = TrainingSessionFactory()
    session.invited_organisations.add(ocmw("11002"))

    assert register(session, "An", coordinator, organisation=ocmw("44021")).status == Status.CONFIRMED


def test_staff_mark_attendance_after_the_session(coordinator):
    session = TrainingSessionFactory(date=datetime.date(2030, 3, 15))
    came, stayed_away = RegistrationFactory(session=session), RegistrationFactory(session=session)

    services.mark_attendance(session=session, attended_ids={came.pk}, by=coordinator, today=datetime.date(2030, 3, 16))

    assert [Registration.objects.get(pk=r.pk).attended for r in (came, stayed_away)] == [True, False]


def test_attendance_cannot_be_marked_before_the_session(coordinator):
    session = TrainingSessionFactory(date=datetime.date(2030, 3, 15))

    with pytest.raises(ValidationError):
        services.mark_attendance(session=session, attended_ids=set(), by=coordinator, today=TODAY)


def test_participants_are_derived_from_attendance_when_there_are_registrations():
    session = TrainingSessionFactory(historic_participants=40)
    RegistrationFactory(session=session, attended=True)
    RegistrationFactory(session=session, attended=False)

    assert TrainingSession.objects.with_participants().get(pk=session.pk).participants == 1


def test_participants_of_a_historic_session_are_the_number_entered():
    session = TrainingSessionFactory(historic_participants=21)

    assert TrainingSession.objects.with_participants().get(pk=session.pk).participants == 21


def test_registrations_keep_their_history(coordinator):
    registration = register(TrainingSessionFactory(capacity=3), "An", coordinator)
    services.cancel_registration(registration=registration, by=coordinator)

    assert [record.status for record in registration.history.order_by("history_date")] == [Status.CONFIRMED, Status.CANCELLED]
