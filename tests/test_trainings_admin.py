"""Staff plan sessions and register people in the admin; the registration rules apply there too."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory, TrainingSessionFactory
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def register_in_admin(client, session, name, **fields):
    data = {"session": session.pk, "name": name, "organisation_name": "OCMW Gent", **fields}
    return client.post(reverse("admin:trainings_registration_add"), data)


def test_registering_beyond_capacity_in_the_admin_fills_the_waiting_list(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1), capacity=1)

    register_in_admin(coordinator_client, session, "An")
    response = register_in_admin(coordinator_client, session, "Bart", _continue="1")

    assert list(session.registrations.order_by("name").values_list("status", flat=True)) == [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITING,
    ]
    assert "staat op de wachtlijst" in coordinator_client.get(response["Location"]).text


def test_the_admin_refuses_a_registration_after_the_deadline_in_dutch(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1), registration_deadline=datetime.date(2020, 1, 1))

    response = register_in_admin(coordinator_client, session, "An")

    assert "De inschrijvingen voor deze sessie zijn afgesloten." in response.text
    assert not session.registrations.exists()


def test_staff_give_the_participants_address_in_the_admin(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1))

    register_in_admin(coordinator_client, session, "An", participant_email="an@ocmw-gent.be")

    assert session.registrations.get().participant_email == "an@ocmw-gent.be"


def test_the_admin_refuses_a_malformed_participant_address(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1))

    response = register_in_admin(coordinator_client, session, "An", participant_email="an at gent")

    assert "Voer een geldig e-mailadres in." in response.text
    assert not session.registrations.exists()


def test_staff_correct_the_participants_address_later(coordinator_client):
    registration = RegistrationFactory(session=TrainingSessionFactory(date=datetime.date(2030, 5, 1)))
    change = reverse("admin:trainings_registration_change", args=[registration.pk])

    response = coordinator_client.post(
        change, {"function": "", "participant_email": "An@Gent.BE", "seen_version": registration.version}
    )

    registration.refresh_from_db()
    assert response.status_code == 302 and registration.participant_email == "An@gent.be"


def test_the_admin_refuses_a_duplicate_registration(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1))
    RegistrationFactory(session=session, name="An Peeters", organisation_name="OCMW Gent")

    response = register_in_admin(coordinator_client, session, "an peeters")

    assert "is al ingeschreven voor deze sessie" in response.text
    assert session.registrations.count() == 1


def test_the_status_of_a_registration_cannot_be_edited_by_hand(coordinator_client):
    registration = RegistrationFactory(session=TrainingSessionFactory(date=datetime.date(2030, 5, 1)))

    response = coordinator_client.get(reverse("admin:trainings_registration_change", args=[registration.pk]))

    assert 'name="status"' not in response.text and 'name="function"' in response.text


def test_registrations_are_not_deleted_but_cancelled_so_the_waiting_list_moves_up(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1), capacity=1)
    first = RegistrationFactory(session=session, name="An")
    waiting = RegistrationFactory(session=session, name="Bart", status=Registration.Status.WAITING)

    denied = coordinator_client.post(reverse("admin:trainings_registration_delete", args=[first.pk]), {"post": "yes"})
    coordinator_client.post(
        reverse("admin:trainings_registration_changelist"), {"action": "cancel", "_selected_action": [first.pk]}
    )

    assert denied.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_the_session_page_shows_registrations_without_editing_them(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1))
    RegistrationFactory(session=session, name="An")

    response = coordinator_client.get(reverse("admin:trainings_trainingsession_change", args=[session.pk]))

    assert "An" in response.text and 'name="registrations-0-name"' not in response.text
    assert f"{reverse('admin:trainings_registration_add')}?session={session.pk}" in response.text


def test_attendance_is_marked_in_the_admin_after_the_session(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2020, 5, 1), capacity=5)
    came = RegistrationFactory(session=session, name="An")
    absent = RegistrationFactory(session=session, name="Bart")

    coordinator_client.post(
        reverse("admin:trainings_registration_changelist"), {"action": "mark_attended", "_selected_action": [came.pk]}
    )

    assert Registration.objects.get(pk=came.pk).attended is True
    assert Registration.objects.get(pk=absent.pk).attended is False


def test_attendance_cannot_be_marked_before_the_session(coordinator_client):
    came = RegistrationFactory(session=TrainingSessionFactory(date=datetime.date(2030, 5, 1)), name="An")

    response = coordinator_client.post(
        reverse("admin:trainings_registration_changelist"),
        {"action": "mark_attended", "_selected_action": [came.pk]},
        follow=True,
    )

    assert "De aanwezigheid kan pas na de sessie geregistreerd worden." in response.text
    assert Registration.objects.get(pk=came.pk).attended is None


def session_row(client, session):
    """The registered and attended cells of the session's line in the changelist."""
    response = client.get(reverse("admin:trainings_trainingsession_changelist"))
    shown = next(s for s in response.context["cl"].result_list if s.pk == session.pk)
    return shown.registered, shown.attendees, response.text


def test_a_coming_session_shows_who_registered_and_no_attendance_yet(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1), capacity=None)
    RegistrationFactory.create_batch(7, session=session)
    RegistrationFactory(session=session, status=Registration.Status.WAITING)
    RegistrationFactory(session=session, status=Registration.Status.CANCELLED)

    registered, attendees, page = session_row(coordinator_client, session)

    assert (registered, attendees) == (7, None)
    assert '<td class="field-registered">7</td><td class="field-attendees">-</td>' in page


def test_a_past_session_shows_registered_and_attended_side_by_side(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2020, 5, 1), capacity=None)
    RegistrationFactory.create_batch(2, session=session, attended=True)
    RegistrationFactory(session=session, attended=False)

    registered, attendees, page = session_row(coordinator_client, session)

    assert (registered, attendees) == (3, 2)
    assert '<td class="field-registered">3</td><td class="field-attendees">2</td>' in page


def test_a_historic_session_without_registrations_shows_the_number_entered_as_attended(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2016, 5, 1), historic_participants=12)

    assert session_row(coordinator_client, session)[:2] == (0, 12)
