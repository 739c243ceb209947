"""Change history: who changed what and when, shown from each record in the admin."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Referral
from tests.factories import CaseFactory, OrganisationFactory, RegistrationFactory, UserFactory, municipality, sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    sign_in(client, UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True))
    return client


def test_a_referral_shows_who_changed_its_outcome(staff_client):
    ocmw = OrganisationFactory(municipality=municipality("44021"), kind="ocmw")
    referral = Referral.objects.create(case=CaseFactory(), ocmw=ocmw, referred_on=datetime.date(2024, 3, 1), reason="Schuldhulp")
    url = reverse("admin:cases_referral_change", args=[referral.pk])
    data = {
        "case": referral.case_id,
        "ocmw": ocmw.pk,
        "referred_on": "01/03/2024",
        "reason": "Schuldhulp",
        "outcome": "toegekend",
    }
    staff_client.post(url, data)

    history = staff_client.get(reverse("admin:cases_referral_history", args=[referral.pk])).text

    assert "coordinator" in history
    assert "uitkomst" in history.lower()


def test_a_case_links_to_its_referrals_own_page(staff_client):
    referral = Referral.objects.create(
        case=CaseFactory(),
        ocmw=OrganisationFactory(municipality=municipality("44021"), kind="ocmw"),
        referred_on=datetime.date(2024, 3, 1),
        reason="Schuldhulp",
    )

    page = staff_client.get(reverse("admin:cases_case_change", args=[referral.case_id])).text

    assert reverse("admin:cases_referral_change", args=[referral.pk]) in page


def test_a_registration_keeps_its_history(staff_client):
    registration = RegistrationFactory()

    history = staff_client.get(reverse("admin:trainings_registration_history", args=[registration.pk]))

    assert history.status_code == 200
    assert registration.history.count() == 1
