"""Staff plan sessions and register people in the admin; the registration rules apply there too."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory, TrainingSessionFactory
from trainings.models import Registration

pytestmark = pytest.mark.django_db


def session_form(session, registrations):
    data = {
        "date": session.date.strftime("%d/%m/%Y"),
        "organiser_name": session.organiser_name,
        "target_group": session.target_group,
        "capacity": session.capacity,
        "language": "nl",
        "registrations-TOTAL_FORMS": len(registrations),
        "registrations-INITIAL_FORMS": sum(1 for row in registrations if "id" in row),
        "registrations-MIN_NUM_FORMS": 0,
        "registrations-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(registrations):
        data.update({f"registrations-{index}-{key}": value for key, value in row.items()})
        data[f"registrations-{index}-session"] = session.pk
    return data


def test_registering_beyond_capacity_in_the_admin_fills_the_waiting_list(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2030, 5, 1), capacity=1)
    rows = [{"name": "An", "organisation_name": "OCMW Gent"}, {"name": "Bart", "organisation_name": "OCMW Gent"}]

    coordinator_client.post(reverse("admin:trainings_trainingsession_change", args=[session.pk]), session_form(session, rows))

    assert list(session.registrations.order_by("name").values_list("status", flat=True)) == [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITING,
    ]


def test_attendance_is_marked_in_the_admin_after_the_session(coordinator_client):
    session = TrainingSessionFactory(date=datetime.date(2020, 5, 1), capacity=5)
    came = RegistrationFactory(session=session, name="An")
    rows = [{"id": came.pk, "name": "An", "organisation_name": "OCMW Gent", "attended": "true"}]

    coordinator_client.post(reverse("admin:trainings_trainingsession_change", args=[session.pk]), session_form(session, rows))

    assert Registration.objects.get(pk=came.pk).attended is True
