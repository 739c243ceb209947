"""A rule written in a service or a model's clean() holds through the API as well, with its Dutch message."""

import pytest
from rest_framework.test import APIClient

from partnerships.models import Organisation, Outreach
from tests.factories import OutreachFactory, municipality, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_api():
    client = APIClient()
    client.force_authenticate(staff_user())
    return client


@pytest.fixture
def gent_ocmw():
    return Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)


def test_the_api_refuses_a_declined_offer_without_a_reason(coordinator_api, gent_ocmw):
    response = coordinator_api.post(
        "/api/v1/outreach/",
        {"organisation": gent_ocmw.pk, "sent_on": "2024-01-10", "status": "geweigerd", "status_date": "2024-02-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["decline_reason"] == ["Geef de reden van de weigering op."]
    assert not Outreach.objects.exists()


def test_the_api_refuses_to_change_an_offer_into_a_refusal_without_a_reason(coordinator_api, gent_ocmw):
    outreach = OutreachFactory(organisation=gent_ocmw)

    response = coordinator_api.patch(f"/api/v1/outreach/{outreach.pk}/", {"status": "geweigerd"}, format="json")

    assert response.status_code == 400 and "Geef de reden van de weigering op." in response.json()["decline_reason"]
    outreach.refresh_from_db()
    assert outreach.status != Outreach.Status.DECLINED


def test_the_api_refuses_an_offer_whose_status_starts_before_it_was_sent(coordinator_api, gent_ocmw):
    response = coordinator_api.post(
        "/api/v1/outreach/",
        {"organisation": gent_ocmw.pk, "sent_on": "2024-03-01", "status": "in_onderhandeling", "status_date": "2024-02-01"},
        format="json",
    )

    assert response.status_code == 400 and "status_date" in response.json()


def test_the_api_refuses_an_organisation_with_a_malformed_email(coordinator_api, gent_ocmw):
    response = coordinator_api.patch(f"/api/v1/organisations/{gent_ocmw.pk}/", {"email": "geen adres"}, format="json")

    assert response.status_code == 400 and "email" in response.json()
    gent_ocmw.refresh_from_db()
    assert gent_ocmw.email != "geen adres"
