"""Change history: who changed what and when, shown from each record in the admin."""

import datetime

import pytest
from django.urls import reverse

from cases.models import Referral
from tests.factories import CaseFactory, OrganisationFactory, RegistrationFactory, municipality

pytestmark = pytest.mark.django_db


def test_a_referral_shows_who_changed_its_outcome(coordinator, coordinator_client):
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
    coordinator_client.post(url, data)

    history = coordinator_client.get(reverse("admin:cases_referral_history", args=[referral.pk])).text

    assert coordinator.get_username() in history
    assert "uitkomst" in history.lower()


def test_a_case_links_to_its_referrals_own_page(coordinator_client):
    referral = Referral.objects.create(
        case=CaseFactory(),
        ocmw=OrganisationFactory(municipality=municipality("44021"), kind="ocmw"),
        referred_on=datetime.date(2024, 3, 1),
        reason="Schuldhulp",
    )

    page = coordinator_client.get(reverse("admin:cases_case_change", args=[referral.case_id])).text

    assert reverse("admin:cases_referral_change", args=[referral.pk]) in page


def test_a_registration_keeps_its_history(coordinator_client):
    registration = RegistrationFactory()

    history = coordinator_client.get(reverse("admin:trainings_registration_history", args=[registration.pk]))

    assert history.status_code == 200
    assert registration.history.count() == 1
